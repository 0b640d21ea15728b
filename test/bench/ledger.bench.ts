/**
 * Ledger benchmark: what the checkpointer, the audit bundle and the offline verifier cost at
 * log scale, end to end.
 *
 *   npm run bench:ledger -- --events 1000000 [--json]   (compiled to dist/ first, see package.json)
 *
 * Phases, on N events shaped like a real season (campaign with its catalog snapshot;
 * nominations submitted, scored, noticed, voted by secret ballot with the tally computed by
 * the domain's own `tally`, one in eight approved and published, the rest refused by the vote):
 *  1. build: the Checkpointer over an SQLite read-model file — chain re-check, leaf, frontier,
 *     node rows and checkpoints (every 1,000 events and at each publication) in one
 *     transaction per 1,000-event batch. Only handle() is timed; the events come from a
 *     generator that plays the store (it computes their chain hashes, untimed).
 *  2. proofs: inclusion proofs of random leaves at the final size, served by LedgerService from
 *     the node table (p50/p99 ms), each verified against the signed root, none kept.
 *  3. export: writeBundle streams the bundle to a file (events re-read from the generator).
 *  4. verify: verifyBundle over the file, streamed: chain, roots, consistency, ballot and tally
 *     audit, decisions. It must report everything holds. It runs in a fresh child process, as
 *     `vinhdanh verify` does on an auditor's machine, so its memory is its own.
 * Memory: peak RSS (process.resourceUsage().maxRSS) of the worker side (build, proofs, export)
 * and of the verifier; peakRssMb is the larger. Nothing holds the log, the leaves or the
 * proofs. `baselineRssMb` is a process that has only loaded the code (node and the compiled
 * libraries; under a TypeScript loader it would also hold the compiler).
 * The verifier uses --threads threads in all (default: the machine's parallelism, at most 8), as
 * `vinhdanh verify` does; its CPU time counts every thread.
 * Options: --events N (default 1,000,000), --samples S proofs (default 2,000), --threads T, --json.
 */
import { mkdtempSync, rmSync, statSync, createWriteStream } from 'node:fs';
import * as os from 'node:os';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { spawnSync } from 'node:child_process';
import { Command } from 'commander';
import { type Choice, defaultCatalog, tally } from '@vinhdanh/domain';
import {
  chainHash,
  Checkpointer,
  GENESIS_HASH,
  type LedgerEvent,
  LedgerService,
  readBundle,
  SigningKey,
  verifyBundle,
  verifyCheckpoint,
  verifyInclusion,
  writeBundle,
} from '@vinhdanh/ledger';
import { SqliteClient } from '@vinhdanh/sql';

const positiveInt = (value: string, flag: string): number => {
  const n = Number(value.replace(/[_,]/g, ''));
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`${flag} must be a positive integer, got "${value}"`);
  return n;
};

const options = new Command()
  .name('ledger.bench')
  .option('--events <n>', 'events in the log', (v) => positiveInt(v, '--events'), 1_000_000)
  .option('--samples <n>', 'inclusion proofs served and verified', (v) => positiveInt(v, '--samples'), 2_000)
  .option('--threads <n>', 'verifier threads in all (as vinhdanh verify --threads)', (v) => positiveInt(v, '--threads'), Math.min(8, os.availableParallelism()))
  .option('--json', 'print one JSON object instead of a table', false)
  .option('--verify-only <file>', 'internal: verify one bundle and print its figures (the child process)')
  .parse()
  .opts<{ events: number; samples: number; threads: number; json: boolean; verifyOnly?: string }>();

const baselineRssMb = Math.round(process.resourceUsage().maxRSS / 1024);

