import type { Command } from 'commander';
import { ConfigError } from '@vinhdanh/config';
import { fail } from '../cli-command';
import { demoCatalog } from '../demo/demo-catalog';
import { RedisUnavailable } from '../serve/apps';
import { banner } from '../serve/banner';
import { dataDirEnv } from '../serve/data-dir';
import { DemoClock } from '../serve/demo-clock';
import { startServer, type RunningServer } from '../serve/start-server';

interface ServeOptions {
  port?: string;
  data?: string;
  demoClock?: boolean;
}

/** Stops on the first SIGTERM or SIGINT, in order; a second signal while stopping exits at once. */
export function stopOnSignals(server: Pick<RunningServer, 'stop'>, say: (line: string) => void, exitCode = 0): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      say(`${signal} again: exiting without waiting`);
      process.exit(130);
    }
    stopping = true;
    say(`${signal}: the API drains its requests, the worker its jobs, then the stores close`);
    server.stop().then(
      () => {
        say('stopped');
        process.exit(exitCode);
      },
      (error: unknown) => {
        process.stderr.write(`vinhdanh: stopping failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}

export function register(program: Command): void {
  program
    .command('serve')
    .description('run the API, the web pages and the worker in one process (what `npm start` runs)')
    .option('--port <n>', 'listen on this port (default PORT or 3000)')
    .option('--data <dir>', 'keep the embedded store, token secret, ledger key and a local Redis\'s files here (default ./data)')
    .option('--demo-clock', 'a clock `vinhdanh demo --url` may move forward, and the demo catalog (0-day notices); never for real use')
    .action(async (options: ServeOptions) => {
      const env = options.data ? dataDirEnv(options.data) : process.env;
      const port = options.port === undefined ? undefined : Number(options.port);
      if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) fail('--port takes a port number (0-65535)', 2);
      let server: RunningServer;
      try {
        server = await startServer({
          env,
          port,
          ...(options.demoClock ? { clock: new DemoClock(), demoClockRoutes: true, catalog: demoCatalog() } : {}),
        });
      } catch (error) {
        if (error instanceof RedisUnavailable) fail(error.message);
        if (error instanceof ConfigError) fail(`configuration: ${error.message}`, 78);
        throw error;
      }
      process.stdout.write(
        banner({
          url: server.url,
          store: server.storeConfig,
          redisUrl: server.redisUrl,
          redisStarted: server.redis.started ? { pid: server.redis.pid, dataDir: env.REDIS_DATA_DIR || './data/redis' } : null,
          ledgerKey: server.ledgerKey,
          ledgerKeyGenerated: server.ledgerKeyGenerated,
          dataDir: options.data,
          demoClock: Boolean(options.demoClock),
        }) + '\n',
      );
      stopOnSignals(server, (line) => process.stdout.write(`vinhdanh: ${line}\n`));
    });
}
