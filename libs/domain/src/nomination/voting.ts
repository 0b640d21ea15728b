import type { DomainError } from '../shared/domain-error';
import { refuse } from '../errors';
import { hasRole } from '../roles';
import { isSystemActor } from '../system-actor';
import { isPast } from '../shared/time';
import { DEADLINE_FIELD } from '../campaign/campaign-decider';
import type { AwardType, Share } from '../catalog/award-catalog';
import type { CouncilState } from '../council/council-events';
import type { NominationContext } from './nomination-context';
import type { CastBallot, CloseVoting, DeclareConflict, OpenVoting } from './nomination-commands';
import type { Choice, MemberRecused, NominationEvent, NominationVoted, RecusalGround } from './nomination-events';
import type { NominationState, VotingState } from './nomination-state';
import { beforeDeadline, inStatus, nonEmpty, scopeOf } from './guards';

/**
 * Secret ballots: nothing this file returns — events or refusals — links a member to a choice.
 * CastBallot yields only participation; the choice and ballot id travel in the command to the
 * handler, which seals them in the ballot box. CloseVoting gets the box back, shuffled, and
 * reveals it as a list of {ballotId, choice} in VotingClosed.
 */

type Result = NominationEvent[] | DomainError;

const CHOICES: readonly Choice[] = ['yes', 'no', 'abstain'];
const isChoice = (c: unknown): c is Choice => CHOICES.includes(c as Choice);

/** ceil(n × share) in whole numbers. */
export function shareOf(n: number, share: Share): number {
  return Math.floor((n * share.parts + share.of - 1) / share.of);
}

type KnownCouncil = Exclude<CouncilState, { status: 'none' }>;

function councilOf(context: NominationContext, councilId: string): KnownCouncil | DomainError {
  const council = context.council;
  if (!council || council.status === 'none') return refuse('COUNCIL_NOT_FOUND', 'The campaign has no council.');
  if (council.councilId !== councilId) return refuse('CAMPAIGN_MISMATCH', "This is not the campaign's council.");
  return council;
}

/** The tally, exported so an auditor can recompute NominationVoted from VotingClosed. */
export function tally(
  award: Pick<AwardType, 'quorum' | 'threshold' | 'thresholdBase'>,
  voting: Pick<VotingState, 'members' | 'eligible' | 'present' | 'ballot'>,
  choices: Choice[],
): Omit<NominationVoted['data'], 'nominationId' | 'sessionId' | 'recused' | 'votedAt'> {
  const count = (c: Choice) => choices.filter((x) => x === c).length;
  const [yes, no, abstain] = [count('yes'), count('no'), count('abstain')];
  const quorumRequired = shareOf(voting.eligible.length, award.quorum);
  const quorumMet = voting.present.length >= quorumRequired && voting.present.length > 0;
  const thresholdDenominator = award.thresholdBase === 'all_members' ? voting.eligible.length : voting.present.length;
  const yesRequired = Math.max(1, shareOf(thresholdDenominator, award.threshold));
  return {
    ballot: voting.ballot,
    members: voting.members.length,
    eligible: voting.eligible,
    present: voting.present,
    participated: choices.length,
    yes,
    no,
    abstain,
    quorum: award.quorum,
    quorumRequired,
    quorumMet,
    threshold: award.threshold,
    thresholdBase: award.thresholdBase,
    thresholdDenominator,
    yesRequired,
    passed: quorumMet && yes >= yesRequired,
  };
}

export function declareConflict(command: DeclareConflict, state: NominationState, context: NominationContext): Result {
  const { actor, now } = command.metadata;
  const order = inStatus(state, ['submitted', 'evaluated', 'notice_open', 'notice_closed', 'voting'], 'take a declaration of conflict');
  if (order) return order;
  const scope = scopeOf(state, context);
  if ('code' in scope) return scope;
  const council = councilOf(context, scope.campaign.councilId);
  if ('code' in council) return council;
  if (!council.members.some((m) => m.memberId === actor.id)) return refuse('NOT_A_MEMBER', 'Only a council member declares a conflict.');
  if (state.recused.some((r) => r.memberId === actor.id)) return refuse('ALREADY_RECUSED', 'You are already recused from this nomination.');
  if (state.voting?.participants.includes(actor.id)) {
    return refuse('ALREADY_VOTED', 'You have already voted on this nomination; declare conflicts before voting.');
  }
  if (!nonEmpty(command.data.reason)) return refuse('INVALID_COMMAND', 'Say what the conflict is.');
  return [
    { type: 'ConflictDeclared', data: { nominationId: state.nominationId, memberId: actor.id, reason: command.data.reason, declaredAt: now } },
    { type: 'MemberRecused', data: { nominationId: state.nominationId, memberId: actor.id, ground: 'declared_conflict', recusedAt: now } },
  ];
}