const now = (): bigint => process.hrtime.bigint();
const ms = (from: bigint, to: bigint = now()): number => Number(to - from) / 1e6;
const round = (x: number, digits = 3): number => Number(x.toFixed(digits));
const cpuMs = (from: NodeJS.CpuUsage): number => {
  const u = process.cpuUsage(from);
  return (u.user + u.system) / 1000;
};
const rssMb = (): number => Math.round(process.memoryUsage().rss / 2 ** 20);
const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/** Deterministic pseudo-random numbers (mulberry32), so runs are comparable. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CAMPAIGN = 'c-bench';
const COUNCIL = 'council-bench';
const AWARD = 'chair_certificate_of_merit';
const MEMBERS = ['m-1', 'm-2', 'm-3', 'm-4', 'm-5'];
const catalog = defaultCatalog();
const award = catalog.awardTypes.find((t) => t.code === AWARD)!;

type Body = { streamId: string; type: string; data: Record<string, unknown>; actor: string; at: string };

/** The events of one nomination, in the shapes the domain appends. */
function nominationEvents(k: number): Body[] {
  const id = `n-${k}`;
  const stream = `nomination-${id}`;
  const passes = k % 8 === 0;
  const day = `2026-${String(5 + (k % 5)).padStart(2, '0')}-${String(1 + (k % 28)).padStart(2, '0')}T02:00:00.000Z`;
  const ev = (type: string, data: Record<string, unknown>, actor: string): Body => ({ streamId: stream, type, data: { nominationId: id, ...data }, actor, at: day });
  const scores = award.criteria.map((c) => ({ criterionCode: c.code, score: c.maxScore * 0.9 }));
  const voting = { ballot: 'secret' as const, members: MEMBERS, eligible: MEMBERS, present: MEMBERS };
  const choice: Choice = passes ? 'yes' : 'no';
  const result = tally(award, voting, MEMBERS.map(() => choice));
  const out: Body[] = [
    ev('NominationSubmitted', {
      campaignId: CAMPAIGN, awardCode: AWARD, recipientKind: 'individual', nomineeId: `p-${k}`, nomineeName: `Nguyễn Văn ${k}`,
      nomineeUnitId: `u-${k % 97}`, nomineeRole: 'direct_worker', achievements: ['Hoàn thành xuất sắc nhiệm vụ'],
      evidence: [{ name: 'bao-cao.pdf', sha256: k.toString(16).padStart(64, '0'), mediaType: 'application/pdf' }],
      submittedBy: `officer-${k % 97}`, submitterUnitId: `u-${k % 97}`, submittedAt: day,
    }, `officer-${k % 97}`),
    ev('EvaluatorAssigned', { evaluatorId: 'eval-1', evaluatorUnitId: 'u-board', assignedBy: 'sec-1', assignedAt: day }, 'sec-1'),
    ev('EvaluationScored', { evaluatorId: 'eval-1', scores, scoredAt: day }, 'eval-1'),
    ev('NominationEvaluated', { evaluatorIds: ['eval-1'], criteria: [], weightedTotal: 90, passMark: 70, passed: true, evaluatedAt: day }, 'eval-1'),
    ev('PublicNoticeOpened', { startDate: '2026-09-07', endDate: '2026-09-18', requiredWorkingDays: 10, holidays: [], openedBy: 'sec-1', openedAt: day }, 'sec-1'),
    ev('PublicNoticeClosed', { startDate: '2026-09-07', endDate: '2026-09-18', objectionsFiled: 0, objectionsUpheld: 0, objectionsDismissed: 0, closedBy: 'sec-1', closedAt: day }, 'sec-1'),
    ev('VotingOpened', { councilId: COUNCIL, sessionId: 's-1', ...voting, quorum: award.quorum, quorumRequired: result.quorumRequired, openedBy: 'sec-1', openedAt: day }, 'sec-1'),
    ...MEMBERS.map((m) => ev('BallotCast', { sessionId: 's-1', ballot: 'secret', memberId: m, castAt: day }, m)),
    ev('VotingClosed', {
      sessionId: 's-1', ballot: 'secret', ballots: MEMBERS.map((_, i) => ({ ballotId: `b-${k}-${(i * 7) % 5}`, choice })), closedBy: 'sec-1', closedAt: day,
    }, 'sec-1'),
    ev('NominationVoted', { sessionId: 's-1', recused: [], ...result, votedAt: day }, 'sec-1'),
  ];
  if (passes) {
    out.push(ev('NominationApproved', {
      campaignId: CAMPAIGN, awardCode: AWARD, nomineeUnitId: `u-${k % 97}`, decisionNumber: `${k}/QĐ-UBND`, decisionDate: '2026-10-20',
      signerId: 'chair-1', signerRole: 'approver', approvedAt: day,
    }, 'chair-1'));
    out.push(ev('NominationPublished', { honourListId: 'hl-bench', rank: k / 8 + 1, publishedBy: 'pub-1', publishedAt: day }, 'pub-1'));
  }
  return out;
}

