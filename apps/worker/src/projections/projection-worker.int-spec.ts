import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Registry } from 'prom-client';
import { SqliteEventStore } from '@vinhdanh/event-store';
import { honourList, SeasonBuilder } from '@vinhdanh/projections';
import { SqliteClient } from '@vinhdanh/sql';
import { rebuildReadModels, startProjectionWorker } from './projection-worker';

describe('projection worker wiring (SQLite)', () => {
  it('runs every read model, exposes lag, and rebuilds with progress', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vinhdanh-worker-proj-'));
    const config = { backend: 'sqlite' as const, sqlitePath: join(dir, 'events.db') };
    const store = new SqliteEventStore({ path: config.sqlitePath });
    const sql = SqliteClient.open(join(dir, 'events.read.db'));
    try {
      const season = new SeasonBuilder();
      for (const { streamId, ...e } of [...season.opening(), ...season.nomination({ nominationId: 'n-1', awardCode: 'advanced_worker', unitId: 'u-x' })]) {
        await store.append(streamId, [e], 'any');
      }
      const registry = new Registry();
      const worker = await startProjectionWorker({ config, store, sql, registry });
      for (let i = 0; i < 400 && Object.values(await worker.runner.lag()).some((l) => l > 0); i++) await new Promise((r) => setTimeout(r, 50));
      expect(Object.values(await worker.runner.lag())).toEqual([0, 0, 0, 0, 0, 0]);
      expect(await registry.metrics()).toContain('vinhdanh_projection_lag_events{projection="fairness"} 0');
      await worker.stop();

      const done: number[] = [];
      const result = await rebuildReadModels({ config, store, sql, names: ['honour_list'], onProgress: (p) => done.push(p.done) });
      expect(result.versions).toEqual({ honour_list: 2 });
      expect(done[done.length - 1]).toBe((await store.headPosition()) + 1);
      expect((await honourList(sql, { campaignId: 'c-2026' })).map((e) => e.nominationId)).toEqual(['n-1']);
    } finally {
      await sql.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
