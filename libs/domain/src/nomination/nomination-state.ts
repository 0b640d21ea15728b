import type { BallotKind, RecipientKind } from '../catalog/award-catalog';
import type { DeadlineKind } from '../campaign/campaign-events';
import type {
  Choice,
  CriterionScore,
  NominationEvent,
  NomineeRole,
  RecusalGround,
} from './nomination-events';

export type NominationStatus =
  | 'none'
  | 'pledged'
  | 'submitted'
  | 'returned'
  | 'evaluated'
  | 'evaluation_failed'
  | 'notice_open'
  | 'notice_closed'
  | 'voting'
  | 'voted'
  | 'vote_failed'
  | 'approved'
  | 'rejected'
  | 'published'
  | 'revoked'
  | 'withdrawn';

export type VotingState = {
  councilId: string;
  sessionId: string;
  ballot: BallotKind;
  members: string[];
  eligible: string[];
  present: string[];
  /** Events written before closesAt existed end at the decision deadline. */
  closesAt: string | null;
  /** Who has voted (participation); for secret ballots this is all the stream knows. */
  participants: string[];
  /** Open ballots only: member and choice. */
  rollCall: { memberId: string; choice: Choice }[];
};

export type NominationState = {
  status: NominationStatus;
  nominationId: string;
  campaignId: string;
  awardCode: string;
  pledge: { unitId: string; nomineeId: string } | null;
  nominee: { id: string; name: string; unitId: string; role: NomineeRole | null; kind: RecipientKind } | null;
  submittedBy: string | null;
  resubmitBy: string | null;
  evaluators: { evaluatorId: string; unitId: string }[];
  scores: Record<string, CriterionScore[]>;
  evaluation: { passed: boolean; weightedTotal: number } | null;
  notice: { startDate: string; endDate: string } | null;
  objections: Record<string, 'open' | 'upheld' | 'dismissed'>;
  recused: { memberId: string; ground: RecusalGround }[];
  voting: VotingState | null;
  vote: { passed: boolean; yes: number; no: number; abstain: number } | null;
  decision: { decisionNumber: string; signerId: string } | null;
  missedDeadlines: DeadlineKind[];
};

export const initialNominationState: NominationState = {
  status: 'none',
  nominationId: '',
  campaignId: '',
  awardCode: '',
  pledge: null,
  nominee: null,
  submittedBy: null,
  resubmitBy: null,
  evaluators: [],
  scores: {},
  evaluation: null,
  notice: null,
  objections: {},
  recused: [],
  voting: null,
  vote: null,
  decision: null,
  missedDeadlines: [],
};

export function evolveNomination(state: NominationState, event: NominationEvent): NominationState {
  switch (event.type) {
    case 'NominationPledged': {
      const d = event.data;
      return {
        ...state,
        status: 'pledged',
        nominationId: d.nominationId,
        campaignId: d.campaignId,
        awardCode: d.awardCode,
        pledge: { unitId: d.unitId, nomineeId: d.nomineeId },
      };
    }
    case 'NominationSubmitted': {
      const d = event.data;
      return {
        ...state,
        status: 'submitted',
        nominationId: d.nominationId,
        campaignId: d.campaignId,
        awardCode: d.awardCode,
        nominee: { id: d.nomineeId, name: d.nomineeName, unitId: d.nomineeUnitId, role: d.nomineeRole, kind: d.recipientKind },
        submittedBy: d.submittedBy,
      };
    }
    case 'NominationReturned':
      // A returned dossier is evaluated afresh once resubmitted.
      return { ...state, status: 'returned', resubmitBy: event.data.resubmitBy, evaluators: [], scores: {} };
    case 'NominationResubmitted':
      return { ...state, status: 'submitted', resubmitBy: null };
    case 'EvaluatorAssigned':
      return {
        ...state,
        evaluators: [...state.evaluators, { evaluatorId: event.data.evaluatorId, unitId: event.data.evaluatorUnitId }],
      };
    case 'EvaluationScored':
      return { ...state, scores: { ...state.scores, [event.data.evaluatorId]: event.data.scores } };
    case 'NominationEvaluated':
      return {
        ...state,
        status: event.data.passed ? 'evaluated' : 'evaluation_failed',
        evaluation: { passed: event.data.passed, weightedTotal: event.data.weightedTotal },
      };
    case 'PublicNoticeOpened':
      return { ...state, status: 'notice_open', notice: { startDate: event.data.startDate, endDate: event.data.endDate } };
    case 'ObjectionFiled':
      return { ...state, objections: { ...state.objections, [event.data.objectionId]: 'open' } };
    case 'ObjectionResolved':
      return { ...state, objections: { ...state.objections, [event.data.objectionId]: event.data.outcome } };
    case 'PublicNoticeClosed':
      return { ...state, status: 'notice_closed' };
    case 'ConflictDeclared':
      return state; // the MemberRecused that always follows carries the effect
    case 'MemberRecused': {
      const recused = [...state.recused, { memberId: event.data.memberId, ground: event.data.ground }];
      if (!state.voting) return { ...state, recused };
      const drop = (ids: string[]) => ids.filter((id) => id !== event.data.memberId);
      return { ...state, recused, voting: { ...state.voting, eligible: drop(state.voting.eligible), present: drop(state.voting.present) } };
    }
    case 'VotingOpened': {
      const d = event.data;
      return {
        ...state,
        status: 'voting',
        voting: {
          councilId: d.councilId,
          sessionId: d.sessionId,
          ballot: d.ballot,
          members: d.members,
          eligible: d.eligible,
          present: d.present,
          closesAt: d.closesAt ?? null,
          participants: [],
          rollCall: [],
        },
      };
    }
    case 'BallotCast': {
      if (!state.voting) return state;
      const d = event.data;
      const participants = [...state.voting.participants, d.memberId];
      const rollCall = d.ballot === 'open' ? [...state.voting.rollCall, { memberId: d.memberId, choice: d.choice }] : state.voting.rollCall;
      return { ...state, voting: { ...state.voting, participants, rollCall } };
    }
    case 'VotingClosed':
      return state; // NominationVoted, always appended with it, carries the result
    case 'NominationVoted': {
      const d = event.data;
      return {
        ...state,
        status: d.passed ? 'voted' : 'vote_failed',
        vote: { passed: d.passed, yes: d.yes, no: d.no, abstain: d.abstain },
      };
    }
    case 'NominationApproved':
      return { ...state, status: 'approved', decision: { decisionNumber: event.data.decisionNumber, signerId: event.data.signerId } };
    case 'NominationRejected':
      return { ...state, status: 'rejected' };
    case 'NominationPublished':
      return { ...state, status: 'published' };
    case 'AwardRevoked':
      return { ...state, status: 'revoked' };
    case 'NominationWithdrawn':
      return { ...state, status: 'withdrawn' };
    case 'DeadlineMissed':
      return { ...state, missedDeadlines: [...state.missedDeadlines, event.data.deadline] };
    default: {
      const _exhaustive: never = event;
      return state;
    }
  }
}
