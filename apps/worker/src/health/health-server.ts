import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type HealthCheck = () => Promise<Record<string, unknown>>;

export interface HealthServer {
  url: string;
  close(): Promise<void>;
}

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([promise, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The worker's probes, without a framework: `/health/live` says the process runs; `/health`
 * runs each named check (a check that throws or takes over 2 s is down) and answers 503 if
 * any is down, with what each said.
 */
export async function startHealthServer(port: number, host: string, checks: Record<string, HealthCheck>): Promise<HealthServer> {
  const server: Server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    const reply = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
      response.end(JSON.stringify(body));
    };
    if (request.method !== 'GET' && request.method !== 'HEAD') return reply(405, { status: 'error', message: 'GET only' });
    if (path === '/health/live') return reply(200, { status: 'ok' });
    if (path !== '/health') return reply(404, { status: 'error', message: 'not found' });
    void (async () => {
      const details: Record<string, unknown> = {};
      let up = true;
      for (const [name, check] of Object.entries(checks)) {
        try {
          details[name] = { status: 'up', ...(await withTimeout(check(), 2_000)) };
        } catch (error) {
          up = false;
          details[name] = { status: 'down', message: error instanceof Error ? error.message : String(error) };
        }
      }
      reply(up ? 200 : 503, { status: up ? 'ok' : 'error', details });
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
