import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Job } from 'bullmq';
import { createWorkflow, type Workflow } from '@vinhdanh/application';
import type { AwardCatalog } from '@vinhdanh/domain';
import type { EventStore } from '@vinhdanh/event-store';
import {
  DeadlineScheduler,
  FailedJobs,
  QUEUE_KEYS,
  QUEUE_NAMES,
  allNotifiers,
  bullmqJobSink,
  deadlineProcessor,
  logNotifier,
  openJobQueues,
  reminderProcessor,
  startJobWorkers,
  webhookNotifier,
  webhookProcessor,
  type DeadlineJobData,
  type DeadlineSchedulerOptions,
  type JobLog,
  type Notifier,
  type ReminderJobData,
  type WebhookJobData,
} from '@vinhdanh/jobs';
import { Checkpointer, ledgerSigningKey, type LedgerKeyEnv } from '@vinhdanh/ledger';
import { ALL_PROJECTIONS, LeaseRow, PgAdvisoryLease, ProjectionRunner, type ProjectionLease, type StaleRebuild } from '@vinhdanh/projections';
import type { SqlClient } from '@vinhdanh/sql';
import { supervise, type Supervised } from './supervise';

export interface StartWorkerOptions {
  store: EventStore;
  /** Read models, checkpoints (projections, ledger, scheduler), ballot box. */
  sql: SqlClient;
  redisUrl: string;
  /** PostgreSQL URL of `sql`: one runner per projection and one scheduler through advisory locks. Without it, lease rows in `sql`. */
  databaseUrl?: string;
  /** The command side to act through; default: a fresh one over store and sql (the same handlers as the API's). */
  workflow?: Workflow;
  catalog?: AwardCatalog;
  reminderLeadMs?: number;
  webhooks?: { secret: string; portalUrl?: string; reminderUrl?: string } | null;
  /** Run the projection runner (default true). */
  projections?: boolean;
  /** Run the ledger checkpointer (default true); its key comes from LEDGER_* in `env`. */
  checkpointer?: boolean;
  env?: LedgerKeyEnv;
  /** The API's metrics, when API and worker share a process: queue depths feed vinhdanh_queue_depth. */
  metrics?: { registerQueueDepth(queue: string, source: () => Promise<number>): void };
  concurrency?: number;
  /** BullMQ key prefix (tests use their own). */
  prefix?: string;
  clock?: () => Date;
  log?: JobLog;
  /** Tuning for tests: retry pauses and how often Redis is checked for lost jobs. */
  scheduler?: Pick<DeadlineSchedulerOptions, 'retryMs' | 'maxRetryMs' | 'epochCheckMs' | 'batchSize' | 'onBatch'>;
}

export interface RunningWorker {
  scheduler: DeadlineScheduler;
  failedJobs: FailedJobs;
  /** Jobs not yet run, per queue. */
  queueDepth(): Promise<Record<string, number>>;
  /** Drains active jobs, stops every subscription, closes what it opened (not store or sql). */
  stop(): Promise<void>;
}

const stderrLog: JobLog = (level, message, context) => {
  process.stderr.write(`${JSON.stringify({ level, service: 'vinhdanh-worker', message, ...context })}\n`);
};

/** Start, a line every 10 s, and end of a rebuild the runner starts for a model of an older revision. */
function staleRebuildLog(log: JobLog): (event: StaleRebuild) => void {
  let last = 0;
  return ({ projection, fromRevision, toRevision, progress, result }) => {
    const context = { projection, fromRevision, toRevision };
    if (result) log('info', 'read model rebuilt; following the log from here', { ...context, events: result.events, eventsPerSec: Math.round(result.eventsPerSec) });
    else if (!progress) log('info', 'read model was built by another revision of its code; rebuilding it from the log (readers keep the old rows until the swap)', context);
    else if (Date.now() - last >= 10_000) {
      last = Date.now();
      log('info', 'rebuilding read model', { ...context, phase: progress.phase, done: progress.done, total: progress.total, eventsPerSec: Math.round(progress.eventsPerSec) });
    }
  };
}

