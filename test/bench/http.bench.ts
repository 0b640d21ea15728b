/**
 * HTTP benchmark: the API on PostgreSQL, driven by autocannon over 127.0.0.1. The server runs
 * in a child process (so load generator and server do not share an event loop); it seeds its
 * data through the CommandBus, then two workloads run, each bounded to --duration seconds:
 *
 *   commands  cast ballot and score evaluation, alternating, each on a distinct (nomination,
 *             member/evaluator) pair so every request is a real write that the rules accept
 *   reads     a nomination's dossier and a campaign's honour list, alternating (as an auditor,
 *             so the public rate limit does not apply)
 *
 *   npm run bench:http -- --json
 *
 * Each workload runs twice: flat out (as many requests as 32 connections get answered: the
 * throughput), then paced at the target rate (--command-rate, default 1,000/s; --read-rate,
 * default 5,000/s; 0 skips the paced run), which is the latency a user sees at that load. The
 * paced run is open-loop: autocannon corrects for coordinated omission, so a request that
 * should have gone out while the server was stalled counts the stall in its latency, and a
 * server that cannot keep the pace shows it in requestsPerSec below the offered rate.
 *
 * Options: --duration S (per workload, default 10), --connections N (default 32), --json,
 * --only commands|reads (one workload, e.g. to profile it alone), --projections-in-api (run the
 * projection runner in the API's process, as the one-process `npm start` does; by default it
 * runs in a process of its own, as the worker does in production), --api-workers N (serve from N
 * processes on one port, as API_WORKERS=N does; seeding still runs in one), --projector-nice N
 * (the projector's niceness, default 10 as the worker's WORKER_NICE; 0 to compete with the API).
 * PostgreSQL: BENCH_DATABASE_URL, else TEST_DATABASE_URL, else postgres://postgres@127.0.0.1:5432/test.
 */
import { spawn } from 'node:child_process';
import cluster, { type Worker } from 'node:cluster';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { setPriority } from 'node:os';
import { createInterface } from 'node:readline';
import { Command } from 'commander';
import { Pool } from 'pg';
import { CommandBus } from '@nestjs/cqrs';
import {
  AssignEvaluatorCommand,
  ApproveNominationCommand,
  CastBallotCommand,
  ClosePublicNoticeCommand,
  CloseSessionCommand,
  CloseVotingCommand,
  ConstituteCouncilCommand,
  OpenCampaignCommand,
  OpenPublicNoticeCommand,
  OpenSessionCommand,
  OpenVotingCommand,
  PublishNominationCommand,
  ScoreEvaluationCommand,
  SubmitNominationCommand,
} from '@vinhdanh/application';
import { loadApiConfig } from '@vinhdanh/config';
import { defaultCatalog, type AwardCatalog, type CampaignSchedule, type CommandMetadata, type CouncilMember, type Role } from '@vinhdanh/domain';
import { PostgresEventStore } from '@vinhdanh/event-store';
import { ALL_PROJECTIONS, LeaseRow, ProjectionRunner } from '@vinhdanh/projections';
import { PostgresClient } from '@vinhdanh/sql';
// eslint-disable-next-line no-restricted-imports -- the app has no alias; the benchmark boots it like main.ts does
import { bootstrapApi, mintToken } from '../../apps/api/src';

const databaseUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const program = new Command()
  .name('http.bench')
  .option('--duration <s>', 'seconds per workload', (v) => Number(v), 10)
  .option('--connections <n>', 'concurrent connections', (v) => Number(v), 32)
  .option('--command-rate <n>', 'commands a second offered in the paced run (0: none)', (v) => Number(v), 1000)
  .option('--read-rate <n>', 'reads a second offered in the paced run (0: none)', (v) => Number(v), 5000)
  .option('--json', 'one JSON object per line', false)
  .option('--only <workload>', 'run one workload: commands or reads')
  .option('--projections-in-api', 'run the projection runner in the API process', false)
  .option('--projector-nice <n>', "the projector's CPU niceness, as the worker's WORKER_NICE (default 10)", (v) => Number(v), 10)
  .option('--api-workers <n>', 'API processes serving the port (node:cluster, as API_WORKERS)', (v) => Number(v), 1)
  .option('--project <schema>', 'internal: run the projection runner over this schema')
  .option('--serve <schema>', 'internal: run the seeded server in this process')
  .parse();
