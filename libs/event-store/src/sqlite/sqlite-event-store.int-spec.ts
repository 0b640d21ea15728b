import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runEventStoreContract } from '../testing/event-store.contract';
import { contendFromTwoInstances } from '../testing/two-writers';
import { SqliteEventStore } from './sqlite-event-store';
import { sqliteTamper } from './sqlite-tamper';

runEventStoreContract('sqlite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vinhdanh-sqlite-'));
  // A subdirectory that does not exist yet: the store must create it.
  const path = join(dir, 'data', 'events.db');
  const store = new SqliteEventStore({ path, pollIntervalMs: 50 });
  return {
    store,
    tamper: sqliteTamper(path),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
});

describe('sqlite: two connections to one file', () => {
  it('keeps one winner per contended round, a gapless log and an intact chain', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vinhdanh-sqlite-'));
    const path = join(dir, 'events.db');
    const a = new SqliteEventStore({ path, pollIntervalMs: 20 });
    const b = new SqliteEventStore({ path, pollIntervalMs: 20 });
    try {
      const seenByB: number[] = [];
      const follower = b.subscribe({ fromPosition: 0 }, (batch) => {
        seenByB.push(...batch.map((e) => e.position));
      });
      await contendFromTwoInstances(a, b);
      const head = await a.headPosition();
      const positions: number[] = [];
      for await (const e of b.readAll()) positions.push(e.position);
      expect(positions).toEqual(Array.from({ length: head + 1 }, (_, i) => i));
      expect(await b.verifyChain()).toMatchObject({ ok: true, checked: head + 1 });
      // The follower on b also sees a's appends (by polling: no in-process notice crosses stores).
      while (seenByB.length < head + 1) await new Promise((resolve) => setTimeout(resolve, 10));
      await follower.stop();
      expect(seenByB).toEqual(positions);
    } finally {
      await a.close();
      await b.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
