import type { DomainError } from '../shared/domain-error';
import { refuse } from '../errors';
import { hasRole } from '../roles';
import { isSystemActor } from '../system-actor';
import { addWorkingDays, localDate } from '../catalog/working-days';
import { instantMs } from '../shared/time';
import type { NominationContext } from './nomination-context';
import type { ClosePublicNotice, FileObjection, OpenPublicNotice, ResolveObjection } from './nomination-commands';
import type { NominationEvent } from './nomination-events';
import type { NominationState } from './nomination-state';
import { beforeDeadline, inStatus, nonEmpty, scopeOf } from './guards';

type Result = NominationEvent[] | DomainError;

export function openPublicNotice(command: OpenPublicNotice, state: NominationState, context: NominationContext): Result {
  const { actor, now } = command.metadata;
  if (!hasRole(actor, 'council_secretary')) return refuse('FORBIDDEN_ROLE', 'Only the council secretary opens a public notice.');
  const order = inStatus(state, ['evaluated'], 'go to public notice');
  if (order) return order;
  const scope = scopeOf(state, context);
  if ('code' in scope) return scope;
  const { campaign, award } = scope;
  if (instantMs(now) < instantMs(campaign.schedule.noticeStart)) {
    return refuse('TOO_EARLY', 'The notice window has not started.', { noticeStart: campaign.schedule.noticeStart });
  }
  const late = beforeDeadline(now, campaign, 'notice');
  if (late) return late;
  const calendar = campaign.catalog.calendar;
  const startDate = localDate(now, calendar.utcOffsetMinutes);
  const endDate = addWorkingDays(startDate, award.noticeWorkingDays, calendar);
  return [
    {
      type: 'PublicNoticeOpened',
      data: {
        nominationId: state.nominationId,
        startDate,
        endDate,
        requiredWorkingDays: award.noticeWorkingDays,
        holidays: calendar.holidays,
        openedBy: actor.id,
        openedAt: now,
      },
    },
  ];
}

/** Anyone may object while the notice runs; who they are stays in the personal-data store. */
export function fileObjection(command: FileObjection, state: NominationState, context: NominationContext): Result {
  const { now } = command.metadata;
  const d = command.data;
  if (state.status !== 'notice_open' || !state.notice) {
    if (state.status === 'none') return refuse('NOMINATION_NOT_FOUND', 'There is no such nomination.');
    return refuse('NOTICE_NOT_OPEN', 'Objections are taken only while the public notice is open.');
  }
  const scope = scopeOf(state, context);
  if ('code' in scope) return scope;
  if (localDate(now, scope.campaign.catalog.calendar.utcOffsetMinutes) > state.notice.endDate) {
    return refuse('NOTICE_NOT_OPEN', 'The public notice period is over.', { endDate: state.notice.endDate });
  }
  if (!nonEmpty(d.objectionId) || !nonEmpty(d.summary) || !nonEmpty(d.filerRef) || !nonEmpty(d.filerCommitment)) {
    return refuse('INVALID_COMMAND', 'An objection needs an id, a summary and a reference to who filed it.');
  }
  if (state.objections[d.objectionId]) return refuse('ALREADY_EXISTS', 'This objection is already filed.');
  return [
    {
      type: 'ObjectionFiled',
      data: {
        nominationId: state.nominationId,
        objectionId: d.objectionId,
        summary: d.summary,
        filerRef: d.filerRef,
        filerCommitment: d.filerCommitment,
        filedAt: now,
      },
    },
  ];
}

export function resolveObjection(command: ResolveObjection, state: NominationState, context: NominationContext): Result {
  const { actor, now } = command.metadata;
  const d = command.data;
  if (!hasRole(actor, 'council_secretary')) return refuse('FORBIDDEN_ROLE', 'Only the council secretary resolves objections.');
  const order = inStatus(state, ['notice_open', 'notice_closed', 'voting', 'voted', 'vote_failed'], 'have objections resolved');
  if (order) return order;
  const scope = scopeOf(state, context);
  if ('code' in scope) return scope;
  const current = state.objections[d.objectionId];
  if (!current) return refuse('OBJECTION_NOT_FOUND', 'There is no such objection on this nomination.');
  if (current !== 'open') return refuse('OBJECTION_ALREADY_RESOLVED', `This objection was already ${current}.`);
  if (d.outcome !== 'upheld' && d.outcome !== 'dismissed') return refuse('INVALID_COMMAND', 'An objection is upheld or dismissed.');
  if (!nonEmpty(d.reason)) return refuse('INVALID_COMMAND', 'Give the reason for the resolution.');
  return [
    {
      type: 'ObjectionResolved',
      data: {
        nominationId: state.nominationId,
        objectionId: d.objectionId,
        outcome: d.outcome,
        reason: d.reason,
        resolvedBy: actor.id,
        resolvedAt: now,
      },
    },
  ];
}

/**
 * The notice stays open for its full length: it closes only once its end date is over. The
 * deadline job (a system actor) may close it then too, which is all the clock makes due.
 */
export function closePublicNotice(command: ClosePublicNotice, state: NominationState, context: NominationContext): Result {
  const { actor, now } = command.metadata;
  if (!isSystemActor(actor) && !hasRole(actor, 'council_secretary')) return refuse('FORBIDDEN_ROLE', 'Only the council secretary closes a public notice.');
  const order = inStatus(state, ['notice_open'], 'close its public notice');
  if (order) return order;
  const scope = scopeOf(state, context);
  if ('code' in scope) return scope;
  const notice = state.notice!;
  const today = localDate(now, scope.campaign.catalog.calendar.utcOffsetMinutes);
  if (today <= notice.endDate) {
    return refuse('NOTICE_PERIOD_NOT_OVER', `The public notice runs until the end of ${notice.endDate}.`, { endDate: notice.endDate });
  }
  const outcomes = Object.values(state.objections);
  return [
    {
      type: 'PublicNoticeClosed',
      data: {
        nominationId: state.nominationId,
        startDate: notice.startDate,
        endDate: notice.endDate,
        objectionsFiled: outcomes.length,
        objectionsUpheld: outcomes.filter((o) => o === 'upheld').length,
        objectionsDismissed: outcomes.filter((o) => o === 'dismissed').length,
        closedBy: actor.id,
        closedAt: now,
      },
    },
  ];
}
