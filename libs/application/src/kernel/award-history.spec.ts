import type { EventStore, StoredEvent } from '@vinhdanh/event-store';
import { LogAwardHistory } from './award-history';

const event = (type: string, data: Record<string, string | number>, position: number): StoredEvent => ({
  eventId: `00000000-0000-4000-8000-${String(position).padStart(12, '0')}`,
  type,
  data,
  metadata: { actor: { id: 'x', roles: [] }, correlationId: 'c', recordedAt: '2026-01-01T00:00:00Z' },
  streamId: 's',
  revision: 0,
  position,
  hash: '',
});

function storeOf(events: [string, Record<string, string | number>][]): EventStore {
  const log = events.map(([type, data], i) => event(type, data, i));
  return {
    async *readAll() {
      yield* log;
    },
  } as unknown as EventStore;
}

describe('LogAwardHistory', () => {
  it('counts approvals not revoked, in the year of their campaign, for that nominee only', async () => {
    const store = storeOf([
      ['CampaignOpened', { campaignId: 'c-23', year: 2023 }],
      ['CampaignOpened', { campaignId: 'c-24', year: 2024 }],
      ['NominationSubmitted', { nominationId: 'a', nomineeId: 'p-1', campaignId: 'c-23', awardCode: 'grassroots' }],
      ['NominationSubmitted', { nominationId: 'b', nomineeId: 'p-1', campaignId: 'c-24', awardCode: 'grassroots' }],
      ['NominationSubmitted', { nominationId: 'c', nomineeId: 'p-2', campaignId: 'c-24', awardCode: 'grassroots' }],
      ['NominationSubmitted', { nominationId: 'd', nomineeId: 'p-1', campaignId: 'c-24', awardCode: 'merit' }],
      ['NominationApproved', { nominationId: 'a' }],
      ['NominationApproved', { nominationId: 'b' }],
      ['NominationApproved', { nominationId: 'c' }],
      ['AwardRevoked', { nominationId: 'b' }],
      // d was submitted but never approved
    ]);
    expect(await new LogAwardHistory(store).titlesOf('p-1')).toEqual([{ awardCode: 'grassroots', year: 2023 }]);
    expect(await new LogAwardHistory(store).titlesOf('p-2')).toEqual([{ awardCode: 'grassroots', year: 2024 }]);
    expect(await new LogAwardHistory(store).titlesOf('p-3')).toEqual([]);
  });
});
