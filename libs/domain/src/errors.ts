import { DomainError } from './shared/domain-error';

/**
 * Every code a decider can refuse with, and what kind of refusal it is, so the API maps codes
 * to HTTP status in one place: forbidden → 403, not_found → 404, conflict → 409 (state or
 * order does not allow it now), invalid → 422 (the command itself is wrong).
 */
export const ERROR_CODES = {
  // who may act
  FORBIDDEN_ROLE: 'forbidden',
  NOT_OWN_UNIT: 'forbidden',
  CONFLICT_OF_INTEREST: 'forbidden',
  NOT_ASSIGNED: 'forbidden',
  NOT_A_MEMBER: 'forbidden',
  NOT_PRESENT: 'forbidden',
  NOMINEE_CANNOT_APPROVE: 'forbidden',
  // what exists
  CAMPAIGN_NOT_FOUND: 'not_found',
  COUNCIL_NOT_FOUND: 'not_found',
  NOMINATION_NOT_FOUND: 'not_found',
  UNKNOWN_AWARD_TYPE: 'not_found',
  OBJECTION_NOT_FOUND: 'not_found',
  QUOTA_SLOT_NOT_FOUND: 'not_found',
  // order, time and state
  ALREADY_EXISTS: 'conflict',
  CAMPAIGN_CLOSED: 'conflict',
  CAMPAIGN_MISMATCH: 'conflict',
  PHASE_ORDER: 'conflict',
  DEADLINE_PASSED: 'conflict',
  TOO_EARLY: 'conflict',
  DEADLINE_NOT_PASSED: 'conflict',
  NOTHING_OUTSTANDING: 'conflict',
  ALREADY_MARKED: 'conflict',
  OUT_OF_ORDER: 'conflict',
  PLEDGE_REQUIRED: 'conflict',
  PREREQUISITE_NOT_MET: 'conflict',
  EVALUATORS_COMPLETE: 'conflict',
  ALREADY_ASSIGNED: 'conflict',
  ALREADY_SCORED: 'conflict',
  NOTICE_NOT_OPEN: 'conflict',
  NOTICE_PERIOD_NOT_OVER: 'conflict',
  OBJECTION_OPEN: 'conflict',
  OBJECTION_ALREADY_RESOLVED: 'conflict',
  OBJECTION_UPHELD: 'conflict',
  SESSION_NOT_OPEN: 'conflict',
  SESSION_ALREADY_OPEN: 'conflict',
  SESSION_MISMATCH: 'conflict',
  MEMBER_IN_SESSION: 'conflict',
  QUORUM_NOT_MET: 'conflict',
  VOTING_CLOSED: 'conflict',
  ALREADY_VOTED: 'conflict',
  ALREADY_RECUSED: 'conflict',
  BALLOT_COUNT_MISMATCH: 'conflict',
  VOTE_NOT_PASSED: 'conflict',
  QUOTA_EXCEEDED: 'conflict',
  QUOTA_SLOT_HELD: 'conflict',
  NOT_APPROVED: 'conflict',
  NOT_PUBLISHED: 'conflict',
  ALREADY_DECIDED: 'conflict',
  // the command itself
  INVALID_COMMAND: 'invalid',
  INVALID_SCHEDULE: 'invalid',
  INVALID_CATALOG: 'invalid',
  INVALID_SCORES: 'invalid',
  INVALID_BALLOT: 'invalid',
  EVIDENCE_REQUIRED: 'invalid',
  RECIPIENT_KIND_MISMATCH: 'invalid',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;
export type ErrorKind = (typeof ERROR_CODES)[ErrorCode];

/** A refusal with a code from the list above (so a typo in a code is a compile error). */
export function refuse(code: ErrorCode, message: string, details: Record<string, string | number | boolean> = {}): DomainError {
  return new DomainError(code, message, details);
}
