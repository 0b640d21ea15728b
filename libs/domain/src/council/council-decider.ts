import type { Decider } from '../shared/decider';
import type { DomainError } from '../shared/domain-error';
import { refuse } from '../errors';
import { hasRole } from '../roles';
import { evolveCouncil, initialCouncilState, type CouncilEvent, type CouncilMember, type CouncilState } from './council-events';
import type { CouncilCommand } from './council-commands';

const COUNCIL_ROLES = ['chair', 'vice_chair', 'secretary', 'member'];

function memberIssue(m: CouncilMember): string | null {
  if (!m.memberId?.trim() || !m.name?.trim() || !m.unitId?.trim()) return 'a member needs an id, a name and a unit';
  if (!COUNCIL_ROLES.includes(m.councilRole)) return `a member's role is one of ${COUNCIL_ROLES.join(', ')}`;
  return null;
}

/**
 * Membership changes only between sessions, so the members a session counts its quorum from
 * are the members it opened with.
 */
export function decideCouncil(command: CouncilCommand, state: CouncilState): CouncilEvent[] | DomainError {
  const { actor, now } = command.metadata;
  switch (command.type) {
    case 'ConstituteCouncil': {
      if (!hasRole(actor, 'admin')) return refuse('FORBIDDEN_ROLE', 'Only an administrator constitutes a council.');
      if (state.status !== 'none') return refuse('ALREADY_EXISTS', 'This council is already constituted.');
      const { councilId, name, members } = command.data;
      if (!name.trim() || members.length === 0) return refuse('INVALID_COMMAND', 'A council needs a name and members.');
      const issue = members.map(memberIssue).find((x) => x !== null);
      if (issue) return refuse('INVALID_COMMAND', `Invalid member: ${issue}.`);
      if (new Set(members.map((m) => m.memberId)).size !== members.length) {
        return refuse('INVALID_COMMAND', 'A member is listed twice.');
      }
      return [{ type: 'CouncilConstituted', data: { councilId, name, members, constitutedBy: actor.id, constitutedAt: now } }];
    }
    case 'AddCouncilMember': {
      if (!hasRole(actor, 'admin')) return refuse('FORBIDDEN_ROLE', 'Only an administrator changes council membership.');
      if (state.status === 'none') return refuse('COUNCIL_NOT_FOUND', 'There is no such council.');
      const member = command.data.member;
      const issue = memberIssue(member);
      if (issue) return refuse('INVALID_COMMAND', `Invalid member: ${issue}.`);
      if (state.members.some((m) => m.memberId === member.memberId)) return refuse('ALREADY_EXISTS', 'Already a member.');
      if (state.session) return refuse('MEMBER_IN_SESSION', 'Membership changes only between sessions.');
      return [{ type: 'MemberAdded', data: { councilId: state.councilId, member, addedBy: actor.id, addedAt: now } }];
    }
    case 'RemoveCouncilMember': {
      if (!hasRole(actor, 'admin')) return refuse('FORBIDDEN_ROLE', 'Only an administrator changes council membership.');
      if (state.status === 'none') return refuse('COUNCIL_NOT_FOUND', 'There is no such council.');
      const { memberId, reason } = command.data;
      if (!state.members.some((m) => m.memberId === memberId)) return refuse('NOT_A_MEMBER', 'Not a member of this council.');
      if (state.session) return refuse('MEMBER_IN_SESSION', 'Membership changes only between sessions.');
      if (!reason.trim()) return refuse('INVALID_COMMAND', 'Say why the member leaves.');
      return [{ type: 'MemberRemoved', data: { councilId: state.councilId, memberId, reason, removedBy: actor.id, removedAt: now } }];
    }
    case 'OpenSession': {
      if (!hasRole(actor, 'council_secretary')) return refuse('FORBIDDEN_ROLE', 'Only the council secretary opens a session.');
      if (state.status === 'none') return refuse('COUNCIL_NOT_FOUND', 'There is no such council.');
      if (state.session) return refuse('SESSION_ALREADY_OPEN', 'A session is already open; close it first.');
      const { sessionId, present } = command.data;
      if (!sessionId.trim()) return refuse('INVALID_COMMAND', 'A session needs an id.');
      if (state.sessionIds.includes(sessionId)) return refuse('ALREADY_EXISTS', 'This session id was used before.');
      if (new Set(present).size !== present.length) return refuse('INVALID_COMMAND', 'A member is listed present twice.');
      const stranger = present.find((id) => !state.members.some((m) => m.memberId === id));
      if (stranger !== undefined) return refuse('NOT_A_MEMBER', 'Someone listed present is not a council member.');
      return [
        {
          type: 'SessionOpened',
          data: { councilId: state.councilId, sessionId, present, memberCount: state.members.length, openedBy: actor.id, openedAt: now },
        },
      ];
    }
    case 'CloseSession': {
      if (!hasRole(actor, 'council_secretary')) return refuse('FORBIDDEN_ROLE', 'Only the council secretary closes a session.');
      if (state.status === 'none') return refuse('COUNCIL_NOT_FOUND', 'There is no such council.');
      if (!state.session) return refuse('SESSION_NOT_OPEN', 'No session is open.');
      if (state.session.sessionId !== command.data.sessionId) return refuse('SESSION_MISMATCH', 'That is not the open session.');
      return [{ type: 'SessionClosed', data: { councilId: state.councilId, sessionId: state.session.sessionId, closedBy: actor.id, closedAt: now } }];
    }
    default: {
      const _exhaustive: never = command;
      return refuse('INVALID_COMMAND', 'Unknown command.');
    }
  }
}

export const councilDecider: Decider<CouncilCommand, CouncilEvent, CouncilState> = {
  initialState: initialCouncilState,
  evolve: evolveCouncil,
  decide: (command, state) => decideCouncil(command, state),
};