/** Plays the event store: N chained events, generated on the fly, the same on every pass. */
async function* theLog(n: number, from = 0, to = n - 1): AsyncIterable<LedgerEvent> {
  const revisions = new Map<string, number>();
  let prev: Buffer = GENESIS_HASH;
  let position = 0;
  const emit = (body: Body): LedgerEvent => {
    const revision = revisions.get(body.streamId) ?? 0;
    revisions.set(body.streamId, revision + 1);
    const fields = {
      position,
      streamId: body.streamId,
      revision,
      eventId: `00000000-0000-4000-8000-${position.toString(16).padStart(12, '0')}`,
      type: body.type,
      data: body.data,
      metadata: { actor: { id: body.actor, roles: [] }, correlationId: `c-${position}`, recordedAt: body.at },
    };
    prev = chainHash(prev, fields);
    position += 1;
    return { ...fields, hash: prev.toString('hex') };
  };
  const opening: Body = {
    streamId: `campaign-${CAMPAIGN}`,
    type: 'CampaignOpened',
    data: { campaignId: CAMPAIGN, name: 'Bench', year: 2026, councilId: COUNCIL, catalogVersion: catalog.version, catalog, schedule: {}, openedBy: 'admin-1', openedAt: '2026-01-05T02:00:00.000Z' },
    actor: 'admin-1',
    at: '2026-01-05T02:00:00.000Z',
  };
  const first = emit(opening);
  if (from === 0) yield first;
  for (let k = 0; position < n; k++) {
    for (const body of nominationEvents(k)) {
      if (position >= n) return;
      const e = emit(body);
      if (e.position > to) return;
      if (e.position >= from) yield e;
      // Revisions need memory per stream; a finished nomination's stream is never touched again.
    }
    revisions.delete(`nomination-n-${k}`);
  }
}

