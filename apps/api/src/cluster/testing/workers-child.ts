import { createServer } from 'node:http';
import { runWorkers } from '../run-workers';

/**
 * A primary with two workers sharing one port, for run-workers.int-spec: each worker answers
 * with its pid, and GET /crash makes the one that takes it die.
 */
void runWorkers({
  workers: 2,
  minUptimeMs: Number(process.env.MIN_UPTIME_MS ?? 0),
  log: (line) => process.stdout.write(`primary: ${line}\n`),
  start: async () => {
    if (process.env.FAIL_AT_START) throw new Error('cannot start');
    const server = createServer((request, response) => {
      if (request.url === '/crash') process.exit(3);
      response.end(String(process.pid));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    process.stdout.write(`listening ${typeof address === 'object' && address ? address.port : '?'} ${process.pid}\n`);
    process.once('SIGTERM', () => server.close(() => process.exit(0)));
  },
}).catch(() => process.exit(1));
