/**
 * The command path end to end (CommandBus → handler → load nomination and campaign streams →
 * decide → append): SubmitNomination one after another, then the same number at once.
 *
 *   N=500 BACKEND=sqlite node -r @swc-node/register -r reflect-metadata libs/application/src/testing/submit-throughput.bench.ts
 *   N=500 BACKEND=postgres node -r @swc-node/register -r reflect-metadata libs/application/src/testing/submit-throughput.bench.ts
 *
 * PostgreSQL at TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test), in fresh schemas it drops after.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { createEventStore, PostgresEventStore, type EventStore } from '@vinhdanh/event-store';
import { PostgresClient, SqliteClient, type SqlClient } from '@vinhdanh/sql';
import { OpenCampaignCommand, SubmitNominationCommand } from '../index';
import { createWorkflow } from '../create-workflow';
import { SCHEDULE, meta } from './workflow-fixtures';

const N = Number(process.env.N ?? 500);
const kind = process.env.BACKEND === 'postgres' ? 'postgres' : 'sqlite';
const url = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const officer = { id: 'officer-1', roles: ['unit_officer'], unit: 'u-1' };

const submit = (nominationId: string) =>
  new SubmitNominationCommand(
    {
      nominationId,
      campaignId: 'bench',
      awardCode: 'chair_certificate_of_merit',
      nomineeId: `p-${nominationId}`,
      nomineeName: 'Nominee',
      nomineeUnitId: 'u-1',
      nomineeRole: 'direct_worker',
      achievements: ['Achievement'],
      evidence: [{ name: 'r.pdf', sha256: 'a'.repeat(64), mediaType: 'application/pdf' }],
    },
    meta(officer, '2026-05-04T02:00:00Z'),
  );

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'vinhdanh-bench-'));
  const schema = `bench_${randomBytes(4).toString('hex')}`;
  let store: EventStore;
  let sql: SqlClient;
  if (kind === 'sqlite') {
    store = createEventStore({ backend: 'sqlite', sqlitePath: join(dir, 'events.db') });
    sql = SqliteClient.open(join(dir, 'events.read.db'));
  } else {
    const pg = new PostgresEventStore({ connectionString: url, schema });
    await pg.whenReady();
    store = pg;
    sql = await PostgresClient.open({ connectionString: url, schema: `${schema}_sql` });
  }
  const w = await createWorkflow({ store, sql });
  await w.commandBus.execute(
    new OpenCampaignCommand({ campaignId: 'bench', name: 'Bench', year: 2026, councilId: 'c', schedule: SCHEDULE }, meta({ id: 'admin', roles: ['admin'] }, '2026-01-05T02:00:00Z')),
  );

  let t = process.hrtime.bigint();
  for (let i = 0; i < N; i++) await w.commandBus.execute(submit(`s-${i}`));
  const sequential = Number(process.hrtime.bigint() - t) / 1e9;
  t = process.hrtime.bigint();
  await Promise.all(Array.from({ length: N }, (_, i) => w.commandBus.execute(submit(`c-${i}`))));
  const concurrent = Number(process.hrtime.bigint() - t) / 1e9;
  console.log(
    `${kind}: ${N} SubmitNomination one by one ${(N / sequential).toFixed(0)}/s (${((sequential * 1000) / N).toFixed(2)} ms each); ` +
      `${N} at once ${(N / concurrent).toFixed(0)}/s`,
  );

  await w.close();
  await store.close();
  await sql.close();
  rmSync(dir, { recursive: true, force: true });
  if (kind === 'postgres') {
    const client = new Client({ connectionString: url });
    await client.connect();
    await client.query(`DROP SCHEMA ${schema} CASCADE`);
    await client.query(`DROP SCHEMA ${schema}_sql CASCADE`);
    await client.end();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