/**
 * The council takes the nomination up in an open session. Members from the nominee's unit are
 * recused here automatically; quorum is counted over the members who are neither recused nor
 * absent.
 */
export function openVoting(command: OpenVoting, state: NominationState, context: NominationContext): Result {
  const { actor, now } = command.metadata;
  if (!hasRole(actor, 'council_secretary')) return refuse('FORBIDDEN_ROLE', 'Only the council secretary opens voting.');
  const order = inStatus(state, ['notice_closed'], 'be voted on');
  if (order) return order;
  const scope = scopeOf(state, context);
  if ('code' in scope) return scope;
  const { campaign, award } = scope;
  const late = beforeDeadline(now, campaign, 'decision');
  if (late) return late;
  const decisionDeadline = campaign.schedule[DEADLINE_FIELD.decision];
  const closesAt = command.data.closesAt ?? decisionDeadline;
  if (Number.isNaN(Date.parse(closesAt)) || !isPast(closesAt, now) || isPast(closesAt, decisionDeadline)) {
    return refuse('INVALID_SCHEDULE', 'The vote must close after now and no later than the decision deadline.', {
      decisionDeadline,
    });
  }
  if (Object.values(state.objections).includes('open')) {
    return refuse('OBJECTION_OPEN', 'An objection is still open; resolve it before the vote.');
  }
  const council = councilOf(context, campaign.councilId);
  if ('code' in council) return council;
  if (!council.session) return refuse('SESSION_NOT_OPEN', 'The council is not in session.');
  if (council.session.sessionId !== command.data.sessionId) return refuse('SESSION_MISMATCH', 'That is not the open session.');

  const sameUnit: MemberRecused[] = council.members
    .filter((m) => m.unitId === state.nominee?.unitId && !state.recused.some((r) => r.memberId === m.memberId))
    .map((m) => ({
      type: 'MemberRecused',
      data: { nominationId: state.nominationId, memberId: m.memberId, ground: 'same_unit', recusedAt: now },
    }));
  const recused = new Set([...state.recused.map((r) => r.memberId), ...sameUnit.map((e) => e.data.memberId)]);
  const members = council.members.map((m) => m.memberId);
  const eligible = members.filter((id) => !recused.has(id));
  const present = eligible.filter((id) => council.session!.present.includes(id));
  const quorumRequired = shareOf(eligible.length, award.quorum);
  if (present.length < quorumRequired || present.length === 0) {
    return refuse('QUORUM_NOT_MET', `${present.length} eligible member(s) present; ${quorumRequired} needed.`, {
      present: present.length,
      quorumRequired,
    });
  }
  return [
    ...sameUnit,
    {
      type: 'VotingOpened',
      data: {
        nominationId: state.nominationId,
        councilId: council.councilId,
        sessionId: command.data.sessionId,
        ballot: award.ballot,
        members,
        eligible,
        present,
        quorum: award.quorum,
        quorumRequired,
        closesAt: new Date(Date.parse(closesAt)).toISOString(),
        openedBy: actor.id,
        openedAt: now,
      },
    },
  ];
}

