import { randomUUID } from 'node:crypto';
import type { EventStore, StoredEvent, Subscription } from '@vinhdanh/event-store';
import type { SqlClient, SqlExecutor } from '@vinhdanh/sql';
import { planEvent, type CampaignInfo, type NominationInfo, type PlannedJob } from './deadline-plan';
import type { JobSink } from './job-sink';
import {
  ensureSchedulerSchema,
  loadCampaign,
  loadNomination,
  loadSlot,
  readState,
  resetState,
  saveCampaign,
  saveNomination,
  saveSlot,
  writeState,
  type SchedulerState,
  type SlotRow,
} from './scheduler-store';

/** The part of a projection lease the scheduler uses: one active scheduler across processes. */
export interface SchedulerLease {
  acquire(name: string): Promise<boolean>;
  assertHeld(tx: SqlExecutor, name: string): Promise<void>;
  release(name: string): Promise<void>;
}

export type JobLog = (level: 'info' | 'warn' | 'error', message: string, context?: Record<string, unknown>) => void;

export interface DeadlineSchedulerOptions {
  store: Pick<EventStore, 'subscribe' | 'headPosition'>;
  sql: SqlClient;
  sink: JobSink;
  lease?: SchedulerLease;
  /** Its checkpoint row and lease name. Default 'deadline-scheduler'. */
  name?: string;
  /** How long before a deadline people are reminded. Default 24 h. */
  reminderLeadMs?: number;
  /** Whether publications go to the portal webhook. */
  portal?: boolean;
  clock?: () => number;
  batchSize?: number;
  /** First pause after a failure (Redis or the database down); doubles up to maxRetryMs. */
  retryMs?: number;
  maxRetryMs?: number;
  /** How often Redis is asked whether it still holds what was scheduled. Default 5 s. */
  epochCheckMs?: number;
  log?: JobLog;
  /** After each committed batch (tests and logs). */
  onBatch?: (checkpoint: number, scheduled: number) => void;
}

/** Redis answered, but without the epoch we scheduled into: it restarted empty or was flushed. */
class RedisLostJobs extends Error {
  constructor() {
    super('Redis no longer holds the scheduled jobs');
  }
}

interface RunCache {
  campaigns: Map<string, CampaignInfo | undefined>;
  nominations: Map<string, NominationInfo | undefined>;
  slots: Map<string, SlotRow | undefined>;
}

/**
 * Follows the log and turns every deadline an event sets into a delayed job with a deterministic
 * id. Redis is not the truth: the checkpoint (in SQL, with the scheduler's state, one
 * transaction per batch) advances only after the batch's jobs are in Redis. When Redis is down
 * the batch fails and is retried from the checkpoint with backoff; when Redis comes back without
 * our epoch marker (restarted empty), the log is replayed from 0 — ids make that add only what
 * is missing, and the commands jobs send refuse what is already done.
 */
export class DeadlineScheduler {
  readonly name: string;
  private stopped = false;
  private running: Promise<void> | null = null;
  private subscription: Subscription | null = null;
  private epoch = '';
  private wake: () => void = () => undefined;
  private readonly clock: () => number;
  private readonly log: JobLog;

  constructor(private readonly options: DeadlineSchedulerOptions) {
    this.name = options.name ?? 'deadline-scheduler';
    this.clock = options.clock ?? Date.now;
    this.log = options.log ?? (() => undefined);
  }

  async start(): Promise<void> {
    await ensureSchedulerSchema(this.options.sql);
    this.stopped = false;
    this.running = this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake();
    await this.subscription?.stop();
    await this.running;
    this.running = null;
    await this.options.lease?.release(this.name).catch(() => undefined);
  }

  /** Next log position to schedule from, the head, and the events in between. */
  async status(): Promise<{ checkpoint: number; head: number; lag: number }> {
    const state = await readState(this.options.sql, this.name);
    const head = await this.options.store.headPosition();
    const checkpoint = state?.checkpoint ?? 0;
    return { checkpoint, head, lag: Math.max(0, head + 1 - checkpoint) };
  }

