import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SqliteEventStore, type StoredEvent } from '@vinhdanh/event-store';
import type { SqlClient } from '@vinhdanh/sql';
import { ALL_PROJECTIONS } from '../all-projections';
import { readModelDigest, sqlReadModelDigest } from '../core/digest';
import { projectInMemory } from '../core/project-in-memory';
import { activeVersion, physicalTable, versionCheckpoint } from '../core/schema';
import { auditTrailProjection } from '../audit-trail/audit-trail.projection';
import { honourListProjection } from '../honour-list/honour-list.projection';
import { honourList } from '../honour-list/honour-list.query';
import { SeasonBuilder } from '../testing/season-builder';
import { testSql, type TestSql } from '../testing/test-sql';
import { LeaseRow } from './lease';
import { ProjectionRunner } from './projection-runner';
import { readerCheckpoint, rebuild, type RebuildProgress } from './rebuild';

const AWARDS = ['chair_certificate_of_merit', 'advanced_worker', 'grassroots_emulation_fighter', 'excellent_labour_collective'];
const UNITS = ['u-a', 'u-b', 'u-c', 'u-d', 'u-health', 'u-finance'];

/** A season of 120 nominations, appended phase by phase across nominations as a real year runs. */
async function seedSeason(store: SqliteEventStore, campaignId: string): Promise<void> {
  const season = new SeasonBuilder({ campaignId, salt: campaignId });
  const append = async (events: ReturnType<SeasonBuilder['opening']>) => {
    for (const e of events) {
      const { streamId, ...event } = e;
      await store.append(streamId, [event], 'any');
    }
  };
  await append(season.opening());
  const stories = Array.from({ length: 120 }, (_, i) =>
    season.lifecycle({
      nominationId: `${campaignId}-n${i}`,
      awardCode: AWARDS[i % AWARDS.length],
      unitId: UNITS[i % UNITS.length],
      choices: i % 7 === 3 ? ['no', 'no', 'no', 'no'] : undefined,
      until: i % 11 === 5 ? 'revoked' : i % 13 === 4 ? 'notice' : 'published',
      objections: i % 5 === 0 ? [{ objectionId: `o-${i}`, outcome: 'dismissed' }] : [],
      rank: i + 1,
      seed: i,
    }),
  );
  for (let phase = 0; phase < 8; phase++) for (const story of stories) if (story[phase]) await append(story[phase]);
}

async function allEvents(store: SqliteEventStore): Promise<StoredEvent[]> {
  const out: StoredEvent[] = [];
  for await (const e of store.readAll()) out.push(e);
  return out;
}

async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 1200; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`gave up waiting for ${what}`);
}

async function caughtUp(sql: SqlClient, head: number): Promise<boolean> {
  for (const p of ALL_PROJECTIONS) {
    const version = await activeVersion(sql, p.name).catch(() => null);
    if (version === null || (await versionCheckpoint(sql, p.name, version)) !== head + 1) return false;
  }
  return true;
}

async function digests(sql: SqlClient): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const p of ALL_PROJECTIONS) out[p.name] = await sqlReadModelDigest(sql, p);
  return out;
}

const CHILD = resolve(__dirname, '../testing/runner-child.ts');
const ROOT = resolve(__dirname, '../../../..');