export function castBallot(command: CastBallot, state: NominationState, context: NominationContext): Result {
  const { actor, now } = command.metadata;
  const d = command.data;
  if (!hasRole(actor, 'council_member')) return refuse('FORBIDDEN_ROLE', 'Only a council member votes.');
  if (state.status === 'voted' || state.status === 'vote_failed') return refuse('VOTING_CLOSED', 'Voting on this nomination is closed.');
  const order = inStatus(state, ['voting'], 'take ballots');
  if (order) return order;
  const voting = state.voting!;
  const scope = scopeOf(state, context);
  if ('code' in scope) return scope;
  const late = beforeDeadline(now, scope.campaign, 'decision');
  if (late) return late;
  if (voting.closesAt && isPast(now, voting.closesAt)) return refuse('VOTING_CLOSED', 'The time for this vote is over.', { closesAt: voting.closesAt });
  if (d.sessionId !== voting.sessionId) return refuse('SESSION_MISMATCH', 'This nomination is voted on in another session.');
  const council = councilOf(context, voting.councilId);
  if ('code' in council) return council;
  if (council.session?.sessionId !== voting.sessionId) return refuse('SESSION_NOT_OPEN', 'The session is closed.');
  if (!voting.members.includes(actor.id)) return refuse('NOT_A_MEMBER', 'You were not a council member when voting opened.');
  const member = council.members.find((m) => m.memberId === actor.id);
  if (state.recused.some((r) => r.memberId === actor.id) || member?.unitId === state.nominee?.unitId) {
    return refuse('CONFLICT_OF_INTEREST', 'You are recused from this nomination.');
  }
  if (!voting.present.includes(actor.id)) return refuse('NOT_PRESENT', 'Only members present in the session vote.');
  if (voting.participants.includes(actor.id)) return refuse('ALREADY_VOTED', 'You have already voted on this nomination.');
  // The refusal never echoes the choice: a malformed secret ballot must not leak either.
  if (!isChoice(d.choice)) return refuse('INVALID_BALLOT', 'A ballot is yes, no or abstain.');
  const base = { nominationId: state.nominationId, sessionId: voting.sessionId, memberId: actor.id, castAt: now };
  if (voting.ballot === 'secret') {
    if (!nonEmpty(d.ballotId)) return refuse('INVALID_BALLOT', 'A secret ballot needs a ballot id from the ballot box.');
    return [{ type: 'BallotCast', data: { ...base, ballot: 'secret' } }];
  }
  return [{ type: 'BallotCast', data: { ...base, ballot: 'open', choice: d.choice } }];
}

export function closeVoting(command: CloseVoting, state: NominationState, context: NominationContext): Result {
  const { actor, now } = command.metadata;
  const d = command.data;
  const bySystem = isSystemActor(actor);
  if (!bySystem && !hasRole(actor, 'council_secretary')) return refuse('FORBIDDEN_ROLE', 'Only the council secretary closes voting.');
  if (state.status === 'voted' || state.status === 'vote_failed') return refuse('VOTING_CLOSED', 'Voting on this nomination is closed.');
  const order = inStatus(state, ['voting'], 'close its vote');
  if (order) return order;
  const voting = state.voting!;
  const scope = scopeOf(state, context);
  if ('code' in scope) return scope;
  // The deadline job closes a vote only when no ballot can be cast any more.
  const dueAt = voting.closesAt ?? scope.campaign.schedule[DEADLINE_FIELD.decision];
  if (bySystem && !isPast(now, dueAt)) return refuse('DEADLINE_NOT_PASSED', 'The decision deadline has not passed.', { dueAt });
  if (d.sessionId !== voting.sessionId) return refuse('SESSION_MISMATCH', 'This nomination is voted on in another session.');
  const base = { nominationId: state.nominationId, sessionId: voting.sessionId, closedBy: actor.id, closedAt: now };
  let choices: Choice[];
  let closed: NominationEvent;
  if (voting.ballot === 'secret') {
    const ballots = d.ballots;
    if (!ballots) return refuse('INVALID_BALLOT', 'Closing a secret vote takes the sealed ballots.');
    if (ballots.length !== voting.participants.length) {
      return refuse('BALLOT_COUNT_MISMATCH', `${ballots.length} ballot(s) for ${voting.participants.length} voter(s).`, {
        ballots: ballots.length,
        participants: voting.participants.length,
      });
    }
    const ids = ballots.map((b) => b.ballotId);
    if (!ids.every(nonEmpty) || new Set(ids).size !== ids.length || !ballots.every((b) => isChoice(b.choice))) {
      return refuse('INVALID_BALLOT', 'Each sealed ballot needs a unique id and a valid choice.');
    }
    choices = ballots.map((b) => b.choice);
    closed = {
      type: 'VotingClosed',
      data: { ...base, ballot: 'secret', ballots: ballots.map((b) => ({ ballotId: b.ballotId, choice: b.choice })) },
    };
  } else {
    if (d.ballots !== undefined) return refuse('INVALID_COMMAND', 'An open vote has no sealed ballots.');
    choices = voting.rollCall.map((v) => v.choice);
    closed = { type: 'VotingClosed', data: { ...base, ballot: 'open', votes: voting.rollCall } };
  }
  const recused: { memberId: string; ground: RecusalGround }[] = state.recused.filter((r) => voting.members.includes(r.memberId));
  return [
    closed,
    {
      type: 'NominationVoted',
      data: {
        nominationId: state.nominationId,
        sessionId: voting.sessionId,
        ...tally(scope.award, voting, choices),
        recused,
        votedAt: now,
      },
    },
  ];
}
