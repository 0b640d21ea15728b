/**
 * Event store benchmark: appends under 1, 8 and 32 concurrent writers (one event per append,
 * with the expected revision), then reads the whole log back. Every (backend, writers) run
 * happens in a fresh child process, so peak RSS is that run's alone.
 *
 *   npm run bench:store -- --events 200000 --backends sqlite,postgres,emmett-postgres --json
 *
 * Options: --events N (default 200,000), --writers 1,8,32, --backends sqlite,postgres,emmett-postgres,
 * --repeat R (median of R runs, default 1), --json (one JSON object per line), --sqlite-dir DIR,
 * --event-ids v4|v7 (random UUIDs, the default, or time-ordered ones).
 * PostgreSQL: BENCH_DATABASE_URL, else TEST_DATABASE_URL, else postgres://postgres@127.0.0.1:5432/test.
 */
import { execFileSync } from 'node:child_process';
import { Command } from 'commander';
import { BACKENDS, type BackendName } from './store/bench-backends';
import { runBench, type BenchResult } from './store/bench-run';

const databaseUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const list = (value: string) => value.split(',').map((s) => s.trim()).filter(Boolean);

const program = new Command()
  .name('store.bench')
  .option('--events <n>', 'events appended per run', (v) => positiveInt(v, '--events'), 200_000)
  .option('--writers <list>', 'concurrent writers, comma separated', '1,8,32')
  .option('--backends <list>', `comma separated: ${BACKENDS.join(', ')}`, 'sqlite,postgres,emmett-postgres')
  .option('--repeat <n>', 'runs per configuration; the median is reported', (v) => positiveInt(v, '--repeat'), 1)
  .option('--json', 'one JSON object per line instead of a table', false)
  .option('--sqlite-dir <dir>', 'where the SQLite files go (default: the OS temp dir)')
  .option('--event-ids <kind>', 'v4 (random) or v7 (time-ordered) eventIds', 'v4')
  .option('--child <backend:writers>', 'internal: run one configuration and print its JSON')
  .parse();

const options = program.opts<{
  events: number;
  writers: string;
  backends: string;
  repeat: number;
  json: boolean;
  sqliteDir?: string;
  eventIds: string;
  child?: string;
}>();
if (options.eventIds !== 'v4' && options.eventIds !== 'v7') throw new Error(`--event-ids must be v4 or v7, got "${options.eventIds}"`);
const eventIds = options.eventIds;

async function main(): Promise<void> {
  if (options.child) {
    const [backend, writers] = options.child.split(':');
    const settings = { databaseUrl, sqliteDir: options.sqliteDir, writers: Number(writers) };
    const result = await runBench(backend as BackendName, Number(writers), options.events, settings, eventIds);
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  const backends = list(options.backends).map((b) => {
    if (!(BACKENDS as readonly string[]).includes(b)) throw new Error(`unknown backend "${b}"; choose from ${BACKENDS.join(', ')}`);
    return b as BackendName;
  });
  const writerCounts = list(options.writers).map((w) => positiveInt(w, '--writers'));
  const results: BenchResult[] = [];
  for (const backend of backends) {
    for (const writers of writerCounts) {
      const runs = Array.from({ length: options.repeat }, () => runChild(backend, writers));
      const result = median(runs);
      results.push(result);
      if (options.json) process.stdout.write(`${JSON.stringify(result)}\n`);
      else process.stderr.write(`done: ${backend} × ${writers} writers: ${result.appendEventsPerSec} appended/s\n`);
    }
  }
  if (!options.json) printTable(results);
}

function runChild(backend: BackendName, writers: number): BenchResult {
  const args = [...process.execArgv, process.argv[1]!, '--child', `${backend}:${writers}`, '--events', String(options.events), '--event-ids', eventIds];
  if (options.sqliteDir) args.push('--sqlite-dir', options.sqliteDir);
  const out = execFileSync(process.execPath, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 20 });
  return JSON.parse(out.trim().split('\n').pop()!) as BenchResult;
}

/** The median of each measure taken separately (with one run, that run). */
function median(runs: BenchResult[]): BenchResult {
  const mid = <K extends keyof BenchResult>(key: K) => {
    const values = runs.map((r) => r[key] as number).sort((a, b) => a - b);
    return values[Math.floor(values.length / 2)]!;
  };
  return {
    ...runs[0]!,
    appendEventsPerSec: mid('appendEventsPerSec'),
    appendP50Ms: mid('appendP50Ms'),
    appendP99Ms: mid('appendP99Ms'),
    readEventsPerSec: mid('readEventsPerSec'),
    peakRssMb: mid('peakRssMb'),
  };
}

function printTable(results: BenchResult[]): void {
  const header = ['backend', 'writers', 'events', 'append ev/s', 'p50 ms', 'p99 ms', 'read ev/s', 'peak RSS MB'];
  const rows = results.map((r) => [r.backend, r.writers, r.events, r.appendEventsPerSec, r.appendP50Ms, r.appendP99Ms, r.readEventsPerSec, r.peakRssMb].map(String));
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i < 1 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w, i) => (i < 1 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`);
  for (const row of rows) console.log(line(row));
}

function positiveInt(value: string, name: string): number {
  const n = Number(value.replace(/_/g, ''));
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`${name} must be a whole number ≥ 1, got "${value}"`);
  return n;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
