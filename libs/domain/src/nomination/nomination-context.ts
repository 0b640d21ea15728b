import type { CampaignState } from '../campaign/campaign-events';
import type { CouncilState } from '../council/council-events';

/** A title the nominee held in an earlier year (from the honour-list read model). */
export type AwardHistoryEntry = { awardCode: string; year: number };

/**
 * What a nomination decision needs from other streams; the handler loads it before deciding.
 * - campaign: always (catalog snapshot, schedule, closed or not, quota slots for approval).
 * - council: the campaign's council, for conflict declarations and voting.
 * - nomineeHistory: earlier titles, for SubmitNomination of an award with prerequisites.
 */
export type NominationContext = {
  campaign: CampaignState;
  council?: CouncilState;
  nomineeHistory?: AwardHistoryEntry[];
};
