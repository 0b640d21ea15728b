import { ConfigError, loadRunMode, loadStoreConfig, readChoice, readInt, readString, readUrl, type Env, type RunMode, type StoreConfig } from '@vinhdanh/config';

export interface WorkerConfig {
  mode: RunMode;
  store: StoreConfig;
  port: number;
  host: string;
  redisUrl: string;
  /** Where an embedded redis-server keeps its data when the worker has to start one. */
  redisDataDir: string;
  reminderLeadMs: number;
  concurrency: number;
  /**
   * The worker's CPU niceness (0–19, default 10). Sharing a machine with the API, it gives way
   * to requests: commands are interactive, projections eventually consistent, and a projector
   * that falls behind catches up in larger, cheaper batches (its lag is on /health).
   */
  nice: number;
  webhooks: { secret: string; portalUrl?: string; reminderUrl?: string } | null;
  logLevel: string;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** The worker's configuration, validated once; a ConfigError names the variable and what it should be. */
export function loadWorkerConfig(env: Env = process.env): WorkerConfig {
  const mode = loadRunMode(env);
  const host = readString(env, 'HOST', '127.0.0.1');
  if (!/^[A-Za-z0-9.:[\]-]+$/.test(host)) throw new ConfigError('HOST', host, 'a host name or IP address such as 127.0.0.1 or 0.0.0.0');
  const portalUrl = readUrl(env, 'PORTAL_WEBHOOK_URL', ['https:', 'http:']);
  const reminderUrl = readUrl(env, 'REMINDER_WEBHOOK_URL', ['https:', 'http:']);
  const secret = env.WEBHOOK_SECRET || undefined;
  let webhooks: WorkerConfig['webhooks'] = null;
  if (portalUrl || reminderUrl) {
    const which = portalUrl ? 'PORTAL_WEBHOOK_URL' : 'REMINDER_WEBHOOK_URL';
    if (!secret) throw new ConfigError('WEBHOOK_SECRET', undefined, `a secret of at least 32 bytes, required when ${which} is set`);
    if (Buffer.byteLength(secret, 'utf8') < 32) throw new ConfigError('WEBHOOK_SECRET', '(hidden)', 'at least 32 bytes of random text');
    webhooks = { secret, portalUrl, reminderUrl };
  }
  return {
    mode,
    store: loadStoreConfig(env),
    port: readInt(env, 'PORT', 3001, 0, 65535),
    host,
    redisUrl: readUrl(env, 'REDIS_URL', ['redis:', 'rediss:'], 'redis://127.0.0.1:6379') as string,
    redisDataDir: readString(env, 'REDIS_DATA_DIR', './data/redis'),
    reminderLeadMs: readInt(env, 'REMINDER_LEAD_MINUTES', 24 * 60, 0, 60 * 24 * 60) * 60_000,
    concurrency: readInt(env, 'JOB_CONCURRENCY', 4, 1, 256),
    nice: readInt(env, 'WORKER_NICE', 10, 0, 19),
    webhooks,
    logLevel: readChoice(env, 'LOG_LEVEL', LOG_LEVELS, 'info'),
  };
}
