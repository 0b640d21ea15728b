import type { DomainError } from '../shared/domain-error';
import { refuse } from '../errors';
import type { DeadlineKind } from '../campaign/campaign-events';
import { DEADLINE_FIELD } from '../campaign/campaign-decider';
import { isPast } from '../shared/time';
import type { NominationContext } from './nomination-context';
import type { MarkDeadlineMissed } from './nomination-commands';
import type { NominationEvent } from './nomination-events';
import type { NominationState, NominationStatus } from './nomination-state';
import { scopeOf } from './guards';

/** For each deadline, the statuses in which its step is still outstanding, and what that step is. */
const OUTSTANDING: Record<DeadlineKind, Partial<Record<NominationStatus, string>>> = {
  pledge: {},
  nomination: { pledged: 'submission' },
  evaluation: { submitted: 'evaluation', returned: 'resubmission' },
  notice: { evaluated: 'public_notice', notice_open: 'public_notice_close' },
  decision: { notice_closed: 'vote', voting: 'vote', voted: 'decision', vote_failed: 'decision', evaluation_failed: 'decision' },
  publication: { approved: 'publication' },
};

/**
 * Sent by the deadline job. No role check: it only records a fact the decider verifies itself
 * (the deadline has passed and the step is still outstanding), once per deadline.
 */
export function markDeadlineMissed(command: MarkDeadlineMissed, state: NominationState, context: NominationContext): NominationEvent[] | DomainError {
  const { now } = command.metadata;
  const deadline = command.data.deadline;
  if (state.status === 'none') return refuse('NOMINATION_NOT_FOUND', 'There is no such nomination.');
  const scope = scopeOf(state, context, {}, { allowClosed: true });
  if ('code' in scope) return scope;
  const dueAt = scope.campaign.schedule[DEADLINE_FIELD[deadline]];
  if (!isPast(now, dueAt)) return refuse('DEADLINE_NOT_PASSED', `The ${deadline} deadline has not passed.`, { dueAt });
  if (state.missedDeadlines.includes(deadline)) return refuse('ALREADY_MARKED', `The ${deadline} deadline is already marked missed.`);
  const outstanding = OUTSTANDING[deadline][state.status];
  if (!outstanding) return refuse('NOTHING_OUTSTANDING', `Nothing was outstanding at the ${deadline} deadline.`, { status: state.status });
  return [{ type: 'DeadlineMissed', data: { nominationId: state.nominationId, deadline, dueAt, outstanding, recordedAt: now } }];
}