const options = program.opts<{
  duration: number;
  connections: number;
  commandRate: number;
  readRate: number;
  json: boolean;
  only?: string;
  projectionsInApi: boolean;
  apiWorkers: number;
  projectorNice: number;
  serve?: string;
  project?: string;
}>();

interface AutocannonRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
}
interface Histogram {
  average: number;
  p50: number;
  p99: number;
}
interface AutocannonResult {
  requests: Histogram & { total: number };
  latency: Histogram;
  errors: number;
  timeouts: number;
  non2xx: number;
  duration: number;
}
type Autocannon = (options: {
  url: string;
  connections: number;
  duration: number;
  overallRate?: number;
  requests: { setupRequest: (request: AutocannonRequest) => AutocannonRequest }[];
}) => Promise<AutocannonResult>;

// autocannon ships no types; this is the part of its API used here.
const autocannon = createRequire(__filename)('autocannon') as Autocannon;

async function main(): Promise<void> {
  if (options.serve && !cluster.isPrimary) {
    await serveWorker(databaseUrl, options.serve);
    return;
  }
  if (options.serve) {
    // Distinct commands for the flat-out run (up to ~2,500/s) and the paced one.
    await seedAndServe(databaseUrl, options.serve, Math.max(1, options.duration) * (2500 + Math.max(0, options.commandRate)));
    return;
  }
  if (options.project) {
    await projectUntilStopped(databaseUrl, options.project);
    return;
  }
  const schema = `bench_http_${randomBytes(4).toString('hex')}`;
  const serveArgs = ['--serve', schema, '--duration', String(options.duration), '--command-rate', String(options.commandRate), '--projector-nice', String(options.projectorNice), '--api-workers', String(options.apiWorkers)];
  if (options.projectionsInApi) serveArgs.push('--projections-in-api');
  const child = spawn(process.execPath, [...process.execArgv, __filename, ...serveArgs], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, LOG_LEVEL: 'warn' },
  });
  try {
    const plan = await new Promise<SeedPlan>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`the server exited early (${code})`)));
      createInterface({ input: child.stdout! }).on('line', (line) => {
        if (line.startsWith('{"port"')) resolve(JSON.parse(line) as SeedPlan);
      });
    });
    const results = [];
    if (options.only !== 'reads') results.push(...(await commands(plan)));
    if (options.only !== 'commands') results.push(...(await reads(plan)));
    for (const r of results) {
      if (options.json) process.stdout.write(`${JSON.stringify(r)}\n`);
      else process.stdout.write(`${r.workload.padEnd(18)} ${r.requestsPerSec.toFixed(0).padStart(7)} req/s  p50 ${r.p50Ms} ms  p99 ${r.p99Ms} ms  errors ${r.errors}  (${r.requests} requests)\n`);
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    const pool = new Pool({ connectionString: databaseUrl, max: 1 });
    await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await pool.end();
  }
}

const tokens = new Map<string, string>();
async function token(role: Role, sub: string, unit: string): Promise<string> {
  const key = `${role}:${sub}`;
  let found = tokens.get(key);
  if (!found) {
    found = await mintToken({ role, sub, unit, expiresInSeconds: 3600 }, { secret: BENCH_SECRET });
    tokens.set(key, found);
  }
  return found;
}

