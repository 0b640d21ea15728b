import type { EventStore, StoredEvent } from '@vinhdanh/event-store';
import type { SqlClient } from '@vinhdanh/sql';
import { applyEvents } from '../core/apply-batch';
import type { Projection } from '../core/projection';
import { activeVersion, createVersionIndexes, createVersionTables, dropVersionTables, ensureActiveVersion, ensureMetaTables, num, recordRevision, versionCheckpoint } from '../core/schema';
import { SqlRows } from '../core/sql-rows';
import type { ProjectionLease } from './lease';

export type RebuildProgress = {
  projections: string[];
  /** Events applied so far. */
  done: number;
  /** Events in the log (grows if the log grows during the rebuild). */
  total: number;
  eventsPerSec: number;
  elapsedMs: number;
  phase: 'replaying' | 'indexing' | 'swapping' | 'done';
};

export type RebuildResult = {
  versions: Record<string, number>;
  events: number;
  elapsedMs: number;
  eventsPerSec: number;
};

export class RebuildBusy extends Error {
  readonly code = 'PROJECTION_REBUILD_BUSY';
  constructor(readonly projection: string) {
    super(`another process is rebuilding ${projection}`);
  }
}

export interface RebuildOptions {
  store: EventStore;
  sql: SqlClient;
  projections: readonly Projection[];
  /** Rebuilds of one projection exclude each other; the live runner keeps its own lease. */
  lease: ProjectionLease;
  batchSize?: number;
  /** Rows kept warm per table between batches (default 5,000). */
  cacheRows?: number;
  onProgress?: (progress: RebuildProgress) => void;
  /** Wall clock for the progress figures only. */
  clock?: () => number;
}

export const rebuildLeaseName = (projection: string): string => `${projection}#rebuild`;

/**
 * Replays the log from position 0 into a fresh version of each projection's tables, then points
 * readers at the new version in one transaction and drops the old tables. Nobody reads the new
 * tables before the swap, so the replay defers writes: each batch's transaction writes only
 * the rows that fall out of the bounded cache, and the last one writes the rest together with
 * the checkpoint. Until then the checkpoint stays 0, which is true: a rebuild that dies part
 * way leaves nothing to resume, and the next one starts again from position 0. Readers see the old model until the swap and the new
 * one after, never a half-built one. The live runner notices the switch at its next batch and
 * carries on from the new version's checkpoint. Several projections are rebuilt in one pass
 * over the log.
 */
