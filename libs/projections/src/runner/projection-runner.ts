import { Gauge, type Registry } from 'prom-client';
import type { EventStore, StoredEvent, Subscription } from '@vinhdanh/event-store';
import type { SqlClient } from '@vinhdanh/sql';
import { applyBatch } from '../core/apply-batch';
import type { Projection } from '../core/projection';
import { activeVersion, ensureActiveVersion, ensureMetaTables, revisionOf, storedRevision, versionCheckpoint } from '../core/schema';
import { SqlRows } from '../core/sql-rows';
import type { ProjectionLease } from './lease';
import { rebuild, RebuildBusy, type RebuildProgress, type RebuildResult } from './rebuild';

export class VersionSwitched extends Error {
  readonly code = 'PROJECTION_VERSION_SWITCHED';
  constructor(readonly projection: string) {
    super(`projection ${projection} was rebuilt; following the new version`);
  }
}

export type ProjectionStatus = {
  projection: string;
  /** Whether this process is the one runner of the projection. */
  active: boolean;
  version: number | null;
  /** Next position to apply. */
  checkpoint: number;
  head: number;
  /** Events in the log not yet applied. */
  lag: number;
};

export interface ProjectionRunnerOptions {
  store: EventStore;
  sql: SqlClient;
  projections: readonly Projection[];
  lease: ProjectionLease;
  batchSize?: number;
  /** Rows kept warm per table between batches (default 5,000). */
  cacheRows?: number;
  /** Where `vinhdanh_projection_lag_events{projection}` is registered. */
  registry?: Registry;
  /** Pause before retrying after a failure, or while another process holds the lease. */
  retryMs?: number;
  renewMs?: number;
  onError?: (error: unknown, projection: string) => void;
  /** Called after each committed batch (tests and logs). */
  onBatch?: (projection: string, checkpoint: number, events: number) => void;
  /**
   * A model built by another revision of its code (see Projection.revision) is rebuilt from
   * the log before it is followed: by default, and always by the one runner holding its lease.
   */
  rebuildStale?: boolean;
  /** Told when a stale model's rebuild starts (no result yet), progresses, and ends. */
  onStaleRebuild?: (event: StaleRebuild) => void;
}

export type StaleRebuild = { projection: string; fromRevision: number; toRevision: number; progress?: RebuildProgress; result?: RebuildResult };

type Loop = { projection: Projection; active: boolean; version: number | null; subscription: Subscription | null; wake: () => void };

/**
 * Keeps every projection caught up with the log: one subscription per projection, from its
 * own checkpoint; each batch is one transaction holding the projection's rows, its checkpoint
 * and the lease check. On any failure the subscription ends and restarts from the stored
 * checkpoint, with a cold cache, so what was rolled back is simply read again.
 */
export class ProjectionRunner {
  private stopped = false;
  private readonly loops = new Map<string, Loop>();
  private readonly running: Promise<void>[] = [];
  private readonly gauge?: Gauge<'projection'>;

  constructor(private readonly options: ProjectionRunnerOptions) {
    for (const projection of options.projections) {
      this.loops.set(projection.name, { projection, active: false, version: null, subscription: null, wake: () => undefined });
    }
    if (options.registry) {
      const status = () => this.status();
      this.gauge = new Gauge({
        name: 'vinhdanh_projection_lag_events',
        help: 'Events in the log that a projection has not applied yet.',
        labelNames: ['projection'],
        registers: [options.registry],
        async collect() {
          for (const s of await status()) this.set({ projection: s.projection }, s.lag);
        },
      });
    }
  }

