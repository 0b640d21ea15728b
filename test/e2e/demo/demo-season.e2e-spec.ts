import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { SYSTEM_SCHEDULER } from '@vinhdanh/domain';
import { PostgresEventStore, type StoredEvent } from '@vinhdanh/event-store';
import { PostgresClient } from '@vinhdanh/sql';
// eslint-disable-next-line no-restricted-imports -- the CLI app has no alias; the test drives its demo as `vinhdanh demo` does
import { runDemo, type DemoRun } from '../../../apps/cli/src/demo/run-demo';
// eslint-disable-next-line no-restricted-imports -- see above
import { AWARDS, FULL_SEASON, planSeason } from '../../../apps/cli/src/demo/season-plan';
// eslint-disable-next-line no-restricted-imports -- see above
import { mintToken } from '../../../apps/cli/src/serve/apps';

const DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const JWT_SECRET = 'demo-e2e-secret-that-is-long-enough-for-hs256';

/**
 * The demo season end to end — the whole provincial year of the report, 19 flags and 61
 * certificates of merit — played through the HTTP API of a server running API and worker in one
 * process, on a fresh PostgreSQL schema and a private BullMQ prefix. The public notices and the
 * fighters' secret ballots must be closed by the worker's deadline jobs: the demo sends no
 * request to close them, and the log says who did.
 */
describe('demo season (PostgreSQL, Redis)', () => {
  const suffix = randomBytes(5).toString('hex');
  const schema = `demo_${suffix}`;
  const campaignId = `demo-e2e-${suffix}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'vinhdanh-demo-'));
  const lines: string[] = [];
  let store: PostgresEventStore;
  let sql: PostgresClient;
  let run: DemoRun;

  beforeAll(async () => {
    store = new PostgresEventStore({ connectionString: DATABASE_URL, schema, pollIntervalMs: 50 });
    await store.whenReady();
    sql = await PostgresClient.open({ connectionString: DATABASE_URL, schema, max: 8 });
    run = await runDemo({
      dataDir,
      size: FULL_SEASON,
      concurrency: 8,
      campaignId,
      env: {
        EVENT_STORE: 'postgres',
        DATABASE_URL,
        REDIS_URL,
        JWT_SECRET,
        LOG_LEVEL: 'warn',
      },
      stores: { store, sql },
      queuePrefix: `vinhdanh-test-${suffix}`,
      say: (line) => lines.push(line),
      waitMs: 120_000,
    });
  }, 600_000);

  afterAll(async () => {
    await run?.server?.close();
    await store?.close();
    await sql?.close();
    const pool = new Pool({ connectionString: DATABASE_URL, max: 1 });
    await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await pool.end();
    rmSync(dataDir, { recursive: true, force: true });
  }, 120_000);

  it('lets an operator list failed jobs through the API of the one-process server, and no one else', async () => {
    const app = run.server!.app;
    const get = async (role: 'admin' | 'council_member') =>
      app.inject({
        method: 'GET',
        url: '/jobs/failed',
        headers: { authorization: `Bearer ${await mintToken({ role, sub: `${role}-1` }, { secret: JWT_SECRET })}` },
      });
    const asAdmin = await get('admin');
    expect(asAdmin.statusCode).toBe(200);
    expect(Array.isArray(asAdmin.json())).toBe(true);
    expect((await get('council_member')).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/jobs/failed' })).statusCode).toBe(401);
  });

  it('ends as scripted: every check of the demo holds', () => {
    const failed = run.outcome.checks.filter((c) => !c.ok);
    expect(failed).toEqual([]);
    expect(run.outcome.ok).toBe(true);
  });

  it('publishes 19 emulation flags and 61 certificates of merit, one of them later revoked', () => {
    const list = run.outcome.honourList;
    expect(list.filter((e) => e.awardCode === AWARDS.flag.code)).toHaveLength(19);
    expect(list.filter((e) => e.awardCode === AWARDS.merit.code)).toHaveLength(61);
    expect(list.filter((e) => e.awardCode === AWARDS.fighter.code)).toHaveLength(0);
    const revoked = list.filter((e) => e.status === 'revoked');
    expect(revoked.map((e) => e.nominationId)).toEqual(planSeason(campaignId).nominations.filter((n) => n.revoked).map((n) => n.id));
  });

  it('records in the log what the script did: the upheld objection, the recusal, and the jobs that closed notices and votes', async () => {
    const plan = planSeason(campaignId);
    const events: StoredEvent[] = [];
    for await (const event of store.readAll()) events.push(event);
    const of = (type: string) => events.filter((e) => e.type === type);
    const data = (e: { data: unknown }) => e.data as Record<string, unknown>;

    const upheld = plan.nominations.find((n) => n.fate === 'objection_upheld')!;
    expect(of('ObjectionResolved').map((e) => [data(e).nominationId, data(e).outcome]).sort()).toEqual(
      plan.nominations.filter((n) => n.objection).map((n) => [n.id, n.objection]).sort(),
    );
    expect(of('NominationApproved').some((e) => data(e).nominationId === upheld.id)).toBe(false);
    expect(of('NominationRejected').some((e) => data(e).nominationId === upheld.id)).toBe(true);

    const conflict = plan.nominations.find((n) => n.conflictOf)!;
    expect(of('MemberRecused').map((e) => [data(e).nominationId, data(e).memberId, data(e).ground])).toEqual([[conflict.id, conflict.conflictOf, 'declared_conflict']]);
    expect(of('BallotCast').filter((e) => data(e).nominationId === conflict.id).map((e) => data(e).memberId)).not.toContain(conflict.conflictOf);

    // Nobody but the deadline jobs closed a notice, and the open secret ballots were closed by them too.
    const noticed = plan.nominations.filter((n) => n.fate !== 'fails_evaluation');
    expect(of('PublicNoticeClosed')).toHaveLength(noticed.length);
    expect(of('PublicNoticeClosed').every((e) => e.metadata.actor.id === SYSTEM_SCHEDULER.id)).toBe(true);
    const byJob = of('VotingClosed').filter((e) => e.metadata.actor.id === SYSTEM_SCHEDULER.id).map((e) => data(e).nominationId).sort();
    expect(byJob).toEqual(plan.nominations.filter((n) => n.fate === 'vote_closed_by_job').map((n) => n.id).sort());
    for (const e of of('NominationVoted').filter((x) => byJob.includes(data(x).nominationId))) expect(data(e).passed).toBe(false);

    expect(of('NominationApproved')).toHaveLength(80);
    expect(of('NominationPublished')).toHaveLength(80);
    expect(of('AwardRevoked')).toHaveLength(1);
  });

  it('tells its story phase by phase', () => {
    const text = lines.join('\n');
    expect(text).toMatch(/90 nominations from 20 units/);
    expect(text).toMatch(/87 notices closed/);
    expect(text).toMatch(/OBJECTION_UPHELD/);
  });

  it('stops without leaving a connection to Redis open (one would keep the process from exiting)', async () => {
    await run.server!.close();
    const redisPort = Number(new URL(REDIS_URL).port || 6379);
    const open = () =>
      (process as unknown as { _getActiveHandles(): unknown[] })._getActiveHandles().filter((h): h is Socket => h instanceof Socket && h.remotePort === redisPort && !h.destroyed);
    // A connection told to disconnect ends a moment later; a leaked one never does.
    for (let waited = 0; open().length > 0 && waited < 3000; waited += 50) await new Promise((r) => setTimeout(r, 50));
    expect(open()).toHaveLength(0);
  });
});