  private async pause(ms: number): Promise<void> {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  private async run(): Promise<void> {
    const retryMs = this.options.retryMs ?? 500;
    const maxRetryMs = this.options.maxRetryMs ?? 10_000;
    let backoff = retryMs;
    while (!this.stopped) {
      let watch: NodeJS.Timeout | undefined;
      let lost = false;
      try {
        if (this.options.lease && !(await this.options.lease.acquire(this.name))) {
          await this.pause(retryMs);
          continue;
        }
        const state = await this.openEpoch();
        const cache: RunCache = { campaigns: new Map(), nominations: new Map(), slots: new Map() };
        const subscription = this.options.store.subscribe({ fromPosition: state.checkpoint, batchSize: this.options.batchSize ?? 500 }, (events) =>
          this.handle(events, cache),
        );
        this.subscription = subscription;
        watch = setInterval(() => {
          this.options.sink.readEpoch(this.name).then(
            (marker) => {
              if (marker === this.epoch || lost) return;
              lost = true;
              void subscription.stop();
            },
            () => undefined, // Redis down: the next batch that needs it fails and backs off
          );
        }, this.options.epochCheckMs ?? 5_000);
        if (this.stopped) await subscription.stop();
        await subscription.done;
        backoff = retryMs;
        if (lost) continue;
      } catch (error) {
        if (error instanceof RedisLostJobs) {
          backoff = 0;
        } else {
          this.log('warn', 'scheduling paused; resuming from the checkpoint', { error: error instanceof Error ? error.message : String(error), retryInMs: backoff });
        }
      } finally {
        clearInterval(watch);
        this.subscription = null;
      }
      if (!this.stopped && backoff > 0) await this.pause(backoff);
      backoff = Math.min(Math.max(backoff * 2, retryMs), maxRetryMs);
    }
  }

  /**
   * The checkpoint to resume from. If Redis does not carry the epoch the SQL state was
   * scheduled into, the jobs it held are gone: start a new epoch from position 0.
   */
  private async openEpoch(): Promise<SchedulerState> {
    const { sql, sink, lease } = this.options;
    const state = await readState(sql, this.name);
    const marker = await sink.readEpoch(this.name);
    if (state && marker === state.epoch) {
      this.epoch = state.epoch;
      return state;
    }
    const epoch = randomUUID();
    if (state) this.log('warn', 'Redis no longer holds the scheduled jobs; replaying the log from position 0', { checkpoint: state.checkpoint });
    await sql.transaction(async (tx) => {
      await lease?.assertHeld(tx, this.name);
      await resetState(tx, this.name, epoch);
    });
    await sink.writeEpoch(this.name, epoch);
    this.epoch = epoch;
    return { checkpoint: 0, epoch };
  }

  private async handle(events: StoredEvent[], cache: RunCache): Promise<void> {
    const { sql, sink } = this.options;
    if ((await sink.readEpoch(this.name)) !== this.epoch) throw new RedisLostJobs();
    const campaigns = new Map<string, CampaignInfo>();
    const nominations = new Map<string, NominationInfo>();
    const slots = new Map<string, SlotRow>();
    const known = async <T>(map: Map<string, T | undefined>, id: string, load: () => Promise<T | undefined>) => {
      if (!map.has(id)) map.set(id, await load());
      return map.get(id);
    };
    let scheduled = 0;
    try {
      for (const event of events) {
        // The plan is pure and synchronous; load what it may ask about first.
        const ids = event.data as { campaignId?: unknown; nominationId?: unknown };
        let nomination: NominationInfo | undefined;
        if (typeof ids.nominationId === 'string') nomination = await known(cache.nominations, ids.nominationId, () => loadNomination(sql, ids.nominationId as string));
        const campaignId = typeof ids.campaignId === 'string' ? ids.campaignId : nomination?.campaignId;
        if (campaignId) await known(cache.campaigns, campaignId, () => loadCampaign(sql, campaignId));
        const steps = planEvent(
          event,
          { campaign: (id) => cache.campaigns.get(id), nomination: (id) => cache.nominations.get(id) },
          { reminderLeadMs: this.options.reminderLeadMs ?? 24 * 3600_000, portal: this.options.portal ?? false },
        );
        for (const step of steps) {
          if (step.op === 'campaign') {
            cache.campaigns.set(step.campaign.campaignId, step.campaign);
            campaigns.set(step.campaign.campaignId, step.campaign);
          } else if (step.op === 'nomination') {
            cache.nominations.set(step.nomination.nominationId, step.nomination);
            nominations.set(step.nomination.nominationId, step.nomination);
          } else {
            await this.schedule(step.job, cache, slots);
            scheduled += 1;
          }
        }
      }
      const checkpoint = events[events.length - 1].position + 1;
      await sql.transaction(async (tx) => {
        await this.options.lease?.assertHeld(tx, this.name);
        const current = await readState(tx, this.name);
        if (current?.epoch !== this.epoch) throw new RedisLostJobs();
        for (const c of campaigns.values()) await saveCampaign(tx, c);
        for (const n of nominations.values()) await saveNomination(tx, n);
        for (const [slot, row] of slots) await saveSlot(tx, slot, row);
        await writeState(tx, this.name, { checkpoint, epoch: this.epoch });
      });
      this.options.onBatch?.(checkpoint, scheduled);
    } catch (error) {
      // What this batch cached was never committed.
      cache.campaigns.clear();
      cache.nominations.clear();
      cache.slots.clear();
      throw error;
    }
  }

  /** Adds the job; a job already holding its slot under another id (a moved deadline) is removed first. */
  private async schedule(job: PlannedJob, cache: RunCache, slots: Map<string, SlotRow>): Promise<void> {
    if (job.slot) {
      const slot = job.slot;
      const previous = await (async () => {
        if (!cache.slots.has(slot)) cache.slots.set(slot, await loadSlot(this.options.sql, slot));
        return cache.slots.get(slot);
      })();
      if (previous && previous.jobId !== job.id) {
        await this.options.sink.remove(previous.queue as PlannedJob['queue'], previous.jobId);
        this.log('info', 'deadline moved; its job was replaced', { removed: previous.jobId, added: job.id });
      }
      const row = { jobId: job.id, queue: job.queue };
      cache.slots.set(slot, row);
      slots.set(slot, row);
    }
    await this.options.sink.add(job, Date.parse(job.dueAt) - this.clock());
  }
}
