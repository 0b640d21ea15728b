import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Env } from '@vinhdanh/config';
import type { EventStore } from '@vinhdanh/event-store';
import { openJobQueues, type JobLog } from '@vinhdanh/jobs';
import type { SqlClient } from '@vinhdanh/sql';
import { mintToken } from '../serve/apps';
import { DemoClock } from '../serve/demo-clock';
import { startServer, type RunningServer } from '../serve/start-server';
import { demoCatalog } from './demo-catalog';
import { DemoHttp, type Caller } from './demo-http';
import { playSeason, type ClockControl, type SeasonOutcome } from './play-season';
import { planSeason, type SeasonSize } from './season-plan';

export interface RunDemoOptions {
  /** A running server started with `vinhdanh serve --demo-clock`; without it the demo starts its own. */
  url?: string;
  /** The demo's own server keeps its files here (a fresh directory). */
  dataDir: string;
  size: SeasonSize;
  concurrency: number;
  /** The environment tokens are minted from, and (for its own server) what the server reads. */
  env: Env;
  say: (line: string) => void;
  /** Its own server: the port (0 = any free one). */
  port?: number;
  /** Its own server over stores the caller opened (the e2e test: a fresh PostgreSQL schema). */
  stores?: { store: EventStore; sql: SqlClient };
  /** Its own server's BullMQ prefix (default: one named after the campaign); its queues are removed when the demo's server stops. */
  queuePrefix?: string;
  /** Campaign id; default demo-<time>. */
  campaignId?: string;
  waitMs?: number;
}

export interface DemoRun {
  outcome: SeasonOutcome;
  url: string;
  /** Present when the demo started its own server: stop it (and remove its jobs) when done looking. */
  server: (RunningServer & { close(): Promise<void> }) | null;
}

/** Whether a server answers at `url`, and whether it runs a demo clock. */
export async function probeServer(url: string): Promise<'demo' | 'plain' | 'none'> {
  const ask = async (path: string) => {
    try {
      return await fetch(`${url}${path}`, { signal: AbortSignal.timeout(1_500) });
    } catch {
      return null;
    }
  };
  const health = await ask('/health');
  if (!health) return 'none';
  const clock = await ask('/demo/clock');
  return clock?.ok ? 'demo' : 'plain';
}

function remoteClock(http: DemoHttp, admin: Caller): ClockControl {
  return {
    async now() {
      return new Date((await http.get<{ now: string }>(null, '/demo/clock')).now);
    },
    async advanceTo(at) {
      return new Date((await http.post<{ now: string }>(admin, '/demo/clock', { to: at.toISOString() })).now);
    },
  };
}

/** Removes the demo's queues from Redis: jobs timed for dates the demo clock skipped past would otherwise wait there. */
async function dropQueues(redisUrl: string, prefix: string): Promise<void> {
  const queues = openJobQueues(redisUrl, { prefix });
  try {
    for (const queue of Object.values(queues.queues)) await queue.obliterate({ force: true });
  } finally {
    await queues.close();
  }
}

export async function runDemo(options: RunDemoOptions): Promise<DemoRun> {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '').replace('T', '-');
  const campaignId = options.campaignId ?? `demo-${stamp}`;
  const plan = planSeason(campaignId, options.size);
  const mint = (env: Env) => (caller: Caller) => mintToken({ role: caller.roles, sub: caller.sub, unit: caller.unit }, { env });

  if (options.url) {
    const url = options.url.replace(/\/$/, '');
    const http = new DemoHttp(url, mint(options.env));
    const outcome = await playSeason({ http, clock: remoteClock(http, { sub: plan.admin.sub, roles: ['admin'] }), plan, concurrency: options.concurrency, say: options.say, waitMs: options.waitMs });
    return { outcome, url, server: null };
  }

  mkdirSync(options.dataDir, { recursive: true });
  const env: Env = {
    ...options.env,
    // A fresh season on fresh files, whatever ./data holds.
    SQLITE_PATH: join(options.dataDir, 'vinhdanh.db'),
    JWT_SECRET_FILE: options.env.JWT_SECRET ? undefined : join(options.dataDir, 'jwt-secret'),
    LEDGER_KEY_DIR: join(options.dataDir),
    REDIS_DATA_DIR: options.env.REDIS_DATA_DIR || join(options.dataDir, 'redis'),
  };
  const logFile = join(options.dataDir, 'server.log');
  const logStream = createWriteStream(logFile, { flags: 'a' });
  const log: JobLog = (level, message, context) => logStream.write(`${JSON.stringify({ level, service: 'vinhdanh-worker', time: new Date().toISOString(), message, ...context })}\n`);
  const clock = new DemoClock();
  const queuePrefix = options.queuePrefix ?? `vinhdanh-${campaignId}`;
  const server = await startServer({ env, port: options.port ?? 0, clock, catalog: demoCatalog(), queuePrefix, logDestination: logStream, log, stores: options.stores });
  let closed: Promise<void> | null = null;
  const close = () => {
    closed ??= (async () => {
      await server.stop();
      await dropQueues(server.redisUrl, queuePrefix).catch(() => undefined);
      await new Promise<void>((resolve) => logStream.end(resolve));
    })();
    return closed;
  };
  options.say(`Started a server of its own at ${server.url} (store: ${server.storeConfig.backend}${options.stores ? ', given' : ` in ${options.dataDir}`}; logs in ${logFile}; jobs under Redis prefix ${queuePrefix})`);
  try {
    const http = new DemoHttp(server.url, mint(env));
    const outcome = await playSeason({
      http,
      clock: { now: async () => clock.now(), advanceTo: async (at) => clock.advanceTo(at) },
      plan,
      concurrency: options.concurrency,
      say: options.say,
      waitMs: options.waitMs,
    });
    return { outcome, url: server.url, server: { ...server, close } };
  } catch (error) {
    await close().catch(() => undefined);
    throw error;
  }
}