  async start(): Promise<void> {
    await ensureMetaTables(this.options.sql);
    for (const loop of this.loops.values()) this.running.push(this.run(loop));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const loop of this.loops.values()) {
      loop.wake();
      await loop.subscription?.stop();
    }
    await Promise.all(this.running);
    for (const loop of this.loops.values()) {
      if (loop.active) await this.options.lease.release(loop.projection.name).catch(() => undefined);
      loop.active = false;
    }
  }

  async status(): Promise<ProjectionStatus[]> {
    const head = await this.options.store.headPosition();
    const out: ProjectionStatus[] = [];
    for (const loop of this.loops.values()) {
      const name = loop.projection.name;
      const version = await activeVersion(this.options.sql, name).catch(() => null);
      const checkpoint = version === null ? 0 : ((await versionCheckpoint(this.options.sql, name, version)) ?? 0);
      out.push({ projection: name, active: loop.active, version, checkpoint, head, lag: Math.max(0, head + 1 - checkpoint) });
    }
    return out;
  }

  /** Events not yet applied, per projection. */
  async lag(): Promise<Record<string, number>> {
    return Object.fromEntries((await this.status()).map((s) => [s.projection, s.lag]));
  }

  private async pause(loop: Loop, ms: number): Promise<void> {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      loop.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  private async run(loop: Loop): Promise<void> {
    const { sql, store, lease } = this.options;
    const name = loop.projection.name;
    const retryMs = this.options.retryMs ?? 1000;
    while (!this.stopped) {
      let renewal: NodeJS.Timeout | undefined;
      let pauseMs = retryMs;
      try {
        loop.active = await lease.acquire(name);
        if (!loop.active) {
          await this.pause(loop, retryMs);
          continue;
        }
        const version = await ensureActiveVersion(sql, loop.projection);
        loop.version = version;
        // Start over on the new version at once (continue skips the pause below).
        if (await this.rebuiltStale(loop, version)) continue;
        const from = (await versionCheckpoint(sql, name, version)) ?? 0;
        const rows = new SqlRows(loop.projection, version, this.options.cacheRows);
        const subscription = store.subscribe({ fromPosition: from, batchSize: this.options.batchSize ?? 2000 }, (events) =>
          this.handle(loop, rows, events),
        );
        loop.subscription = subscription;
        renewal = setInterval(() => {
          lease.renew(name).catch(() => void subscription.stop());
        }, this.options.renewMs ?? 5000);
        if (this.stopped) await subscription.stop();
        await subscription.done;
        if (!this.stopped) await lease.renew(name);
      } catch (error) {
        if (error instanceof VersionSwitched) pauseMs = 0;
        else this.options.onError?.(error, name);
      } finally {
        if (renewal) clearInterval(renewal);
        loop.subscription = null;
      }
      if (!this.stopped && pauseMs > 0) await this.pause(loop, pauseMs);
    }
  }

  /**
   * Rebuilds the model if the code that built its active version had another revision; true
   * when it did (or another process is doing it), so the caller starts over on the new version.
   * Until the swap, readers keep the old rows and the live events wait.
   */
  private async rebuiltStale(loop: Loop, version: number): Promise<boolean> {
    const { sql, store, lease } = this.options;
    const fromRevision = await storedRevision(sql, loop.projection.name, version);
    const toRevision = revisionOf(loop.projection);
    if (fromRevision === toRevision || this.options.rebuildStale === false) return false;
    const event = { projection: loop.projection.name, fromRevision, toRevision };
    const tell = this.options.onStaleRebuild ?? (() => undefined);
    tell(event);
    try {
      const result = await rebuild({
        store,
        sql,
        projections: [loop.projection],
        lease,
        batchSize: 5000,
        cacheRows: this.options.cacheRows,
        onProgress: (progress) => tell({ ...event, progress }),
      });
      tell({ ...event, result });
    } catch (error) {
      if (!(error instanceof RebuildBusy)) throw error;
      // Someone else (`vinhdanh rebuild`, or a runner that held this lease before) is at it.
      await this.pause(loop, this.options.retryMs ?? 1000);
    }
    return true;
  }

  private async handle(loop: Loop, rows: SqlRows, events: StoredEvent[]): Promise<void> {
    const name = loop.projection.name;
    try {
      const applied = await this.options.sql.transaction(async (tx) => {
        await this.options.lease.assertHeld(tx, name);
        if ((await activeVersion(tx, name, true)) !== rows.version) throw new VersionSwitched(name);
        return applyBatch(tx, rows, events);
      });
      const checkpoint = events[events.length - 1].position + 1;
      this.options.onBatch?.(name, checkpoint, applied);
      this.gauge?.set({ projection: name }, Math.max(0, (await this.options.store.headPosition()) + 1 - checkpoint));
    } catch (error) {
      rows.reset();
      throw error;
    }
  }
}
