import cluster, { type Worker } from 'node:cluster';

export interface RunWorkersOptions {
  /** How many worker processes serve; 1 runs `start` in this process, without a primary. */
  workers: number;
  /** What each worker runs: bootstraps and listens. Workers share the listening port. */
  start: () => Promise<unknown>;
  /** Where the primary says what it does (one line each); default stderr. */
  log?: (line: string) => void;
  /** A worker that dies sooner than this after its start is not restarted (a crash loop). */
  minUptimeMs?: number;
}

/**
 * One Node process serves from one core; the API is stateless between requests (everything it
 * knows is in the event store and the read models), so on a machine with more cores it runs as
 * several processes behind one port, node:cluster handing connections out. The primary only
 * forks, restarts a worker that dies, passes SIGTERM on (SIGINT reaches the workers from the
 * terminal itself), and exits when every worker has drained.
 */
export async function runWorkers(options: RunWorkersOptions): Promise<void> {
  if (options.workers <= 1 || !cluster.isPrimary) {
    await options.start();
    return;
  }
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const minUptimeMs = options.minUptimeMs ?? 5_000;
  const startedAt = new Map<Worker, number>();
  let stopping = false;
  let failed = false;

  const fork = () => startedAt.set(cluster.fork(), Date.now());
  cluster.on('exit', (worker, code, signal) => {
    const uptime = Date.now() - (startedAt.get(worker) ?? 0);
    startedAt.delete(worker);
    if (stopping) {
      if (startedAt.size === 0) process.exit(failed ? 1 : 0);
      return;
    }
    if (uptime < minUptimeMs) {
      // Dying at start means configuration or a dependency is wrong: restarting would only spin.
      log(`API worker ${worker.process.pid} exited ${signal ?? code} ${uptime} ms after it started; stopping every worker`);
      failed = true;
      stop('SIGTERM');
      return;
    }
    log(`API worker ${worker.process.pid} exited ${signal ?? code}; starting another`);
    fork();
  });
  const stop = (signal: NodeJS.Signals | null) => {
    stopping = true;
    if (startedAt.size === 0) process.exit(failed ? 1 : 0);
    if (signal) for (const worker of startedAt.keys()) worker.process.kill(signal);
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  // Ctrl-C reaches every process of the group: the workers drain on their own, and a second
  // SIGINT from here would cut their draining short.
  process.once('SIGINT', () => stop(null));
  log(`API primary ${process.pid}: starting ${options.workers} workers`);
  for (let i = 0; i < options.workers; i++) fork();
}