export async function rebuild(options: RebuildOptions): Promise<RebuildResult> {
  const { store, sql, projections, lease } = options;
  const clock = options.clock ?? Date.now;
  const names = projections.map((p) => p.name);
  await ensureMetaTables(sql);
  const held: string[] = [];
  const restore: string[] = [];
  try {
    for (const name of names) {
      if (!(await lease.acquire(rebuildLeaseName(name)))) throw new RebuildBusy(name);
      held.push(rebuildLeaseName(name));
    }
    const targets: SqlRows[] = [];
    for (const projection of projections) {
      // Make sure an (empty) active version exists first, so a live runner starting during
      // the rebuild never adopts the half-built one as its own.
      await ensureActiveVersion(sql, projection);
      const [row] = await sql.query<{ v: unknown }>('SELECT MAX(version) AS v FROM projection_versions WHERE name = ?', [projection.name]);
      const version = row?.v === null || row?.v === undefined ? 1 : num(row.v) + 1;
      await dropVersionTables(sql, projection, version);
      await createVersionTables(sql, projection, version, { indexes: false });
      await sql.execute(
        'INSERT INTO projection_versions (name, version, checkpoint) VALUES (?, ?, 0) ON CONFLICT (name, version) DO UPDATE SET checkpoint = 0',
        [projection.name, version],
      );
      await recordRevision(sql, projection, version);
      targets.push(new SqlRows(projection, version, options.cacheRows));
    }

    const started = clock();
    const batchSize = options.batchSize ?? 2000;
    let done = 0;
    let checkpoint = 0;
    let total = (await store.headPosition()) + 1;
    const report = (phase: RebuildProgress['phase']) => {
      const elapsedMs = clock() - started;
      options.onProgress?.({ projections: names, done, total: Math.max(total, done), eventsPerSec: elapsedMs > 0 ? (done * 1000) / elapsedMs : 0, elapsedMs, phase });
    };
    const commit = async (batch: StoredEvent[]) => {
      try {
        await sql.transaction(async (tx) => {
          // A lost commit is replayed from the checkpoint that was lost with it: rows and
          // checkpoint stay together, so waiting for the disk on every batch buys nothing.
          if (tx.dialect === 'postgres') await tx.execute('SET LOCAL synchronous_commit = off');
          for (const held of names) await lease.assertHeld(tx, rebuildLeaseName(held));
          for (const rows of targets) {
            rows.begin(tx);
            await applyEvents(rows, batch);
            await rows.flushEvicted();
          }
        });
      } catch (error) {
        for (const rows of targets) rows.reset();
        throw error;
      }
      done += batch.length;
      checkpoint = batch[batch.length - 1].position + 1;
      report('replaying');
    };

    await applyReplaySettings(sql, restore);
    let next = 0;
    // Catch up until a read finds nothing new: the log may grow while we replay.
    for (;;) {
      let batch: StoredEvent[] = [];
      let read = 0;
      for await (const event of store.readAll({ fromPosition: next, batchSize })) {
        batch.push(event);
        read += 1;
        if (batch.length >= batchSize) {
          await commit(batch);
          batch = [];
        }
      }
      if (batch.length) await commit(batch);
      next += read;
      if (read === 0) break;
      total = Math.max(total, (await store.headPosition()) + 1);
    }

    // The deferred rows and the checkpoint, together.
    try {
      await sql.transaction(async (tx) => {
        for (const held of names) await lease.assertHeld(tx, rebuildLeaseName(held));
        for (const rows of targets) {
          rows.begin(tx);
          await rows.flush();
          await tx.execute('UPDATE projection_versions SET checkpoint = ? WHERE name = ? AND version = ?', [checkpoint, rows.projection.name, rows.version]);
        }
      });
    } catch (error) {
      for (const rows of targets) rows.reset();
      throw error;
    }

    // Readers filter and sort on these once the model is swapped in.
    report('indexing');
    for (const rows of targets) await createVersionIndexes(sql, rows.projection, rows.version);

    for (const statement of restore.splice(0)) await sql.execute(statement);
    report('swapping');
    const versions: Record<string, number> = {};
    const retired: { projection: Projection; version: number }[] = [];
    await sql.transaction(async (tx) => {
      for (const rows of targets) {
        const name = rows.projection.name;
        const old = await activeVersion(tx, name, true);
        if (old !== null && old !== rows.version) retired.push({ projection: rows.projection, version: old });
        await tx.execute('INSERT INTO projection_active (name, version) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET version = excluded.version', [
          name,
          rows.version,
        ]);
        versions[name] = rows.version;
      }
    });
    for (const { projection, version } of retired) {
      await dropVersionTables(sql, projection, version);
      await sql.execute('DELETE FROM projection_versions WHERE name = ? AND version = ?', [projection.name, version]);
    }
    const elapsedMs = clock() - started;
    report('done');
    return { versions, events: done, elapsedMs, eventsPerSec: elapsedMs > 0 ? (done * 1000) / elapsedMs : 0 };
  } finally {
    for (const statement of restore) await sql.execute(statement).catch(() => undefined);
    for (const name of held) await lease.release(name).catch(() => undefined);
  }
}

/** SQLite settings for the replay and the indexing after it; PostgreSQL needs none. */
const REPLAY_PRAGMAS = [
  // The reasoning of `SET LOCAL synchronous_commit = off` above; WAL keeps each commit atomic.
  ['synchronous', 'NORMAL'],
  // Fewer, larger WAL checkpoints: each one syncs the database file.
  ['wal_autocheckpoint', '16384'],
  // The replay keeps what it reuses in its own cache and writes each page about once, so
  // better-sqlite3's 16 MB page cache bought nothing; 4 MB ran as fast with 10 MB less peak
  // RSS, and it also bounds CREATE INDEX's sort memory (BENCHMARKS.md).
  ['cache_size', '-4000'],
] as const;

/**
 * Applies REPLAY_PRAGMAS, adding to `restore` the statement that puts each previous value back
 * as soon as it is changed, so a failure part way still restores what was changed.
 */
async function applyReplaySettings(sql: SqlClient, restore: string[]): Promise<void> {
  if (sql.dialect !== 'sqlite') return;
  for (const [name, value] of REPLAY_PRAGMAS) {
    const [row] = await sql.query<Record<string, unknown>>(`PRAGMA ${name}`);
    restore.push(`PRAGMA ${name} = ${Number(row?.[name])}`);
    await sql.execute(`PRAGMA ${name} = ${value}`);
  }
}

/** The checkpoint of the version readers use: what `vinhdanh rebuild` shows before starting. */
export async function readerCheckpoint(sql: SqlClient, projection: string): Promise<number | null> {
  const version = await activeVersion(sql, projection);
  return version === null ? null : versionCheckpoint(sql, projection, version);
}
