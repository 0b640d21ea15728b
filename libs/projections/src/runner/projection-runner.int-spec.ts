import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Registry } from 'prom-client';
import { SqliteEventStore, type StoredEvent } from '@vinhdanh/event-store';
import { auditTrailProjection } from '../audit-trail/audit-trail.projection';
import { loadModelRows, readModelDigest } from '../core/digest';
import { projectInMemory } from '../core/project-in-memory';
import { honourListProjection } from '../honour-list/honour-list.projection';
import { SeasonBuilder, type SeasonEvent } from '../testing/season-builder';
import { TEST_DATABASE_URL, testSql, type TestSql } from '../testing/test-sql';
import { LeaseLost, LeaseRow, PgAdvisoryLease, type ProjectionLease } from './lease';
import { ProjectionRunner, type StaleRebuild } from './projection-runner';
import { activeVersion, storedRevision } from '../core/schema';

const projections = [auditTrailProjection, honourListProjection];
const errors: unknown[] = [];
const onError = (error: unknown) => errors.push(error);

async function appendAll(store: SqliteEventStore, events: SeasonEvent[]): Promise<void> {
  for (const e of events) {
    const { streamId, ...event } = e;
    await store.append(streamId, [event], 'any');
  }
}

async function readAll(store: SqliteEventStore): Promise<StoredEvent[]> {
  const out: StoredEvent[] = [];
  for await (const e of store.readAll()) out.push(e);
  return out;
}

async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`gave up waiting for ${what}`);
}

describe.each(['sqlite', 'postgres'] as const)('projection runner with read models on %s', (dialect) => {
  let dir: string;
  let store: SqliteEventStore;
  let t: TestSql;
  const leases: ProjectionLease[] = [];
  const lease = (holder: string): ProjectionLease => {
    const made = dialect === 'sqlite' ? new LeaseRow(t.client, holder, 2000) : new PgAdvisoryLease(TEST_DATABASE_URL, holder, t.where);
    leases.push(made);
    return made;
  };

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vinhdanh-runner-'));
    store = new SqliteEventStore({ path: join(dir, 'events.db') });
    t = await testSql(dialect);
  });
  afterEach(async () => {
    for (const l of leases.splice(0)) await l.close();
    await store.close();
    await t.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it('follows the log live, one runner per projection, and reports lag', async () => {
    const season = new SeasonBuilder({ campaignId: `c-${dialect}` });
    await appendAll(store, [...season.opening(), ...season.nomination({ nominationId: 'n-1', awardCode: 'advanced_worker', unitId: 'u-x' })]);
    const registry = new Registry();
    const first = new ProjectionRunner({ store, sql: t.client, projections, lease: lease('first'), batchSize: 5, registry, retryMs: 50, onError });
    const second = new ProjectionRunner({ store, sql: t.client, projections, lease: lease('second'), batchSize: 5, retryMs: 50, onError });
    await first.start();
    await until(async () => Object.values(await first.lag()).every((l) => l === 0), 'catch-up');
    await second.start();
    await appendAll(store, season.nomination({ nominationId: 'n-2', awardCode: 'chair_certificate_of_merit', unitId: 'u-y' }));
    await until(async () => Object.values(await first.lag()).every((l) => l === 0), 'live events');

    expect((await first.status()).map((s) => s.active)).toEqual([true, true]);
    expect((await second.status()).map((s) => s.active)).toEqual([false, false]);
    const metric = (await registry.getMetricsAsJSON()).find((m) => m.name === 'vinhdanh_projection_lag_events')!;
    expect(metric.values.map((v) => [v.labels.projection, v.value]).sort()).toEqual([
      ['audit_trail', 0],
      ['honour_list', 0],
    ]);

    const memory = await projectInMemory(await readAll(store), projections);
    for (const p of projections) expect(readModelDigest(await loadModelRows(t.client, p))).toBe(readModelDigest(memory.get(p.name)!));

    // The first runner stops; the second takes over and applies what comes next.
    await first.stop();
    await appendAll(store, season.nomination({ nominationId: 'n-3', awardCode: 'advanced_worker', unitId: 'u-z' }));
    await until(async () => (await second.status()).every((s) => s.active && s.lag === 0), 'take-over');
    await second.stop();
    expect(errors.filter((e) => !(e instanceof LeaseLost))).toEqual([]);
    const after = await projectInMemory(await readAll(store), projections);
    for (const p of projections) expect(readModelDigest(await loadModelRows(t.client, p))).toBe(readModelDigest(after.get(p.name)!));
  });

  it('rebuilds a model built by another revision of its code before following it, once', async () => {
    const season = new SeasonBuilder({ campaignId: `c-${dialect}` });
    await appendAll(store, [...season.opening(), ...season.nomination({ nominationId: 'n-1', awardCode: 'advanced_worker', unitId: 'u-x' })]);
    const old = new ProjectionRunner({ store, sql: t.client, projections: [auditTrailProjection], lease: lease('old'), retryMs: 50, onError });
    await old.start();
    await until(async () => (await old.status()).every((s) => s.lag === 0), 'the old code catching up');
    await old.stop();
    expect(await activeVersion(t.client, 'audit_trail')).toBe(1);
    // As a deployment from before revisions were recorded: no row counts as revision 1.
    await t.client.execute('DELETE FROM projection_revisions');

    const revised = { ...auditTrailProjection, revision: 2 };
    const seen: StaleRebuild[] = [];
    const runner = new ProjectionRunner({ store, sql: t.client, projections: [revised], lease: lease('new'), retryMs: 50, onError, onStaleRebuild: (e) => seen.push(e) });
    await runner.start();
    await appendAll(store, season.nomination({ nominationId: 'n-2', awardCode: 'chair_certificate_of_merit', unitId: 'u-y' }));
    await until(async () => (await runner.status()).every((s) => s.version === 2 && s.lag === 0), 'rebuild and catch-up');
    await runner.stop();
    expect(seen[0]).toEqual({ projection: 'audit_trail', fromRevision: 1, toRevision: 2 });
    expect(seen.filter((e) => e.result)).toHaveLength(1);
    expect(await storedRevision(t.client, 'audit_trail', 2)).toBe(2);
    const memory = await projectInMemory(await readAll(store), [revised]);
    expect(readModelDigest(await loadModelRows(t.client, revised))).toBe(readModelDigest(memory.get('audit_trail')!));

    // The same revision again: nothing to rebuild.
    const again = new ProjectionRunner({ store, sql: t.client, projections: [revised], lease: lease('again'), retryMs: 50, onError, onStaleRebuild: (e) => seen.push(e) });
    await again.start();
    await until(async () => (await again.status()).every((s) => s.active && s.lag === 0), 'the same revision following');
    await again.stop();
    expect(await activeVersion(t.client, 'audit_trail')).toBe(2);
    expect(seen.filter((e) => e.result)).toHaveLength(1);
    expect(errors.filter((e) => !(e instanceof LeaseLost))).toEqual([]);
  });
});
