import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { runEventStoreContract } from '../testing/event-store.contract';
import { PostgresEventStore } from './postgres-event-store';
import { postgresTamper } from './postgres-tamper';

const connectionString = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

runEventStoreContract('postgres', async () => {
  const schema = `es_test_${randomBytes(6).toString('hex')}`;
  const store = new PostgresEventStore({ connectionString, schema, pollIntervalMs: 50 });
  await store.whenReady();
  return {
    store,
    tamper: postgresTamper(connectionString, schema),
    cleanup: async () => {
      const client = new Client({ connectionString });
      await client.connect();
      try {
        await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
});
