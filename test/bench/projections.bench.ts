/**
 * Projection benchmark: a synthetic season (≈ 79,000 nominations through the whole lifecycle
 * for 1,000,000 events) is appended to the event store, then every read model is rebuilt from
 * position 0 in one pass (one transaction per batch: rows + checkpoints).
 *
 *   npm run bench:projections -- --events 1000000 [--json]
 *
 * (`npm run bench:*` compiles the project and the benchmarks with tsc into dist/ first and runs
 * the JavaScript, as production does: no TypeScript loader in the measured process.)
 *
 * Each backend runs in two child processes: one seeds the store, the other rebuilds, so the
 * rebuild's peak RSS is its own. SQLite: event store and read models are files in a temp dir.
 * PostgreSQL: event store and read models in fresh schemas, dropped afterwards.
 * Options: --events N (default 1,000,000), --backends sqlite,postgres, --batch B (default 2,000),
 * --cache-rows R (rows kept warm per table, default 5,000), --heap-mb M (the rebuild child's V8
 * heap limit, default 176; 0 leaves Node's default, which lets the heap grow lazily to GBs),
 * --semi-mb S (its young generation's semi-space, default 8), --projections a,b (rebuild only
 * these read models, to see what each costs; `none` only replays the log, the floor under them),
 * --json (one JSON object per line).
 * PostgreSQL: BENCH_DATABASE_URL, else TEST_DATABASE_URL, else postgres://postgres@127.0.0.1:5432/test.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { Pool } from 'pg';
import { PostgresEventStore, SqliteEventStore, type EventStore } from '@vinhdanh/event-store';
import { LeaseRow, projectionsNamed, rebuild } from '@vinhdanh/projections';
import { PostgresClient, SqliteClient, type SqlClient } from '@vinhdanh/sql';
import { seedSeason } from './projections/synthetic-season';

const databaseUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

function positiveInt(value: string, name: string): number {
  const n = Number(value.replace(/[_,]/g, ''));
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a whole number ≥ 1, got "${value}"`);
  return n;
}

const options = new Command()
  .name('projections.bench')
  .option('--events <n>', 'events in the synthetic season', (v) => positiveInt(v, '--events'), 1_000_000)
  .option('--backends <list>', 'comma separated: sqlite, postgres', 'sqlite,postgres')
  .option('--batch <n>', 'events per rebuild transaction', (v) => positiveInt(v, '--batch'), 2000)
  .option('--cache-rows <n>', 'rows kept warm per table between batches', (v) => positiveInt(v, '--cache-rows'), 5000)
  .option('--heap-mb <n>', "the rebuild child's V8 heap limit (--max-old-space-size), 0 for Node's default", (v) => Number(v), 176)
  .option('--semi-mb <n>', "the rebuild child's young generation semi-space (--max-semi-space-size), with --heap-mb", (v) => positiveInt(v, '--semi-mb'), 8)
  .option('--projections <list>', "comma separated read models to rebuild (default: all six), to see what each costs alone; 'none' only replays the log")
  .option('--json', 'one JSON object per line', false)
  .option('--seed <backend:where>', 'internal: seed the store and exit')
  .option('--rebuild <backend:where>', 'internal: rebuild and print the JSON result')
  .parse()
  .opts<{ events: number; backends: string; batch: number; cacheRows: number; heapMb: number; semiMb: number; json: boolean; projections?: string; seed?: string; rebuild?: string }>();

/** The read models to rebuild; an unknown name stops the run before anything is seeded. */
// `none` replays the log into no read model: the floor every rebuild pays (reading and
// decoding the log, one transaction per batch), to tell it apart from the models' own cost.
const chosenProjections = () => (options.projections === 'none' ? [] : projectionsNamed(options.projections?.split(',').map((name) => name.trim())));

type Where = { backend: 'sqlite' | 'postgres'; where: string };
const parseWhere = (value: string): Where => {
  const [backend, where] = [value.slice(0, value.indexOf(':')), value.slice(value.indexOf(':') + 1)];
  if (backend !== 'sqlite' && backend !== 'postgres') throw new Error(`unknown backend ${backend}`);
  return { backend, where };
};

function openStore({ backend, where }: Where): EventStore {
  return backend === 'sqlite' ? new SqliteEventStore({ path: join(where, 'events.db') }) : new PostgresEventStore({ connectionString: databaseUrl, schema: `${where}_es` });
}

async function openSql({ backend, where }: Where): Promise<SqlClient> {
  return backend === 'sqlite' ? SqliteClient.open(join(where, 'events.read.db')) : PostgresClient.open({ connectionString: databaseUrl, schema: `${where}_rm`, max: 2 });
}