async function commands(plan: SeedPlan) {
  const members = plan.members;
  const evaluators = plan.evaluators;
  for (const m of members) await token('council_member', m, 'u-council');
  for (const e of evaluators) await token('evaluator', e, 'u-board');
  const ballots: AutocannonRequest[] = [];
  for (let t = 0; t < plan.ballotNominations.length * members.length; t++) {
    const nominationId = plan.ballotNominations[t % plan.ballotNominations.length];
    const member = members[Math.floor(t / plan.ballotNominations.length)];
    ballots.push({
      method: 'POST',
      path: `/nominations/${nominationId}/ballots`,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.get(`council_member:${member}`)}` },
      body: JSON.stringify({ sessionId: plan.sessionId, choice: t % 3 === 0 ? 'no' : 'yes' }),
    });
  }
  const scores: AutocannonRequest[] = [];
  const body = JSON.stringify({ scores: plan.criteria.map((criterionCode) => ({ criterionCode, score: 90 })) });
  for (let t = 0; t < plan.scoreNominations.length * evaluators.length; t++) {
    const nominationId = plan.scoreNominations[t % plan.scoreNominations.length];
    const evaluator = evaluators[Math.floor(t / plan.scoreNominations.length)];
    scores.push({
      method: 'POST',
      path: `/nominations/${nominationId}/scores`,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.get(`evaluator:${evaluator}`)}` },
      body,
    });
  }
  const mixed: AutocannonRequest[] = [];
  for (let i = 0; i < Math.max(ballots.length, scores.length); i++) {
    if (i < ballots.length) mixed.push(ballots[i]);
    if (i < scores.length) mixed.push(scores[i]);
  }
  // Seeded for about 2,500 commands a second flat out plus the paced rate; past that, repeats
  // are refused and count as errors.
  return flatThenPaced('commands', plan.port, mixed, options.commandRate);
}

async function reads(plan: SeedPlan) {
  const auth = { authorization: `Bearer ${await token('auditor', 'bench-auditor', 'u-inspect')}` };
  const requests: AutocannonRequest[] = [];
  for (let i = 0; i < plan.publishedNominations.length; i++) {
    requests.push({ method: 'GET', path: `/nominations/${plan.publishedNominations[i]}/dossier`, headers: auth });
    requests.push({ method: 'GET', path: `/campaigns/${plan.publishedCampaign}/honour-list`, headers: auth });
  }
  return flatThenPaced('reads', plan.port, requests, options.readRate);
}

/** The workload flat out, then (for a rate above 0) paced at that rate; the paced run carries on where the first stopped. */
async function flatThenPaced(workload: string, port: number, requests: AutocannonRequest[], rate: number) {
  const cursor = { next: 0 };
  const flat = await run(workload, port, requests, cursor);
  if (rate <= 0) return [flat];
  return [flat, await run(`${workload}@${rate}/s`, port, requests, cursor, rate)];
}

/** Flat out, or paced at `rate` requests a second over all connections (open-loop). */
async function run(workload: string, port: number, requests: AutocannonRequest[], cursor: { next: number }, rate?: number) {
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: options.connections,
    duration: options.duration,
    ...(rate ? { overallRate: rate } : {}),
    requests: [
      {
        setupRequest: (request) => {
          const chosen = requests[cursor.next++ % requests.length];
          return { ...request, ...chosen };
        },
      },
    ],
  });
  return {
    workload,
    requestsPerSec: Math.round(result.requests.total / result.duration),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
    requests: result.requests.total,
    ...(rate ? { offeredPerSec: rate } : {}),
    apiWorkers: options.apiWorkers,
  };
}

const BENCH_SECRET = 'bench-secret-long-enough-for-hs256-0123456789abcdef';

interface SeedPlan {
  port: number;
  sessionId: string;
  members: string[];
  evaluators: string[];
  criteria: string[];
  ballotNominations: string[];
  scoreNominations: string[];
  publishedCampaign: string;
  publishedNominations: string[];
}

/** An instant moved by whole days (months vary in length; days keep every deadline's order). */
const shifted = (iso: string, days: number) => new Date(Date.parse(iso) + days * 86_400_000).toISOString().replace('.000Z', 'Z');

/** The 2026 schedule moved by `days`, so campaigns can sit in different phases at one instant. */
function schedule(days: number): CampaignSchedule {
  const at = (iso: string) => shifted(iso, days);
  return {
    pledgeDeadline: at('2026-03-31T16:59:59Z'),
    nominationDeadline: at('2026-06-30T16:59:59Z'),
    evaluationDeadline: at('2026-08-31T16:59:59Z'),
    noticeStart: at('2026-09-01T00:00:00Z'),
    noticeEnd: at('2026-09-30T16:59:59Z'),
    councilSessionAt: at('2026-10-05T02:00:00Z'),
    decisionDeadline: at('2026-10-31T16:59:59Z'),
    publicationDeadline: at('2026-11-30T16:59:59Z'),
  };
}

/** Runs `work` over `items` with at most `width` in flight (different streams, so no conflicts). */
async function inParallel<T>(items: T[], width: number, work: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
}

