import type { BallotKind, RecipientKind, Share, ThresholdBase } from '../catalog/award-catalog';
import type { DeadlineKind } from '../campaign/campaign-events';

/**
 * Every event of a nomination stream. Data is plain JSON: ISO strings for time, `null` (never
 * undefined) where something does not apply, so events hash the same everywhere.
 * Events are self-describing: a fairness report or an auditor recomputes every result from
 * the events alone (with the catalog snapshot of the campaign).
 */

export type NomineeRole = 'manager' | 'direct_worker';
export type Evidence = { name: string; sha256: string; mediaType: string };
export type Choice = 'yes' | 'no' | 'abstain';
export type RecusalGround = 'declared_conflict' | 'same_unit';

export type NominationPledged = {
  type: 'NominationPledged';
  data: {
    nominationId: string;
    campaignId: string;
    awardCode: string;
    unitId: string;
    nomineeId: string;
    nomineeName: string;
    targets: string[];
    pledgedBy: string;
    pledgedAt: string;
  };
};

export type NominationSubmitted = {
  type: 'NominationSubmitted';
  data: {
    nominationId: string;
    campaignId: string;
    awardCode: string;
    recipientKind: RecipientKind;
    nomineeId: string;
    nomineeName: string;
    nomineeUnitId: string;
    /** null for a collective. */
    nomineeRole: NomineeRole | null;
    achievements: string[];
    evidence: Evidence[];
    submittedBy: string;
    submitterUnitId: string;
    submittedAt: string;
  };
};

export type NominationReturned = {
  type: 'NominationReturned';
  data: { nominationId: string; reason: string; resubmitBy: string; returnedBy: string; returnedAt: string };
};

export type NominationResubmitted = {
  type: 'NominationResubmitted';
  data: {
    nominationId: string;
    achievements: string[];
    evidence: Evidence[];
    resubmittedBy: string;
    resubmittedAt: string;
  };
};

export type EvaluatorAssigned = {
  type: 'EvaluatorAssigned';
  data: { nominationId: string; evaluatorId: string; evaluatorUnitId: string; assignedBy: string; assignedAt: string };
};

export type CriterionScore = { criterionCode: string; score: number };

export type EvaluationScored = {
  type: 'EvaluationScored';
  data: { nominationId: string; evaluatorId: string; scores: CriterionScore[]; scoredAt: string };
};

export type CriterionResult = {
  criterionCode: string;
  weight: number;
  maxScore: number;
  minScore: number;
  /** Mean over the evaluators, rounded to 2 decimals. */
  meanScore: number;
  passed: boolean;
};

/** Emitted together with the last required EvaluationScored. */
export type NominationEvaluated = {
  type: 'NominationEvaluated';
  data: {
    nominationId: string;
    evaluatorIds: string[];
    criteria: CriterionResult[];
    /** Σ weight·mean/max ÷ Σ weight × 100, rounded to 2 decimals. */
    weightedTotal: number;
    passMark: number;
    passed: boolean;
    evaluatedAt: string;
  };
};

export type PublicNoticeOpened = {
  type: 'PublicNoticeOpened';
  data: {
    nominationId: string;
    /** Local ISO dates (YYYY-MM-DD); the notice may close once endDate is over. */
    startDate: string;
    endDate: string;
    requiredWorkingDays: number;
    /** The holidays the end date was computed with (from the campaign's catalog snapshot). */
    holidays: string[];
    openedBy: string;
    openedAt: string;
  };
};

/**
 * Who filed it lives in the erasable personal-data store; the event keeps a reference and a
 * salted-hash commitment only.
 */
export type ObjectionFiled = {
  type: 'ObjectionFiled';
  data: {
    nominationId: string;
    objectionId: string;
    summary: string;
    filerRef: string;
    filerCommitment: string;
    filedAt: string;
  };
};

export type ObjectionResolved = {
  type: 'ObjectionResolved';
  data: {
    nominationId: string;
    objectionId: string;
    outcome: 'upheld' | 'dismissed';
    reason: string;
    resolvedBy: string;
    resolvedAt: string;
  };
};

export type PublicNoticeClosed = {
  type: 'PublicNoticeClosed';
  data: {
    nominationId: string;
    startDate: string;
    endDate: string;
    objectionsFiled: number;
    objectionsUpheld: number;
    objectionsDismissed: number;
    closedBy: string;
    closedAt: string;
  };
};

export type ConflictDeclared = {
  type: 'ConflictDeclared';
  data: { nominationId: string; memberId: string; reason: string; declaredAt: string };
};

export type MemberRecused = {
  type: 'MemberRecused';
  data: { nominationId: string; memberId: string; ground: RecusalGround; recusedAt: string };
};