const log = (line: string) => process.stderr.write(`${line}\n`);

async function seedChild(target: Where): Promise<void> {
  const store = openStore(target);
  const started = Date.now();
  let last = 0;
  const appended = await seedSeason(store, options.events, 64, (n) => {
    if (n - last >= 100_000) {
      last = n;
      log(`  seeded ${n} events (${Math.round((n * 1000) / (Date.now() - started))}/s)`);
    }
  });
  log(`  seeded ${appended} events in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  await store.close();
}

async function rebuildChild(target: Where): Promise<void> {
  const store = openStore(target);
  const sql = await openSql(target);
  let lastReport = 0;
  const result = await rebuild({
    store,
    sql,
    projections: chosenProjections(),
    lease: new LeaseRow(sql, `bench-${process.pid}`, 60_000),
    batchSize: options.batch,
    cacheRows: options.cacheRows,
    onProgress: (p) => {
      if (p.done - lastReport >= 100_000 || p.phase !== 'replaying') {
        lastReport = p.done;
        log(`  ${p.phase} ${p.done}/${p.total} events, ${Math.round(p.eventsPerSec)} events/s, RSS ${Math.round(process.memoryUsage().rss / 1048576)} MB`);
      }
    },
  });
  const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  process.stdout.write(`${JSON.stringify({ backend: target.backend, events: result.events, eventsPerSec: Math.round(result.eventsPerSec), peakRssMb })}\n`);
  await sql.close();
  await store.close();
}

function child(flag: string, target: Where): string {
  // A capped old space makes V8 collect instead of growing; a young generation larger than the
  // default makes a batch's short-lived JSON objects die young. 8 MB semi-spaces ran as fast as
  // 16 at 20 MB less RSS (BENCHMARKS.md). The worker should run with both.
  const heap = flag === '--rebuild' && options.heapMb > 0 ? [`--max-old-space-size=${options.heapMb}`, `--max-semi-space-size=${options.semiMb}`] : [];
  const args = [...heap, ...process.execArgv, __filename, flag, `${target.backend}:${target.where}`];
  args.push('--events', String(options.events), '--batch', String(options.batch), '--cache-rows', String(options.cacheRows));
  if (options.projections) args.push('--projections', options.projections);
  return execFileSync(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 20 }).toString();
}

async function main(): Promise<void> {
  if (options.seed) return seedChild(parseWhere(options.seed));
  if (options.rebuild) return rebuildChild(parseWhere(options.rebuild));
  const chosen = chosenProjections();
  const results: { backend: string; events: number; eventsPerSec: number; peakRssMb: number }[] = [];
  for (const backend of options.backends.split(',').map((b) => b.trim())) {
    let target: Where;
    let cleanup: () => Promise<void>;
    if (backend === 'sqlite') {
      const dir = mkdtempSync(join(tmpdir(), 'vinhdanh-bench-proj-'));
      target = { backend, where: dir };
      cleanup = async () => rmSync(dir, { recursive: true, force: true });
    } else if (backend === 'postgres') {
      const prefix = `bench_${randomBytes(4).toString('hex')}`;
      target = { backend, where: prefix };
      cleanup = async () => {
        const pool = new Pool({ connectionString: databaseUrl, max: 1 });
        await pool.query(`DROP SCHEMA IF EXISTS ${prefix}_es CASCADE`);
        await pool.query(`DROP SCHEMA IF EXISTS ${prefix}_rm CASCADE`);
        await pool.end();
      };
    } else throw new Error(`unknown backend "${backend}"; choose sqlite or postgres`);
    try {
      log(`${backend}: seeding ${options.events} events`);
      child('--seed', target);
      log(`${backend}: rebuilding ${chosen.map((p) => p.name).join(', ')}`);
      const line = child('--rebuild', target).trim().split('\n').pop()!;
      const result = JSON.parse(line) as (typeof results)[number];
      results.push(result);
      if (options.json) process.stdout.write(`${JSON.stringify(result)}\n`);
    } finally {
      await cleanup();
    }
  }
  if (!options.json) {
    process.stdout.write('backend   events     events/s  peak RSS MB\n');
    for (const r of results) process.stdout.write(`${r.backend.padEnd(9)} ${String(r.events).padEnd(10)} ${String(r.eventsPerSec).padEnd(9)} ${r.peakRssMb}\n`);
  }
}

main().catch((error) => {
  // A wrong option (RangeError) needs its message, not a stack.
  process.stderr.write(`${error instanceof RangeError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
