import Redis from 'ioredis';

/**
 * Pings Redis with a short timeout. Redis only carries jobs (deadlines, notifications); the
 * log is the truth, so when Redis is down the API reports it and keeps taking commands.
 */
export class RedisProbe {
  private client: Redis | undefined;

  constructor(
    private readonly url: string,
    private readonly timeoutMs = 500,
  ) {}

  async ping(): Promise<{ ok: true; ms: number } | { ok: false; reason: string }> {
    const started = performance.now();
    this.client ??= new Redis(this.url, {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      connectTimeout: this.timeoutMs,
      // After disconnect() ioredis keeps a timer this long before destroying the socket.
      disconnectTimeout: 100,
      // No background reconnects: a failed check drops the client and the next one dials afresh.
      retryStrategy: () => null,
    });
    // Without a listener, ioredis reports connection errors on the console.
    if (this.client.listenerCount('error') === 0) this.client.on('error', () => undefined);
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${this.timeoutMs} ms`)), this.timeoutMs);
      });
      if (this.client.status === 'wait' || this.client.status === 'end') {
        await Promise.race([this.client.connect(), timeout]);
      }
      await Promise.race([this.client.ping(), timeout]);
      return { ok: true, ms: Math.round(performance.now() - started) };
    } catch (error) {
      this.client?.disconnect();
      this.client = undefined;
      return { ok: false, reason: error instanceof Error ? error.message : String(error) };
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (client) client.disconnect();
  }
}
