import type { DomainError } from '../shared/domain-error';
import { refuse } from '../errors';
import { hasRole } from '../roles';
import { quotaBreach } from '../campaign/quota';
import { isValidDate } from '../shared/time';
import type { NominationContext } from './nomination-context';
import type { ApproveNomination, PublishNomination, RejectNomination, RevokeAward } from './nomination-commands';
import type { NominationEvent } from './nomination-events';
import type { NominationState } from './nomination-state';
import { beforeDeadline, inStatus, nonEmpty, scopeOf } from './guards';

type Result = NominationEvent[] | DomainError;

/**
 * Approval: only after a passing vote, by the award's approver role, never by the nominee,
 * never over an open or upheld objection, and only with a quota slot held on the campaign
 * stream (see campaign-decider.ts for why the quota lives there).
 */
export function approve(command: ApproveNomination, state: NominationState, context: NominationContext): Result {
  const { actor, now } = command.metadata;
  const d = command.data;
  const scope = scopeOf(state, context);
  if ('code' in scope) return state.status === 'none' ? refuse('NOMINATION_NOT_FOUND', 'There is no such nomination.') : scope;
  const { campaign, award } = scope;
  if (!actor.roles.includes(award.approverRole)) return refuse('FORBIDDEN_ROLE', `Only the ${award.approverRole} approves ${award.nameEn}.`);
  if (actor.id === state.nominee?.id) return refuse('NOMINEE_CANNOT_APPROVE', 'A nominee never approves their own nomination.');
  if (state.status === 'vote_failed') return refuse('VOTE_NOT_PASSED', 'The council vote did not pass.');
  const order = inStatus(state, ['voted'], 'be approved');
  if (order) return order;
  if (!state.vote?.passed) return refuse('VOTE_NOT_PASSED', 'The council vote did not pass.');
  const objections = Object.values(state.objections);
  if (objections.includes('open')) return refuse('OBJECTION_OPEN', 'An objection is still open.');
  if (objections.includes('upheld')) return refuse('OBJECTION_UPHELD', 'An objection against this nomination was upheld.');
  const late = beforeDeadline(now, campaign, 'decision');
  if (late) return late;
  if (!nonEmpty(d.decisionNumber) || !isValidDate(d.decisionDate)) {
    return refuse('INVALID_COMMAND', 'An approval needs a decision number and an ISO decision date.');
  }
  const unitId = state.nominee!.unitId;
  const slot = campaign.slots[state.nominationId];
  if (!slot) {
    const breach = quotaBreach(campaign.catalog, campaign.slots, state.awardCode, unitId, state.nominationId);
    if (breach) {
      return refuse('QUOTA_EXCEEDED', `The unit's quota for ${state.awardCode} is full (${breach.held} of ${breach.limit}).`, {
        limit: breach.limit,
        held: breach.held,
      });
    }
    return refuse('QUOTA_SLOT_NOT_FOUND', 'Allocate a quota slot on the campaign before approving.');
  }
  if (slot.awardCode !== state.awardCode || slot.unitId !== unitId) {
    return refuse('QUOTA_SLOT_HELD', 'The slot held for this nomination is for another award or unit.');
  }
  return [
    {
      type: 'NominationApproved',
      data: {
        nominationId: state.nominationId,
        campaignId: state.campaignId,
        awardCode: state.awardCode,
        nomineeUnitId: unitId,
        decisionNumber: d.decisionNumber,
        decisionDate: d.decisionDate,
        signerId: actor.id,
        signerRole: award.approverRole,
        approvedAt: now,
      },
    },
  ];
}

export function reject(command: RejectNomination, state: NominationState, context: NominationContext): Result {
  const { actor, now } = command.metadata;
  const scope = scopeOf(state, context);
  if ('code' in scope) return state.status === 'none' ? refuse('NOMINATION_NOT_FOUND', 'There is no such nomination.') : scope;
  if (!actor.roles.includes(scope.award.approverRole)) {
    return refuse('FORBIDDEN_ROLE', `Only the ${scope.award.approverRole} rejects ${scope.award.nameEn}.`);
  }
  const order = inStatus(state, ['voted', 'vote_failed', 'evaluation_failed'], 'be rejected');
  if (order) return order;
  const late = beforeDeadline(now, scope.campaign, 'decision');
  if (late) return late;
  if (!nonEmpty(command.data.reason)) return refuse('INVALID_COMMAND', 'Give the reason for the rejection.');
  return [
    { type: 'NominationRejected', data: { nominationId: state.nominationId, reason: command.data.reason, rejectedBy: actor.id, rejectedAt: now } },
  ];
}

export function publish(command: PublishNomination, state: NominationState, context: NominationContext): Result {
  const { actor, now } = command.metadata;
  const d = command.data;
  if (!hasRole(actor, 'publisher')) return refuse('FORBIDDEN_ROLE', 'Only a publisher publishes honour lists.');
  if (state.status !== 'approved') {
    if (state.status === 'none') return refuse('NOMINATION_NOT_FOUND', 'There is no such nomination.');
    if (state.status === 'published') return refuse('ALREADY_DECIDED', 'This nomination is already published.');
    return refuse('NOT_APPROVED', 'Only an approved nomination is published.', { status: state.status });
  }
  const scope = scopeOf(state, context);
  if ('code' in scope) return scope;
  const late = beforeDeadline(now, scope.campaign, 'publication');
  if (late) return late;
  if (!nonEmpty(d.honourListId) || !Number.isInteger(d.rank) || d.rank < 1) {
    return refuse('INVALID_COMMAND', 'Publication needs an honour list and a rank of 1 or more.');
  }
  return [
    { type: 'NominationPublished', data: { nominationId: state.nominationId, honourListId: d.honourListId, rank: d.rank, publishedBy: actor.id, publishedAt: now } },
  ];
}

/** Revocation outlives the campaign: a decision can be annulled years later. */
export function revoke(command: RevokeAward, state: NominationState, context: NominationContext): Result {
  const { actor, now } = command.metadata;
  const d = command.data;
  if (!hasRole(actor, 'publisher', 'approver')) return refuse('FORBIDDEN_ROLE', 'Only an approver or a publisher revokes an award.');
  if (state.status !== 'published') {
    if (state.status === 'none') return refuse('NOMINATION_NOT_FOUND', 'There is no such nomination.');
    return refuse('NOT_PUBLISHED', 'Only a published award is revoked.', { status: state.status });
  }
  const scope = scopeOf(state, context, {}, { allowClosed: true });
  if ('code' in scope) return scope;
  if (!nonEmpty(d.legalGround)) return refuse('INVALID_COMMAND', 'A revocation states its legal ground.');
  if (!nonEmpty(d.decisionNumber) || !isValidDate(d.decisionDate)) {
    return refuse('INVALID_COMMAND', 'A revocation cites the annulling decision: number and ISO date.');
  }
  return [
    {
      type: 'AwardRevoked',
      data: {
        nominationId: state.nominationId,
        legalGround: d.legalGround,
        decisionNumber: d.decisionNumber,
        decisionDate: d.decisionDate,
        revokedBy: actor.id,
        revokedAt: now,
      },
    },
  ];
}
