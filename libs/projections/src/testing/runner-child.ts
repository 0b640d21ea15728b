/**
 * A worker process for the crash test: runs every projection over a file-backed SQLite event
 * store, read models in SQLite (a file) or PostgreSQL (a schema), and prints each committed
 * batch. The parent kills it with SIGKILL mid-way and starts it again.
 *
 *   node -r @swc-node/register testing/runner-child.ts <events.db> sqlite:<read.db> | postgres:<schema>
 */
import { SqliteEventStore } from '@vinhdanh/event-store';
import { PostgresClient, SqliteClient, type SqlClient } from '@vinhdanh/sql';
import { ALL_PROJECTIONS } from '../all-projections';
import { LeaseRow, PgAdvisoryLease, type ProjectionLease } from '../runner/lease';
import { ProjectionRunner } from '../runner/projection-runner';

async function main(): Promise<void> {
  const [eventsPath, target] = process.argv.slice(2);
  const url = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const store = new SqliteEventStore({ path: eventsPath });
  const holder = `child-${process.pid}`;
  let sql: SqlClient;
  let lease: ProjectionLease;
  if (target.startsWith('sqlite:')) {
    sql = SqliteClient.open(target.slice('sqlite:'.length));
    lease = new LeaseRow(sql, holder, 1500);
  } else {
    const schema = target.slice('postgres:'.length);
    sql = await PostgresClient.open({ connectionString: url, schema, max: 4 });
    lease = new PgAdvisoryLease(url, holder, schema);
  }
  const runner = new ProjectionRunner({
    store,
    sql,
    projections: ALL_PROJECTIONS,
    lease,
    batchSize: Number(process.env.BATCH_SIZE ?? 100),
    retryMs: 100,
    onBatch: (name, checkpoint) => process.stdout.write(`batch ${name} ${checkpoint}\n`),
    onError: (error, name) => process.stderr.write(`error ${name} ${String(error)}\n`),
  });
  await runner.start();
  process.stdout.write('started\n');
  process.on('SIGTERM', () => {
    void runner.stop().then(async () => {
      await lease.close();
      await sql.close();
      await store.close();
      process.exit(0);
    });
  });
}

main().catch((error) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
