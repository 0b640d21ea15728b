import { GENESIS_HASH, chainHash } from '@vinhdanh/ledger';
import { EventIdConflict, WrongExpectedRevision } from '../errors';
import { newEvent, newEvents } from '../testing/event-fixtures';
import { BatchPlanner, type ExistingEvent } from './batch-planner';

const emptyLog = () => new BatchPlanner({ position: -1, hash: GENESIS_HASH }, new Map(), new Map());

describe('BatchPlanner', () => {
  it('chains each row to the one before, across calls', () => {
    const planner = emptyLog();
    planner.plan('a', newEvents(2), 'no_stream');
    planner.plan('b', newEvents(1), 'no_stream');
    let prev = GENESIS_HASH;
    for (const row of planner.rows) {
      const event = { ...row, data: JSON.parse(row.data), metadata: JSON.parse(row.metadata) };
      expect(row.hash.equals(chainHash(prev, event))).toBe(true);
      prev = row.hash;
    }
    expect(planner.rows.map((r) => r.position)).toEqual([0, 1, 2]);
    expect(planner.headAfter.hash.equals(prev)).toBe(true);
  });

  it('checks each call against the revisions the calls before it left', () => {
    const planner = new BatchPlanner({ position: 9, hash: GENESIS_HASH }, new Map(), new Map([['a', 4]]));
    expect(planner.plan('a', newEvents(1), 4)).toMatchObject({ kind: 'written', result: { nextExpectedRevision: 5, positions: [10] } });
    const stale = planner.plan('a', newEvents(1), 4);
    expect(stale.kind).toBe('refused');
    expect(stale.kind === 'refused' && stale.error).toEqual(new WrongExpectedRevision('a', 4, 5));
    expect(planner.plan('a', newEvents(1), 5)).toMatchObject({ kind: 'written', result: { positions: [11] } });
    expect(planner.rows).toHaveLength(2);
  });

  it('answers a retry of stored events with their original positions', () => {
    const events = newEvents(2);
    const stored = new Map<string, ExistingEvent>(
      events.map((e, i) => [e.eventId, { ...e, streamId: 's', revision: 3 + i, position: 20 + i }]),
    );
    const planner = new BatchPlanner({ position: 30, hash: GENESIS_HASH }, stored, new Map([['s', 8]]));
    expect(planner.plan('s', events, 'no_stream')).toEqual({ kind: 'duplicate', result: { nextExpectedRevision: 4, positions: [20, 21] } });
    const reversed = planner.plan('s', [events[1]!, events[0]!], 'any');
    expect(reversed.kind === 'refused' && reversed.error).toBeInstanceOf(EventIdConflict);
    expect(planner.rows).toEqual([]);
  });

  it('refuses a call that reuses one stored id alongside a new event', () => {
    const old = newEvent();
    const stored = new Map<string, ExistingEvent>([[old.eventId, { ...old, streamId: 's', revision: 0, position: 0 }]]);
    const planner = new BatchPlanner({ position: 0, hash: GENESIS_HASH }, stored, new Map([['s', 0]]));
    const fresh = newEvent();
    const outcome = planner.plan('s', [fresh, old], 'any');
    expect(outcome.kind === 'refused' && outcome.error).toEqual(new EventIdConflict(old.eventId));
  });
});
