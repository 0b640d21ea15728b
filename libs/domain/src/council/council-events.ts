export type CouncilRole = 'chair' | 'vice_chair' | 'secretary' | 'member';

export type CouncilMember = {
  /** The member's user id: the actor id they act under. */
  memberId: string;
  name: string;
  councilRole: CouncilRole;
  unitId: string;
};

export type CouncilConstituted = {
  type: 'CouncilConstituted';
  data: {
    councilId: string;
    name: string;
    members: CouncilMember[];
    constitutedBy: string;
    constitutedAt: string;
  };
};

export type MemberAdded = {
  type: 'MemberAdded';
  data: { councilId: string; member: CouncilMember; addedBy: string; addedAt: string };
};

export type MemberRemoved = {
  type: 'MemberRemoved';
  data: { councilId: string; memberId: string; reason: string; removedBy: string; removedAt: string };
};

export type SessionOpened = {
  type: 'SessionOpened';
  data: {
    councilId: string;
    sessionId: string;
    /** Member ids present when the session opened; the quorum is counted from them. */
    present: string[];
    /** How many members the council had when the session opened. */
    memberCount: number;
    openedBy: string;
    openedAt: string;
  };
};

export type SessionClosed = {
  type: 'SessionClosed';
  data: { councilId: string; sessionId: string; closedBy: string; closedAt: string };
};

export type CouncilEvent = CouncilConstituted | MemberAdded | MemberRemoved | SessionOpened | SessionClosed;

export const COUNCIL_EVENT_TYPES = [
  'CouncilConstituted',
  'MemberAdded',
  'MemberRemoved',
  'SessionOpened',
  'SessionClosed',
] as const satisfies readonly CouncilEvent['type'][];

export type CouncilState =
  | { status: 'none' }
  | {
      status: 'constituted';
      councilId: string;
      name: string;
      members: CouncilMember[];
      /** The open session, if any; at most one at a time. */
      session: { sessionId: string; present: string[]; openedAt: string } | null;
      /** Ids of every session ever opened, so an id is never reused. */
      sessionIds: string[];
    };

export const initialCouncilState: CouncilState = { status: 'none' };

export function evolveCouncil(state: CouncilState, event: CouncilEvent): CouncilState {
  switch (event.type) {
    case 'CouncilConstituted':
      return {
        status: 'constituted',
        councilId: event.data.councilId,
        name: event.data.name,
        members: event.data.members,
        session: null,
        sessionIds: [],
      };
    case 'MemberAdded':
      return state.status === 'none' ? state : { ...state, members: [...state.members, event.data.member] };
    case 'MemberRemoved':
      return state.status === 'none'
        ? state
        : { ...state, members: state.members.filter((m) => m.memberId !== event.data.memberId) };
    case 'SessionOpened':
      return state.status === 'none'
        ? state
        : {
            ...state,
            session: { sessionId: event.data.sessionId, present: event.data.present, openedAt: event.data.openedAt },
            sessionIds: [...state.sessionIds, event.data.sessionId],
          };
    case 'SessionClosed':
      return state.status === 'none' ? state : { ...state, session: null };
    default: {
      const _exhaustive: never = event;
      return state;
    }
  }
}
