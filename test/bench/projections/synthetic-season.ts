import type { EventStore } from '@vinhdanh/event-store';
import type { CouncilMember } from '@vinhdanh/domain';
import { SeasonBuilder, type NominationSpec, type SeasonEvent } from '@vinhdanh/projections';

/**
 * A synthetic season for the projection benchmark: one campaign, a council of three, 200 units
 * and about one nomination per 12.6 events (1,000,000 events ≈ 79,000 nominations) through
 * the whole lifecycle: 70% published, 10% published then revoked, 10% stopped after
 * evaluation, 10% after submission; one in ten is a certificate of merit (secret ballot, two
 * evaluators), the rest advanced workers (open ballot). Nominations go in waves of WAVE: a
 * wave's submissions, then its evaluations, and so on, so a nomination's events are spread
 * over tens of thousands of positions, as in a real year; only one wave is in memory at once.
 */
export const EVENTS_PER_NOMINATION = 12.6;
const WAVE = 4000;
const MEMBERS: CouncilMember[] = [
  { memberId: 'm-1', name: 'Chair', councilRole: 'chair', unitId: 'u-board-1' },
  { memberId: 'm-2', name: 'Vice chair', councilRole: 'vice_chair', unitId: 'u-board-2' },
  { memberId: 'm-3', name: 'Secretary', councilRole: 'secretary', unitId: 'u-board-3' },
];

function spec(i: number): NominationSpec {
  const kind = i % 10;
  return {
    nominationId: `n-${String(i).padStart(6, '0')}`,
    awardCode: i % 10 === 7 ? 'chair_certificate_of_merit' : 'advanced_worker',
    unitId: `u-${i % 200}`,
    nomineeRole: i % 4 === 0 ? 'manager' : 'direct_worker',
    until: kind === 8 ? 'evaluated' : kind === 9 ? 'submitted' : kind === 3 ? 'revoked' : 'published',
    objections: i % 50 === 0 ? [{ objectionId: `o-${i}`, outcome: 'dismissed' }] : [],
    rank: i + 1,
    seed: i,
  };
}

/** Appends about `events` events, with up to `inFlight` appends in flight (the store group-commits them). */
export async function seedSeason(store: EventStore, events: number, inFlight = 64, onProgress?: (appended: number) => void): Promise<number> {
  const season = new SeasonBuilder({ members: MEMBERS, salt: 'bench' });
  const nominations = Math.max(1, Math.round(events / EVENTS_PER_NOMINATION));
  let appended = 0;
  const pending = new Set<Promise<void>>();
  const append = async (batch: SeasonEvent[]) => {
    if (batch.length === 0) return;
    const streamId = batch[0].streamId;
    const p = store.append(streamId, batch.map(({ streamId: _s, ...e }) => e), 'any').then(() => {
      appended += batch.length;
      pending.delete(p);
    });
    pending.add(p);
    if (pending.size >= inFlight) await Promise.race(pending);
  };
  for (const e of season.opening()) await append([e]);
  await Promise.all(pending);
  for (let start = 0; start < nominations; start += WAVE) {
    const stories = [];
    for (let i = start; i < Math.min(nominations, start + WAVE); i++) stories.push(season.lifecycle(spec(i)));
    for (let phase = 0; phase < 8; phase++) {
      for (const story of stories) {
        const events = story[phase];
        if (!events) continue;
        // Campaign-stream events (quota slots) go to their own stream.
        let run: SeasonEvent[] = [];
        for (const e of events) {
          if (run.length && run[0].streamId !== e.streamId) {
            await append(run);
            run = [];
          }
          run.push(e);
        }
        await append(run);
      }
      // Phases stay in order: a wave's votes never overtake its notices.
      await Promise.all(pending);
      onProgress?.(appended);
    }
  }
  await Promise.all(pending);
  return appended;
}
