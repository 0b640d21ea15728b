import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';

const ROOT = resolve(__dirname, '../../../..');
const CHILD = resolve(__dirname, 'testing/workers-child.ts');

function start(env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', CHILD], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  const lines: string[] = [];
  const waiters: (() => void)[] = [];
  createInterface({ input: child.stdout! }).on('line', (line) => {
    lines.push(line);
    waiters.splice(0).forEach((w) => w());
  });
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  /** Waits until `count` lines match `pattern` (or fails after 20 s). */
  async function until(pattern: RegExp, count = 1): Promise<string[]> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const found = lines.filter((l) => pattern.test(l));
      if (found.length >= count) return found;
      if (Date.now() > deadline) throw new Error(`no ${count} × ${pattern} in:\n${lines.join('\n')}`);
      await new Promise<void>((w) => {
        waiters.push(w);
        setTimeout(w, 200);
      });
    }
  }
  return { child, until, exited };
}

const get = async (port: number, path = '/') => (await fetch(`http://127.0.0.1:${port}${path}`)).text();

describe('runWorkers', () => {
  let running: ChildProcess | undefined;
  afterEach(() => {
    if (running?.exitCode === null) running.kill('SIGKILL');
  });

  it('serves one port from two processes, replaces a worker that dies, and stops on SIGTERM', async () => {
    const primary = start();
    running = primary.child;
    const listening = await primary.until(/^listening /, 2);
    const ports = new Set(listening.map((l) => Number(l.split(' ')[1])));
    expect(ports.size).toBe(1);
    const [port] = ports;
    const pids = new Set(listening.map((l) => l.split(' ')[2]));

    const answeredBy = new Set<string>();
    for (let i = 0; i < 20 && answeredBy.size < 2; i++) answeredBy.add(await get(port));
    expect(answeredBy).toEqual(pids);

    await get(port, '/crash').catch(() => undefined);
    const [died] = await primary.until(/^primary: API worker \d+ exited 3; starting another/);
    const diedPid = died.split(' ')[3];
    const after = await primary.until(/^listening /, 3);
    const alive = after.map((l) => l.split(' ')[2]).filter((pid) => pid !== diedPid);
    expect(alive).toHaveLength(2);
    for (let i = 0; i < 4; i++) expect(alive).toContain(await get(port));

    primary.child.kill('SIGTERM');
    expect(await primary.exited).toBe(0);
  }, 60_000);

  it('gives up, exiting 1, when workers die as they start', async () => {
    const primary = start({ FAIL_AT_START: '1', MIN_UPTIME_MS: '60000' });
    running = primary.child;
    await primary.until(/stopping every worker/);
    expect(await primary.exited).toBe(1);
  }, 60_000);
});

describe('the API entry point', () => {
  it('refuses several workers on the embedded SQLite store, naming the variable (exit 78)', async () => {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', resolve(__dirname, '../main.ts')], {
      cwd: ROOT,
      env: { ...process.env, API_WORKERS: '2', EVENT_STORE: 'sqlite', SQLITE_PATH: '/nonexistent/never-opened.db' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((done) => child.once('exit', done));
    expect(code).toBe(78);
    expect(stderr).toMatch(/API_WORKERS="2" is not valid: 1 with EVENT_STORE=sqlite/);
  }, 60_000);
});