function startChild(eventsPath: string, target: string): { child: ChildProcess; batches: () => number } {
  let batches = 0;
  const child = spawn(process.execPath, ['-r', '@swc-node/register', CHILD, eventsPath, target], { cwd: ROOT, env: { ...process.env, BATCH_SIZE: '50' }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (chunk: Buffer) => (batches += chunk.toString().split('\n').filter((l) => l.startsWith('batch ')).length));
  child.stderr!.on('data', (chunk: Buffer) => process.stderr.write(`[child] ${chunk.toString()}`));
  return { child, batches: () => batches };
}

const exited = (child: ChildProcess) => new Promise<void>((done) => (child.exitCode !== null || child.signalCode !== null ? done() : child.once('exit', () => done())));

describe.each(['sqlite', 'postgres'] as const)('read model digests on %s: live = rebuilt = killed and restarted', (dialect) => {
  let dir: string;
  let store: SqliteEventStore;
  let live: TestSql;
  let crashed: TestSql;
  let expected: Record<string, string>;
  let head: number;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vinhdanh-crash-'));
    store = new SqliteEventStore({ path: join(dir, 'events.db') });
    await seedSeason(store, `c-${dialect}`);
    const events = await allEvents(store);
    head = events.length - 1;
    const memory = await projectInMemory(events, ALL_PROJECTIONS);
    expected = Object.fromEntries(ALL_PROJECTIONS.map((p) => [p.name, readModelDigest(memory.get(p.name)!)]));
    live = await testSql(dialect);
    crashed = await testSql(dialect);
  }, 120_000);
  afterAll(async () => {
    await store.close();
    await live.cleanup();
    await crashed.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it('(a) live processing, then (b) a full rebuild swapped in while readers keep the old model', async () => {
    const lease = new LeaseRow(live.client, 'live', 5000);
    const runner = new ProjectionRunner({ store, sql: live.client, projections: ALL_PROJECTIONS, lease, batchSize: 64, retryMs: 50 });
    await runner.start();
    await until(() => caughtUp(live.client, head), 'live catch-up');
    expect(await digests(live.client)).toEqual(expected);

    const before = await honourList(live.client, { campaignId: `c-${dialect}` });
    const seenDuring: Promise<string>[] = [];
    const progress: RebuildProgress[] = [];
    const result = await rebuild({
      store,
      sql: live.client,
      projections: ALL_PROJECTIONS,
      lease: new LeaseRow(live.client, 'rebuilder', 5000),
      batchSize: 200,
      onProgress: (p) => {
        progress.push(p);
        // A reader in the middle of the rebuild: it must see the whole old model.
        if (p.phase === 'replaying') seenDuring.push(sqlReadModelDigest(live.client, honourListProjection));
      },
    });
    expect(progress.filter((p) => p.phase === 'replaying').map((p) => p.done)).toEqual(
      Array.from({ length: Math.ceil((head + 1) / 200) }, (_, i) => Math.min((i + 1) * 200, head + 1)),
    );
    expect(progress[progress.length - 1]).toMatchObject({ phase: 'done', done: head + 1, total: head + 1 });
    expect(Object.values(result.versions)).toEqual(ALL_PROJECTIONS.map(() => 2));
    expect(await digests(live.client)).toEqual(expected);
    expect(await honourList(live.client, { campaignId: `c-${dialect}` })).toEqual(before);
    expect(new Set(await Promise.all(seenDuring))).toEqual(new Set([expected.honour_list]));

    // The live runner follows the new version from its checkpoint.
    const more = new SeasonBuilder({ campaignId: `c-${dialect}`, salt: 'more' }).nomination({ nominationId: 'late-1', awardCode: 'advanced_worker', unitId: 'u-z' });
    for (const e of more) {
      const { streamId, ...event } = e;
      await store.append(streamId, [event], 'any');
    }
    const all = await allEvents(store);
    await until(() => caughtUp(live.client, all.length - 1), 'live after swap');
    await runner.stop();
    await lease.close();
    const memory = await projectInMemory(all, ALL_PROJECTIONS);
    expect(await digests(live.client)).toEqual(Object.fromEntries(ALL_PROJECTIONS.map((p) => [p.name, readModelDigest(memory.get(p.name)!)])));
    head = all.length - 1;
    expected = await digests(live.client);
  });

  it('(b, small cache) a rebuild whose cache is smaller than the season writes rows as they fall out and ends the same', async () => {
    // The replay's SQLite settings (looser syncing, larger checkpoints, a smaller page cache)
    // are for the replay only: the live runner and readers get theirs back.
    const settings = async () =>
      dialect === 'sqlite'
        ? Promise.all(['synchronous', 'wal_autocheckpoint', 'cache_size'].map(async (name) => (await live.client.query(`PRAGMA ${name}`))[0]))
        : [];
    const before = await settings();
    const result = await rebuild({ store, sql: live.client, projections: ALL_PROJECTIONS, lease: new LeaseRow(live.client, 'tiny', 5000), batchSize: 50, cacheRows: 3 });
    expect(await settings()).toEqual(before);
    if (dialect === 'sqlite') expect(before).toEqual([{ synchronous: 2 }, { wal_autocheckpoint: 1000 }, { cache_size: -16000 }]);
    expect(result.events).toBe(head + 1);
    expect(await digests(live.client)).toEqual(expected);
    for (const p of ALL_PROJECTIONS) expect(await readerCheckpoint(live.client, p.name)).toBe(head + 1);
    // Secondary indexes are built after the replay, before the swap.
    const version = await activeVersion(live.client, auditTrailProjection.name);
    const wanted = auditTrailProjection.tables.flatMap((t) => (t.indexes ?? []).map((_, i) => `${physicalTable(auditTrailProjection.name, t.name, version!)}_i${i}`));
    const indexes =
      dialect === 'sqlite'
        ? await live.client.query<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'index'")
        : await live.client.query<{ name: string }>('SELECT indexname AS name FROM pg_indexes WHERE schemaname = current_schema()');
    expect(wanted.length).toBeGreaterThan(0);
    expect(indexes.map((r) => r.name)).toEqual(expect.arrayContaining(wanted));
  });

  it('(c) a worker killed with SIGKILL mid-way and restarted ends with the same digests', async () => {
    const target = dialect === 'sqlite' ? `sqlite:${crashed.where}` : `postgres:${crashed.where}`;
    const first = startChild(join(dir, 'events.db'), target);
    await until(async () => first.batches() >= 25, 'the first worker to commit some batches');
    first.child.kill('SIGKILL');
    await exited(first.child);
    expect(first.child.signalCode).toBe('SIGKILL');
    expect(await caughtUp(crashed.client, head)).toBe(false);

    const second = startChild(join(dir, 'events.db'), target);
    await until(() => caughtUp(crashed.client, head), 'the restarted worker to catch up');
    second.child.kill('SIGTERM');
    await exited(second.child);
    expect(await digests(crashed.client)).toEqual(expected);
  });
});

