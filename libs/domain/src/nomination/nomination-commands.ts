import type { CommandMetadata } from '../shared/command-metadata';
import type { DeadlineKind } from '../campaign/campaign-events';
import type { Choice, CriterionScore, Evidence, NomineeRole, SecretBallot } from './nomination-events';

/** Commands carry their own nominationId; the actor, clock and request ids are in metadata. */
type Cmd<T extends string, D> = { type: T; data: { nominationId: string } & D; metadata: CommandMetadata };

export type PledgeNomination = Cmd<
  'PledgeNomination',
  { campaignId: string; awardCode: string; unitId: string; nomineeId: string; nomineeName: string; targets: string[] }
>;

export type SubmitNomination = Cmd<
  'SubmitNomination',
  {
    campaignId: string;
    awardCode: string;
    nomineeId: string;
    nomineeName: string;
    nomineeUnitId: string;
    /** Required for individuals, absent for collectives. */
    nomineeRole?: NomineeRole;
    achievements: string[];
    evidence: Evidence[];
  }
>;

export type ReturnNomination = Cmd<'ReturnNomination', { reason: string; resubmitBy: string }>;
export type ResubmitNomination = Cmd<'ResubmitNomination', { achievements: string[]; evidence: Evidence[] }>;

export type AssignEvaluator = Cmd<'AssignEvaluator', { evaluatorId: string; evaluatorUnitId: string }>;
/** The evaluator is the actor. */
export type ScoreEvaluation = Cmd<'ScoreEvaluation', { scores: CriterionScore[] }>;

export type OpenPublicNotice = Cmd<'OpenPublicNotice', Record<never, never>>;
export type FileObjection = Cmd<
  'FileObjection',
  { objectionId: string; summary: string; filerRef: string; filerCommitment: string }
>;
export type ResolveObjection = Cmd<
  'ResolveObjection',
  { objectionId: string; outcome: 'upheld' | 'dismissed'; reason: string }
>;
export type ClosePublicNotice = Cmd<'ClosePublicNotice', Record<never, never>>;

/** The declaring member is the actor. */
export type DeclareConflict = Cmd<'DeclareConflict', { reason: string }>;
/**
 * `closesAt` ends the vote (ISO instant, after now, no later than the decision deadline); the
 * deadline job closes it then, leaving time to approve or reject before the decision deadline.
 * Absent, the vote may run until the decision deadline itself.
 */
export type OpenVoting = Cmd<'OpenVoting', { sessionId: string; closesAt?: string }>;
/**
 * The voter is the actor. For a secret ballot the decider validates `choice` but the events it
 * returns never carry it: the handler seals {ballotId, choice} in the ballot box in the same
 * transaction as the participation event, and hands ballotId back as the voter's receipt.
 * ballotId is required for secret ballots and comes from the handler's CSPRNG.
 */
export type CastBallot = Cmd<'CastBallot', { sessionId: string; choice: Choice; ballotId?: string }>;
/**
 * For a secret ballot, `ballots` is the sealed box, already shuffled by the handler with a
 * CSPRNG; the decider checks it has exactly one ballot per participation event.
 */
export type CloseVoting = Cmd<'CloseVoting', { sessionId: string; ballots?: SecretBallot[] }>;

export type ApproveNomination = Cmd<'ApproveNomination', { decisionNumber: string; decisionDate: string }>;
export type RejectNomination = Cmd<'RejectNomination', { reason: string }>;
export type PublishNomination = Cmd<'PublishNomination', { honourListId: string; rank: number }>;
export type RevokeAward = Cmd<'RevokeAward', { legalGround: string; decisionNumber: string; decisionDate: string }>;
export type WithdrawNomination = Cmd<'WithdrawNomination', { reason: string }>;
/** Sent by the deadline job; it refuses unless the deadline has passed with the step outstanding. */
export type MarkDeadlineMissed = Cmd<'MarkDeadlineMissed', { deadline: DeadlineKind }>;

export type NominationCommand =
  | PledgeNomination
  | SubmitNomination
  | ReturnNomination
  | ResubmitNomination
  | AssignEvaluator
  | ScoreEvaluation
  | OpenPublicNotice
  | FileObjection
  | ResolveObjection
  | ClosePublicNotice
  | DeclareConflict
  | OpenVoting
  | CastBallot
  | CloseVoting
  | ApproveNomination
  | RejectNomination
  | PublishNomination
  | RevokeAward
  | WithdrawNomination
  | MarkDeadlineMissed;
