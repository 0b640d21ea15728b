import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, mkdirSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { redisAnswers } from '@vinhdanh/jobs';

export { redisAnswers };

export interface EnsuredRedis {
  /** True when this process started redis-server (and stops it in stop()). */
  started: boolean;
  pid?: number;
  stop(): Promise<void>;
}

export class RedisUnavailable extends Error {
  readonly code = 'REDIS_UNAVAILABLE';
  constructor(message: string) {
    super(message);
    this.name = 'RedisUnavailable';
  }
}

function onPath(binary: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, binary);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return null;
}

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

/**
 * For the embedded set-up: if nothing answers at `url` and a redis-server binary is on the PATH,
 * start one as a child process on 127.0.0.1 (the port from the URL), its append-only file under
 * `dataDir` so delayed jobs survive a restart. Otherwise say how to get a Redis.
 */
export async function ensureRedis(url: string, dataDir = './data/redis', options: { startTimeoutMs?: number } = {}): Promise<EnsuredRedis> {
  if (await redisAnswers(url)) return { started: false, stop: async () => undefined };
  const parsed = new URL(url);
  const how = 'install one (apt-get install redis-server, or brew install redis) or set REDIS_URL to a Redis that is running';
  if (!LOCAL_HOSTS.has(parsed.hostname)) throw new RedisUnavailable(`Redis does not answer at ${parsed.host}; start it, or ${how}`);
  const binary = onPath('redis-server');
  if (!binary) throw new RedisUnavailable(`Redis does not answer at ${parsed.host} and there is no redis-server on the PATH: ${how}`);
  const port = parsed.port || '6379';
  const dir = resolve(dataDir);
  mkdirSync(dir, { recursive: true });
  const child: ChildProcess = spawn(
    binary,
    ['--bind', '127.0.0.1', '--port', port, '--dir', dir, '--appendonly', 'yes', '--save', '', '--daemonize', 'no', '--maxmemory-policy', 'noeviction'],
    { stdio: 'ignore' },
  );
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const deadline = Date.now() + (options.startTimeoutMs ?? 5_000);
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    if (await redisAnswers(`redis://127.0.0.1:${port}`, 300)) {
      return {
        started: true,
        pid: child.pid,
        async stop() {
          if (child.exitCode === null) child.kill('SIGTERM');
          await exited;
        },
      };
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  if (child.exitCode === null) child.kill('SIGKILL');
  throw new RedisUnavailable(`started ${binary} on 127.0.0.1:${port}, but it did not answer; is the port taken? Or ${how}`);
}
