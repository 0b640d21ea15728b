import { StoreUnavailable } from '../errors';
import type { StoredEvent } from '../event';
import { BrokenLog, PositionSequencer } from './position-sequencer';

const at = (position: number) => ({ position }) as StoredEvent;

describe('PositionSequencer', () => {
  it('skips what was delivered before the checkpoint and delivers from it in order', () => {
    const s = new PositionSequencer(3);
    expect([1, 2, 3, 4, 5].map((p) => s.accept(at(p)))).toEqual([false, false, true, true, true]);
    expect(s.next).toBe(6);
  });

  it('after a restart (a new read or a resubscription) skips repeats again until the next position', () => {
    const s = new PositionSequencer(0);
    expect([0, 1].map((p) => s.accept(at(p)))).toEqual([true, true]);
    s.restart();
    expect([0, 1, 2].map((p) => s.accept(at(p)))).toEqual([false, false, true]);
  });

  it('stops at a missing position rather than deliver past it', () => {
    const s = new PositionSequencer(0);
    s.accept(at(0));
    expect(() => s.accept(at(2))).toThrow(StoreUnavailable);
    expect(() => s.accept(at(2))).toThrow(BrokenLog);
    expect(() => s.accept(at(2))).toThrow(/no event at position 1/);
    expect(s.next).toBe(1);
  });

  it('stops at a repeated position once it has caught up: that record was not written by the adapter', () => {
    const s = new PositionSequencer(0);
    s.accept(at(0));
    s.accept(at(1));
    expect(() => s.accept(at(0))).toThrow(/repeats position 0 where 2 was due/);
  });
});
