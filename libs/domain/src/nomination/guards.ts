import type { DomainError } from '../shared/domain-error';
import { refuse } from '../errors';
import { findAwardType, type AwardType } from '../catalog/award-catalog';
import type { CampaignState, DeadlineKind } from '../campaign/campaign-events';
import { DEADLINE_FIELD } from '../campaign/campaign-decider';
import { isPast } from '../shared/time';
import type { NominationContext } from './nomination-context';
import type { NominationState, NominationStatus } from './nomination-state';

export type KnownCampaign = Exclude<CampaignState, { status: 'none' }>;
export type Scope = { campaign: KnownCampaign; award: AwardType };

/**
 * The campaign and award type a nomination command is decided under: the campaign's own
 * catalog snapshot, never the catalog in force today. Revocation still applies after a
 * campaign closes, so it passes allowClosed.
 */
export function scopeOf(
  state: NominationState,
  context: NominationContext,
  ids: { campaignId?: string; awardCode?: string } = {},
  options: { allowClosed?: boolean } = {},
): Scope | DomainError {
  const campaign = context.campaign;
  if (campaign.status === 'none') return refuse('CAMPAIGN_NOT_FOUND', 'There is no such campaign.');
  const campaignId = state.campaignId || ids.campaignId;
  if (campaignId !== campaign.campaignId) {
    return refuse('CAMPAIGN_MISMATCH', 'The campaign given is not the one this nomination belongs to.');
  }
  if (campaign.status === 'closed' && !options.allowClosed) return refuse('CAMPAIGN_CLOSED', 'The campaign is closed.');
  const awardCode = state.awardCode || ids.awardCode || '';
  const award = findAwardType(campaign.catalog, awardCode);
  if (!award) return refuse('UNKNOWN_AWARD_TYPE', `This campaign has no award ${awardCode}.`);
  return { campaign, award };
}

export function beforeDeadline(now: string, campaign: KnownCampaign, kind: DeadlineKind): DomainError | null {
  const dueAt = campaign.schedule[DEADLINE_FIELD[kind]];
  return isPast(now, dueAt) ? refuse('DEADLINE_PASSED', `The ${kind} deadline has passed.`, { deadline: kind, dueAt }) : null;
}

const DECIDED: NominationStatus[] = ['approved', 'rejected', 'published', 'revoked'];

/** Steps happen in order: the nomination must be in one of `allowed` for this command. */
export function inStatus(state: NominationState, allowed: NominationStatus[], step: string): DomainError | null {
  if (allowed.includes(state.status)) return null;
  if (state.status === 'none') return refuse('NOMINATION_NOT_FOUND', 'There is no such nomination.');
  if (DECIDED.includes(state.status) && !allowed.some((s) => DECIDED.includes(s))) {
    return refuse('ALREADY_DECIDED', `The nomination is already ${state.status}; it cannot ${step}.`, { status: state.status });
  }
  return refuse('OUT_OF_ORDER', `The nomination is ${state.status}; it cannot ${step} now.`, { status: state.status });
}

export const SHA256_HEX = /^[0-9a-f]{64}$/;

export function nonEmpty(text: string | undefined): boolean {
  return typeof text === 'string' && text.trim().length > 0;
}