/**
 * Everything that follows the log besides the API: the projection runner, the ledger
 * checkpointer, the deadline scheduler and the job processors. The lead's one-process
 * `npm start` calls this beside bootstrapApi with the same store and SQL client.
 */
export async function startWorker(options: StartWorkerOptions): Promise<RunningWorker> {
  const log = options.log ?? stderrLog;
  const clock = options.clock ?? (() => new Date());
  const holder = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  const lease = (): ProjectionLease =>
    options.databaseUrl && options.sql.dialect === 'postgres' ? new PgAdvisoryLease(options.databaseUrl, holder) : new LeaseRow(options.sql, holder);
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch((error: unknown) => log('error', 'shutdown step failed', { error: String(error) }));
  };

  try {
    const ownWorkflow = !options.workflow;
    const workflow = options.workflow ?? (await createWorkflow({ store: options.store, sql: options.sql, catalog: options.catalog }));
    if (ownWorkflow) stops.push(() => workflow.close());

    if (options.projections ?? true) {
      const projectionLease = lease();
      const runner = new ProjectionRunner({
        store: options.store,
        sql: options.sql,
        projections: ALL_PROJECTIONS,
        lease: projectionLease,
        onError: (error, projection) => log('error', 'projection batch failed; retrying from its checkpoint', { projection, error: String(error) }),
        onStaleRebuild: staleRebuildLog(log),
      });
      await runner.start();
      stops.push(async () => {
        await runner.stop();
        await projectionLease.close();
      });
    }

    if (options.checkpointer ?? true) {
      const { key, origin } = ledgerSigningKey(options.env ?? process.env, (line) => log('info', line));
      const ledger: Supervised = supervise(
        'checkpointer',
        async () => (await Checkpointer.open({ sql: options.sql, key, origin, log: (level, message, context) => log(level, message, context) })).start(options.store),
        log,
      );
      stops.push(() => ledger.stop());
    }

    const queues = openJobQueues(options.redisUrl, { prefix: options.prefix });
    stops.push(() => queues.close());
    const sink = bullmqJobSink(queues, options.redisUrl, { prefix: options.prefix });
    stops.push(() => sink.close());
    for (const key of QUEUE_KEYS) options.metrics?.registerQueueDepth(QUEUE_NAMES[key], () => queues.depth(key));

    const webhooks = options.webhooks ?? null;
    const notifiers: Notifier[] = [logNotifier(log)];
    if (webhooks?.reminderUrl) notifiers.push(webhookNotifier(queues.queues.webhooks));
    const processDeadline = deadlineProcessor({ bus: workflow.commandBus, clock, log });
    const processReminder = reminderProcessor({ nominationState: (id) => workflow.runner.nominationState(id), notifier: allNotifiers(...notifiers), clock });
    const processWebhook = webhookProcessor({ secret: webhooks?.secret ?? '', urls: { portal: webhooks?.portalUrl, reminders: webhooks?.reminderUrl } });
    const workers = startJobWorkers(
      options.redisUrl,
      {
        deadlines: (job) => processDeadline(job as Job<DeadlineJobData>),
        reminders: (job) => processReminder(job as Job<ReminderJobData>),
        webhooks: (job) => processWebhook(job as Job<WebhookJobData>),
      },
      { concurrency: options.concurrency, prefix: options.prefix, log },
    );
    stops.push(() => workers.close());

    const schedulerLease = lease();
    const scheduler = new DeadlineScheduler({
      store: options.store,
      sql: options.sql,
      sink,
      lease: schedulerLease,
      reminderLeadMs: options.reminderLeadMs,
      portal: Boolean(webhooks?.portalUrl),
      clock: () => clock().getTime(),
      log,
      ...options.scheduler,
    });
    await scheduler.start();
    stops.push(async () => {
      await scheduler.stop();
      await schedulerLease.close();
    });

    return {
      scheduler,
      failedJobs: new FailedJobs(queues.queues),
      async queueDepth() {
        const out: Record<string, number> = {};
        for (const key of QUEUE_KEYS) out[QUEUE_NAMES[key]] = await queues.depth(key);
        return out;
      },
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