async function main(): Promise<void> {
  const n = options.events;
  const say = (msg: string): void => {
    if (!options.json) process.stderr.write(`${msg}\n`);
  };
  const dir = mkdtempSync(join(os.tmpdir(), 'ledger-bench-'));
  const sql = SqliteClient.open(join(dir, 'bench.read.db'));
  const key = SigningKey.generate('bench.example/ledger');
  try {
    // 1. Build.
    say(`building the tree over ${n.toLocaleString('en')} events…`);
    const cp = await Checkpointer.open({ sql, key, everyEvents: 1_000, log: () => undefined });
    let buildMs = 0;
    let buildCpuMs = 0;
    let batch: LedgerEvent[] = [];
    const flush = async () => {
      const t = now();
      const c = process.cpuUsage();
      await cp.handle(batch);
      buildMs += ms(t);
      buildCpuMs += cpuMs(c);
      batch = [];
    };
    for await (const e of theLog(n)) {
      batch.push(e);
      if (batch.length === 1_000) await flush();
    }
    if (batch.length) await flush();
    const t0 = now();
    await cp.signNow();
    buildMs += ms(t0);
    const rss = { build: rssMb(), proofs: 0, export: 0, verify: 0 };


    // 2. Proofs from the node table, verified and dropped.
    say(`serving ${options.samples} inclusion proofs from the node table…`);
    const service = new LedgerService(sql);
    const latest = (await service.latestCheckpoint())!;
    const signed = verifyCheckpoint(latest.note, [key.vkey]);
    const random = rng(20261126);
    const latency: number[] = [];
    for (let s = 0; s < options.samples; s++) {
      const position = Math.floor(random() * n);
      const t = now();
      const answer = await service.inclusion(position, signed.size);
      latency.push(ms(t));
      verifyInclusion(Buffer.from(answer.leafHash, 'hex'), position, signed.size, answer.proof.map((h) => Buffer.from(h, 'hex')), signed.rootHash);
    }
    latency.sort((a, b) => a - b);
    rss.proofs = rssMb();

    // 3. Export.
    say('exporting the bundle…');
    const file = join(dir, 'bundle.ndjson');
    const out = createWriteStream(file);
    const t = now();
    const c = process.cpuUsage();
    await writeBundle(out, { sql, log: { readAll: (o) => theLog(n, o?.fromPosition ?? 0, o?.toPosition ?? n - 1) } });
    out.end();
    await finished(out);
    const exportMs = ms(t);
    const exportCpuMs = cpuMs(c);
    rss.export = rssMb();

    // 4. Verify, in a fresh process.
    say('verifying the bundle in a child process…');
    const workerPeakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
    const child = spawnSync(process.execPath, [...process.execArgv, process.argv[1], '--verify-only', file, '--samples', '1', '--threads', String(options.threads)], {
      encoding: 'utf8',
      env: { ...process.env, LEDGER_BENCH_KEY: key.vkey },
      maxBuffer: 1 << 24,
    });
    if (child.status !== 0) throw new Error(`the verifier failed: ${child.stderr}`);
    const v = JSON.parse(child.stdout) as VerifyFigures;
    if (!v.ok) throw new Error(`the bench bundle did not verify: ${child.stdout}`);
    const { verifyMs, verifyCpuMs } = v;
    rss.verify = v.peakRssMb;

    const result = {
      bench: 'ledger',
      events: n,
      buildEventsPerSec: Math.round(n / (buildMs / 1000)),
      exportEventsPerSec: Math.round(n / (exportMs / 1000)),
      verifyEventsPerSec: Math.round(n / (verifyMs / 1000)),
      verifyThreads: options.threads,
      proofMs: round(percentile(latency, 50), 4),
      proofP99Ms: round(percentile(latency, 99), 4),
      peakRssMb: Math.max(workerPeakRssMb, v.peakRssMb),
      workerPeakRssMb,
      verifierPeakRssMb: v.peakRssMb,
      baselineRssMb,
      // Per CPU-second: what the work costs when the machine is shared (wall-clock rates fall with the load).
      buildEventsPerCpuSec: Math.round(n / (buildCpuMs / 1000)),
      exportEventsPerCpuSec: Math.round(n / (exportCpuMs / 1000)),
      verifyEventsPerCpuSec: Math.round(n / (verifyCpuMs / 1000)),
      rssMbAfter: rss,
      loadAverage: os.loadavg().map((x) => round(x, 1)),
      checkpoints: v.checkpoints,
      bundleMb: Math.round(statSync(file).size / 2 ** 20),
      node: process.version,
      cpu: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown'}`,
    };
    if (options.json) {
      process.stdout.write(`${JSON.stringify(result)}\n`);
      return;
    }
    const rows: Array<[string, string]> = [
      ['events', n.toLocaleString('en')],
      ['build (checkpointer → SQLite node table)', `${result.buildEventsPerSec.toLocaleString('en')} events/s`],
      ['export (bundle to file)', `${result.exportEventsPerSec.toLocaleString('en')} events/s`],
      ['verify (offline, streamed)', `${result.verifyEventsPerSec.toLocaleString('en')} events/s on ${options.threads} thread(s)`],
      ['inclusion proof from SQL', `p50 ${result.proofMs} ms, p99 ${result.proofP99Ms} ms`],
      ['checkpoints signed', result.checkpoints.toLocaleString('en')],
      ['bundle size', `${result.bundleMb} MB`],
      ['per CPU-second: build / export / verify', `${result.buildEventsPerCpuSec.toLocaleString('en')} / ${result.exportEventsPerCpuSec.toLocaleString('en')} / ${result.verifyEventsPerCpuSec.toLocaleString('en')} events`],
      ['peak RSS: worker side / verifier', `${workerPeakRssMb} MB / ${v.peakRssMb} MB (code loaded, nothing done: ${baselineRssMb} MB)`],
      ['load average while running', result.loadAverage.join(' ')],
    ];
    const width = Math.max(...rows.map(([k]) => k.length));
    for (const [k, v] of rows) process.stdout.write(`${k.padEnd(width)}  ${v}\n`);
  } finally {
    await sql.close();
    if (!process.env.KEEP_BENCH) rmSync(dir, { recursive: true, force: true }); else process.stderr.write(`kept ${dir}\n`);
  }
}

interface VerifyFigures {
  ok: boolean;
  verifyMs: number;
  verifyCpuMs: number;
  peakRssMb: number;
  checkpoints: number;
  failed: unknown[];
}

async function verifyOnly(file: string): Promise<void> {
  const t = now();
  const c = process.cpuUsage();
  const report = await verifyBundle(readBundle(file, { threads: options.threads }), { trustedKeys: [process.env.LEDGER_BENCH_KEY ?? ''] });
  const figures: VerifyFigures = {
    ok: report.ok,
    verifyMs: ms(t),
    verifyCpuMs: cpuMs(c),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    checkpoints: report.checks.find((x) => x.id === 'signatures')!.checked,
    failed: report.checks.filter((x) => !x.ok),
  };
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}

(options.verifyOnly ? verifyOnly(options.verifyOnly) : main()).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