/** The default catalog and one extra award that needs 40 evaluators, so a nomination can take 40 scores. */
function benchCatalog(): AwardCatalog {
  const base = defaultCatalog();
  const merit = base.awardTypes.find((a) => a.code === 'chair_certificate_of_merit')!;
  return { ...base, awardTypes: [...base.awardTypes, { ...merit, code: 'bench_many_evaluators', evaluatorsRequired: 40 }] };
}

/** The instant the workloads run at: campaign A is voting, B evaluating, C published. */
const SERVE_AT = '2026-10-05T03:00:00Z';

/**
 * The server side: the API on a fresh PostgreSQL schema, seeded through the CommandBus with
 *  - campaign A (2026): `nA` nominations open for a vote by a 60-member council (ballots);
 *  - campaign B (three months later, so still evaluating): `nB` nominations, 40 evaluators each (scores);
 *  - campaign C (four months earlier): 20 nominations published on its honour list (reads).
 */
async function seedAndServe(url: string, schema: string, commandCapacity: number): Promise<void> {
  const store = new PostgresEventStore({ connectionString: url, schema });
  await store.whenReady();
  const sql = await PostgresClient.open({ connectionString: url, schema, max: 20 });
  const catalog = benchCatalog();
  const merit = catalog.awardTypes.find((a) => a.code === 'chair_certificate_of_merit')!;
  let now = '2025-08-01T02:00:00Z';
  const app = await bootstrapApi({
    store,
    sql,
    catalog,
    clock: () => now,
    config: { ...loadApiConfig({ JWT_SECRET: BENCH_SECRET, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' }), port: 0 },
    listen: false,
    // This process stops on SIGTERM itself, after its projector child: Nest's own hook would
    // exit first and orphan the projector, whose writes then race the schema's DROP.
    shutdownHooks: false,
  });
  const bus = app.get(CommandBus);
  let seq = 0;
  const meta = (id: string, role: Role, unit: string): CommandMetadata => ({ actor: { id, roles: [role], unit }, now, correlationId: `seed-${++seq}` });
  const admin = () => meta('admin-1', 'admin', 'u-admin');
  const officer = () => meta('officer-1', 'unit_officer', 'u-health');
  const secretary = () => meta('sec-1', 'council_secretary', 'u-board');

  const members: CouncilMember[] = Array.from({ length: 60 }, (_, i) => ({ memberId: `mem-${i}`, name: `Member ${i}`, councilRole: i === 0 ? 'chair' : 'member', unitId: `u-m${i}` }));
  const small: CouncilMember[] = members.slice(0, 5);
  const evaluators = Array.from({ length: 40 }, (_, i) => `ev-${i}`);
  const nA = Math.ceil(commandCapacity / 2 / members.length);
  const nB = Math.ceil(commandCapacity / 2 / evaluators.length);
  const A = Array.from({ length: nA }, (_, i) => `nom-a-${i}`);
  const B = Array.from({ length: nB }, (_, i) => `nom-b-${i}`);
  const C = Array.from({ length: 20 }, (_, i) => `nom-c-${i}`);
  const criteria = merit.criteria.map((c) => c.code);
  const scores = criteria.map((criterionCode) => ({ criterionCode, score: 90 }));
  const submit = (nominationId: string, campaignId: string, awardCode: string) =>
    bus.execute(
      new SubmitNominationCommand(
        {
          nominationId,
          campaignId,
          awardCode,
          nomineeId: `p-${nominationId}`,
          nomineeName: 'Nguyễn Văn A',
          nomineeUnitId: 'u-health',
          nomineeRole: 'direct_worker',
          achievements: ['Sáng kiến cấp tỉnh'],
          evidence: [{ name: 'report.pdf', sha256: '1'.repeat(64), mediaType: 'application/pdf' }],
        },
        officer(),
      ),
    );
  const throughVote = async (ids: string[], days: number, campaignId: string, council: string, sessionId: string, present: string[]) => {
    const shift = (iso: string) => shifted(iso, days);
    now = shift('2026-05-04T02:00:00Z');
    await inParallel(ids, 16, (id) => submit(id, campaignId, 'chair_certificate_of_merit'));
    now = shift('2026-07-06T02:00:00Z');
    await inParallel(ids, 16, async (id) => {
      for (const e of ['ev-0', 'ev-1']) await bus.execute(new AssignEvaluatorCommand({ nominationId: id, evaluatorId: e, evaluatorUnitId: 'u-board' }, secretary()));
      for (const e of ['ev-0', 'ev-1']) await bus.execute(new ScoreEvaluationCommand({ nominationId: id, scores }, meta(e, 'evaluator', 'u-board')));
    });
    now = shift('2026-09-07T02:00:00Z');
    await inParallel(ids, 16, (id) => bus.execute(new OpenPublicNoticeCommand({ nominationId: id }, secretary())));
    now = shift('2026-09-21T02:00:00Z');
    await inParallel(ids, 16, (id) => bus.execute(new ClosePublicNoticeCommand({ nominationId: id }, secretary())));
    now = shift('2026-10-05T02:00:00Z');
    await bus.execute(new OpenSessionCommand({ councilId: council, sessionId, present }, secretary()));
    await inParallel(ids, 16, (id) => bus.execute(new OpenVotingCommand({ nominationId: id, sessionId }, secretary())));
  };

  await bus.execute(new ConstituteCouncilCommand({ councilId: 'council-big', name: 'Bench council', members }, admin()));
  await bus.execute(new ConstituteCouncilCommand({ councilId: 'council-small', name: 'Small council', members: small }, admin()));
  await bus.execute(new OpenCampaignCommand({ campaignId: 'camp-c', name: 'C', year: 2026, councilId: 'council-small', schedule: schedule(-122) }, admin()));
  await bus.execute(new OpenCampaignCommand({ campaignId: 'camp-a', name: 'A', year: 2026, councilId: 'council-big', schedule: schedule(0) }, admin()));
  await bus.execute(new OpenCampaignCommand({ campaignId: 'camp-b', name: 'B', year: 2026, councilId: 'council-big', schedule: schedule(92) }, admin()));

  // C: through the vote, approval and publication.
  await throughVote(C, -122, 'camp-c', 'council-small', 's-c', small.map((m) => m.memberId));
  await inParallel(C, 8, async (id) => {
    for (const m of small) await bus.execute(new CastBallotCommand({ nominationId: id, sessionId: 's-c', choice: 'yes' }, meta(m.memberId, 'council_member', m.unitId)));
    await bus.execute(new CloseVotingCommand({ nominationId: id, sessionId: 's-c' }, secretary()));
  });
  await bus.execute(new CloseSessionCommand({ councilId: 'council-small', sessionId: 's-c' }, secretary()));
  now = shifted('2026-10-12T02:00:00Z', -122);
  // Approvals all hold a quota slot on the campaign stream: one at a time.
  await inParallel(C, 1, (id) => bus.execute(new ApproveNominationCommand({ nominationId: id, decisionNumber: `${id}/QĐ-UBND`, decisionDate: now.slice(0, 10) }, meta('chair-1', 'approver', 'u-ppc'))));
  now = shifted('2026-11-02T02:00:00Z', -122);
  let rank = 0;
  await inParallel(C, 8, (id) => bus.execute(new PublishNominationCommand({ nominationId: id, honourListId: 'hl-c', rank: ++rank }, meta('pub-1', 'publisher', 'u-board'))));

  // A: open for a vote by the big council.
  await throughVote(A, 0, 'camp-a', 'council-big', 's-a', members.map((m) => m.memberId));

  // B: submitted, 40 evaluators assigned each, nobody has scored yet.
  now = '2026-08-04T02:00:00Z';
  await inParallel(B, 16, (id) => submit(id, 'camp-b', 'bench_many_evaluators'));
  now = '2026-10-05T02:00:00Z';
  await inParallel(B, 16, async (id) => {
    for (const e of evaluators) await bus.execute(new AssignEvaluatorCommand({ nominationId: id, evaluatorId: e, evaluatorUnitId: 'u-board' }, secretary()));
  });

  // The read models the reads workload queries; then the runner keeps projecting what the
  // commands append, here or (as the worker does in production) in a process of its own.
  const runner = new ProjectionRunner({ store, sql, projections: ALL_PROJECTIONS, lease: new LeaseRow(sql, `bench-${schema}`, 60_000), retryMs: 100 });
  await runner.start();
  while (Object.values(await runner.lag()).some((n) => n > 0)) await new Promise((r) => setTimeout(r, 100));
  let projector: ReturnType<typeof spawn> | undefined;
  if (!options.projectionsInApi) {
    await runner.stop();
    projector = spawn(process.execPath, [...process.execArgv, __filename, '--project', schema, '--projector-nice', String(options.projectorNice)], { stdio: ['ignore', 'inherit', 'inherit'], env: process.env });
  }

  now = SERVE_AT;
  let port: number;
  const workers: Worker[] = [];
  if (options.apiWorkers > 1) {
    // Serve from forked processes, each with its own API over the seeded schema (see serveWorker);
    // in a cluster every worker that listens on port 0 gets the same port.
    for (let i = 0; i < options.apiWorkers; i++) workers.push(cluster.fork());
    const ports = await Promise.all(
      workers.map(
        (worker) =>
          new Promise<number>((resolve, reject) => {
            worker.once('listening', (address) => resolve(address.port));
            worker.once('exit', (code) => reject(new Error(`API worker ${worker.process.pid} exited (${code}) before listening`)));
          }),
      ),
    );
    port = ports[0];
  } else {
    await app.listen({ port: 0, host: '127.0.0.1' });
    port = Number(new URL(await app.getUrl()).port);
  }
  const plan: SeedPlan = {
    port,
    sessionId: 's-a',
    members: members.map((m) => m.memberId),
    evaluators,
    criteria,
    ballotNominations: A,
    scoreNominations: B,
    publishedCampaign: 'camp-c',
    publishedNominations: C,
  };
  process.stdout.write(`${JSON.stringify(plan)}\n`);
  await new Promise<void>((resolve) => process.once('SIGTERM', () => resolve()));
  await Promise.all(
    workers.map((worker) => {
      const exited = new Promise((resolve) => worker.once('exit', resolve));
      worker.process.kill('SIGTERM');
      return exited;
    }),
  );
  if (projector) {
    projector.kill('SIGTERM');
    await new Promise((resolve) => projector.once('exit', resolve));
  } else {
    await runner.stop();
  }
  await app.close();
  await store.close();
  await sql.close();
}

/**
 * One of --api-workers processes: the API over the schema the primary seeded, on the port all
 * the workers share (node:cluster), at the instant the workloads run at. SIGTERM drains and exits
 * (Nest's shutdown hook), as under API_WORKERS.
 */
async function serveWorker(url: string, schema: string): Promise<void> {
  const store = new PostgresEventStore({ connectionString: url, schema });
  await store.whenReady();
  const sql = await PostgresClient.open({ connectionString: url, schema, max: 20 });
  await bootstrapApi({
    store,
    sql,
    catalog: benchCatalog(),
    clock: () => SERVE_AT,
    config: { ...loadApiConfig({ JWT_SECRET: BENCH_SECRET, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' }), port: 0, host: '127.0.0.1' },
  });
}

/** The worker's share of the benchmark: the projection runner, until SIGTERM. */
async function projectUntilStopped(url: string, schema: string): Promise<void> {
  const store = new PostgresEventStore({ connectionString: url, schema });
  await store.whenReady();
  const sql = await PostgresClient.open({ connectionString: url, schema, max: 4 });
  // Requests first, as in production (the worker's WORKER_NICE).
  if (options.projectorNice > 0) setPriority(options.projectorNice);
  let applied = 0;
  const runner = new ProjectionRunner({
    store,
    sql,
    projections: ALL_PROJECTIONS,
    lease: new LeaseRow(sql, `bench-${schema}`, 60_000),
    retryMs: 100,
    onBatch: (_, __, events) => (applied += events),
  });
  const cpuBefore = process.cpuUsage();
  await runner.start();
  await new Promise<void>((resolve) => process.once('SIGTERM', () => resolve()));
  await runner.stop();
  // What keeping the read models live cost, next to the API's own work (stderr: not a result).
  const cpu = process.cpuUsage(cpuBefore);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const events = Math.round(applied / ALL_PROJECTIONS.length);
  process.stderr.write(`projector: ${(cpuMs / 1000).toFixed(1)} CPU-s for ${events} events (${(cpuMs / Math.max(1, events)).toFixed(2)} ms each, all six models)\n`);
  await store.close();
  await sql.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