/** The council takes up the nomination in an open session; who may vote is fixed here. */
export type VotingOpened = {
  type: 'VotingOpened';
  data: {
    nominationId: string;
    councilId: string;
    sessionId: string;
    ballot: BallotKind;
    /** All council members when voting opened. */
    members: string[];
    /** Members not recused, at opening. */
    eligible: string[];
    /** Eligible members present in the session. */
    present: string[];
    quorum: Share;
    quorumRequired: number;
    /**
     * When the vote ends; ballots after it are refused and the deadline job closes it. Always
     * written now; events from before it existed end at the campaign's decision deadline.
     */
    closesAt?: string;
    openedBy: string;
    openedAt: string;
  };
};

/**
 * Secret ballot: participation only (who voted, never what). The choice and the ballot id go
 * to the sealed ballot box kept by the handler, outside the log.
 * Open ballot: roll call, member and choice together.
 */
export type BallotCast = {
  type: 'BallotCast';
  data:
    | { nominationId: string; sessionId: string; ballot: 'secret'; memberId: string; castAt: string }
    | { nominationId: string; sessionId: string; ballot: 'open'; memberId: string; choice: Choice; castAt: string };
};

export type SecretBallot = { ballotId: string; choice: Choice };
export type RollCallVote = { memberId: string; choice: Choice };

/** Secret ballots are revealed here, all at once, in the (shuffled) order the handler gave. */
export type VotingClosed = {
  type: 'VotingClosed';
  data:
    | { nominationId: string; sessionId: string; ballot: 'secret'; ballots: SecretBallot[]; closedBy: string; closedAt: string }
    | { nominationId: string; sessionId: string; ballot: 'open'; votes: RollCallVote[]; closedBy: string; closedAt: string };
};

export type NominationVoted = {
  type: 'NominationVoted';
  data: {
    nominationId: string;
    sessionId: string;
    ballot: BallotKind;
    members: number;
    eligible: string[];
    present: string[];
    recused: { memberId: string; ground: RecusalGround }[];
    participated: number;
    yes: number;
    no: number;
    abstain: number;
    quorum: Share;
    quorumRequired: number;
    quorumMet: boolean;
    threshold: Share;
    thresholdBase: ThresholdBase;
    /** The count the threshold is a share of (eligible or present, per thresholdBase). */
    thresholdDenominator: number;
    yesRequired: number;
    passed: boolean;
    votedAt: string;
  };
};

export type NominationApproved = {
  type: 'NominationApproved';
  data: {
    nominationId: string;
    campaignId: string;
    awardCode: string;
    nomineeUnitId: string;
    decisionNumber: string;
    /** ISO date of the signed decision. */
    decisionDate: string;
    signerId: string;
    signerRole: string;
    approvedAt: string;
  };
};

export type NominationRejected = {
  type: 'NominationRejected';
  data: { nominationId: string; reason: string; rejectedBy: string; rejectedAt: string };
};

export type NominationPublished = {
  type: 'NominationPublished';
  data: { nominationId: string; honourListId: string; rank: number; publishedBy: string; publishedAt: string };
};

export type AwardRevoked = {
  type: 'AwardRevoked';
  data: {
    nominationId: string;
    legalGround: string;
    decisionNumber: string;
    decisionDate: string;
    revokedBy: string;
    revokedAt: string;
  };
};

export type NominationWithdrawn = {
  type: 'NominationWithdrawn';
  data: { nominationId: string; reason: string; withdrawnBy: string; withdrawnAt: string };
};

/** A deadline passed with this nomination's step still outstanding (recorded by a job). */
export type DeadlineMissed = {
  type: 'DeadlineMissed';
  data: {
    nominationId: string;
    deadline: DeadlineKind;
    dueAt: string;
    /** The step that was still to be done, e.g. 'submission', 'evaluation'. */
    outstanding: string;
    recordedAt: string;
  };
};

export type NominationEvent =
  | NominationPledged
  | NominationSubmitted
  | NominationReturned
  | NominationResubmitted
  | EvaluatorAssigned
  | EvaluationScored
  | NominationEvaluated
  | PublicNoticeOpened
  | ObjectionFiled
  | ObjectionResolved
  | PublicNoticeClosed
  | ConflictDeclared
  | MemberRecused
  | VotingOpened
  | BallotCast
  | VotingClosed
  | NominationVoted
  | NominationApproved
  | NominationRejected
  | NominationPublished
  | AwardRevoked
  | NominationWithdrawn
  | DeadlineMissed;

export const NOMINATION_EVENT_TYPES = [
  'NominationPledged',
  'NominationSubmitted',
  'NominationReturned',
  'NominationResubmitted',
  'EvaluatorAssigned',
  'EvaluationScored',
  'NominationEvaluated',
  'PublicNoticeOpened',
  'ObjectionFiled',
  'ObjectionResolved',
  'PublicNoticeClosed',
  'ConflictDeclared',
  'MemberRecused',
  'VotingOpened',
  'BallotCast',
  'VotingClosed',
  'NominationVoted',
  'NominationApproved',
  'NominationRejected',
  'NominationPublished',
  'AwardRevoked',
  'NominationWithdrawn',
  'DeadlineMissed',
] as const satisfies readonly NominationEvent['type'][];
