import type { AwardHistoryEntry } from '@vinhdanh/domain';
import type { EventStore } from '@vinhdanh/event-store';

/**
 * The titles a nominee already holds, which SubmitNomination checks prerequisites against
 * ("grassroots emulation fighter in each of the 3 years before"). A port, so a deployment may
 * answer from its honour-list read model or from records older than the log.
 */
export interface AwardHistory {
  titlesOf(nomineeId: string): Promise<AwardHistoryEntry[]>;
}

export const AWARD_HISTORY = Symbol('AWARD_HISTORY');

/**
 * Answers from the log itself: an approval that was not revoked is a title held in its
 * campaign's year (the decision confers it; publication only announces it). It reads the
 * whole log, so it is only asked when the award has prerequisites; a large deployment plugs
 * in a read model instead.
 */
export class LogAwardHistory implements AwardHistory {
  constructor(private readonly store: EventStore) {}

  async titlesOf(nomineeId: string): Promise<AwardHistoryEntry[]> {
    const yearOf = new Map<string, number>();
    const nominations = new Map<string, { campaignId: string; awardCode: string }>();
    const held = new Set<string>();
    for await (const e of this.store.readAll()) {
      const d = e.data as Record<string, unknown>;
      switch (e.type) {
        case 'CampaignOpened':
          yearOf.set(d.campaignId as string, d.year as number);
          break;
        case 'NominationSubmitted':
          if (d.nomineeId === nomineeId) {
            nominations.set(d.nominationId as string, { campaignId: d.campaignId as string, awardCode: d.awardCode as string });
          }
          break;
        case 'NominationApproved':
          if (nominations.has(d.nominationId as string)) held.add(d.nominationId as string);
          break;
        case 'AwardRevoked':
          held.delete(d.nominationId as string);
          break;
      }
    }
    return [...held].flatMap((id) => {
      const n = nominations.get(id)!;
      const year = yearOf.get(n.campaignId);
      return year === undefined ? [] : [{ awardCode: n.awardCode, year }];
    });
  }
}
