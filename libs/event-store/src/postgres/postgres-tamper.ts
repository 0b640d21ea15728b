import { Client } from 'pg';
import type { Tamper } from '../testing/tamper';
import { postgresNames } from './postgres-schema';

/** Edits the events table over a separate connection, as someone with database access could. */
export function postgresTamper(connectionString: string, schema: string): Tamper {
  const { table } = postgresNames(schema);
  const withClient = async (work: (client: Client) => Promise<unknown>): Promise<void> => {
    const client = new Client({ connectionString });
    await client.connect();
    try {
      await client.query('BEGIN');
      await work(client);
      await client.query('COMMIT');
    } finally {
      await client.end();
    }
  };
  return {
    updateEvent: (position, change) =>
      withClient(async (c) => {
        if (change.data !== undefined) await c.query(`UPDATE ${table} SET data = $1 WHERE position = $2`, [JSON.stringify(change.data), position]);
        if (change.type !== undefined) await c.query(`UPDATE ${table} SET type = $1 WHERE position = $2`, [change.type, position]);
        if (change.metadata !== undefined) {
          await c.query(`UPDATE ${table} SET metadata = $1 WHERE position = $2`, [JSON.stringify(change.metadata), position]);
        }
      }),
    deleteEvent: (position) => withClient((c) => c.query(`DELETE FROM ${table} WHERE position = $1`, [position])),
    swapEvents: (a, b) =>
      withClient(async (c) => {
        const { rows } = await c.query(
          `SELECT position, stream_id, revision, event_id, type, data::text AS data, metadata::text AS metadata, hash
             FROM ${table} WHERE position IN ($1, $2)`,
          [a, b],
        );
        const rowA = rows.find((r: { position: string }) => Number(r.position) === a);
        const rowB = rows.find((r: { position: string }) => Number(r.position) === b);
        if (!rowA || !rowB) throw new Error(`cannot swap ${a} and ${b}: a row is missing`);
        const write = (into: number, from: typeof rowA) =>
          c.query(
            `UPDATE ${table} SET stream_id = $1, revision = $2, event_id = $3, type = $4, data = $5, metadata = $6, hash = $7
              WHERE position = $8`,
            [from.stream_id, from.revision, from.event_id, from.type, from.data, from.metadata, from.hash, into],
          );
        // Park row a under values no real row has, so the unique constraints hold at every step.
        await c.query(`UPDATE ${table} SET stream_id = '#swap', event_id = '#swap' WHERE position = $1`, [a]);
        await write(b, rowA);
        await write(a, rowB);
      }),
  };
}
