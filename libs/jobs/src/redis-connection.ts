import Redis from 'ioredis';
import type { RedisOptions } from 'bullmq';

/**
 * ioredis options from a redis:// or rediss:// URL. `producer` connections fail fast when
 * Redis is down (BullMQ's advice): the scheduler then keeps its checkpoint and retries, rather
 * than hanging on an offline queue. Worker connections wait for Redis for as long as it takes.
 */
export function redisOptions(url: string, role: 'producer' | 'worker'): RedisOptions {
  const u = new URL(url);
  const db = u.pathname.length > 1 ? Number(u.pathname.slice(1)) : undefined;
  const options: RedisOptions = {
    host: u.hostname || '127.0.0.1',
    port: u.port ? Number(u.port) : 6379,
    username: u.username ? decodeURIComponent(u.username) : undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db: Number.isInteger(db) ? db : undefined,
    tls: u.protocol === 'rediss:' ? {} : undefined,
    // Reconnect forever, backing off to 2 s between attempts.
    retryStrategy: (times: number) => Math.min(100 * 2 ** Math.min(times, 5), 2_000),
    // On close, ioredis waits this long for the socket to end before destroying it, and arms the
    // wait even on a socket Redis already dropped (nothing clears it then): 2 s by default, which
    // kept a stopped worker's process alive after a Redis outage.
    disconnectTimeout: 200,
  };
  return role === 'producer'
    ? { ...options, enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 2_000 }
    : { ...options, maxRetriesPerRequest: null };
}

/** Whether Redis answers PING at `url` within `timeoutMs`; never waits for a reconnect. */
export async function redisAnswers(url: string, timeoutMs = 1_000): Promise<boolean> {
  // disconnectTimeout 0: after a refused connection ioredis arms its 2 s "still open" timer on a
  // socket that has already closed, and nothing clears it; it held a caller's process that long.
  const client = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: timeoutMs,
    retryStrategy: () => null,
    disconnectTimeout: 0,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}
