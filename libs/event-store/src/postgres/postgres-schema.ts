import { createHash } from 'node:crypto';

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,40}$/;

/** Names derived from the configured schema; validated so they can be spliced into SQL. */
export interface PostgresNames {
  schema: string;
  /** "schema".events, quoted. */
  table: string;
  /** NOTIFY channel that wakes followers after a commit. */
  channel: string;
  /** Key of the transaction-level advisory lock that serialises appends to this schema. */
  lockKey: [number, number];
}

export function postgresNames(schema: string): PostgresNames {
  if (!IDENTIFIER.test(schema)) {
    throw new RangeError(`schema "${schema}" must be lower-case letters, digits and _ (at most 41 characters)`);
  }
  const digest = createHash('sha256').update(schema).digest();
  return {
    schema,
    table: `"${schema}".events`,
    channel: `vinhdanh_events_${schema}`,
    // The first half says "Vinh Danh event store", the second which schema.
    lockKey: [0x56444553, digest.readInt32BE(0)],
  };
}

/**
 * Idempotent, and run under an advisory lock, because two processes starting at once would
 * otherwise race on CREATE ... IF NOT EXISTS. Positions are assigned by the writer under the
 * append lock, not by a sequence, so a refused or rolled-back append can never burn one.
 * data and metadata are `json` (not jsonb) so the stored text is exactly what was appended.
 */
export function migrationSql(names: PostgresNames): string {
  return `
BEGIN;
SELECT pg_advisory_xact_lock(${names.lockKey[0]}, ${names.lockKey[1]});
CREATE SCHEMA IF NOT EXISTS "${names.schema}";
CREATE TABLE IF NOT EXISTS ${names.table} (
  position  bigint PRIMARY KEY,
  stream_id text   NOT NULL,
  revision  bigint NOT NULL,
  event_id  text   NOT NULL,
  type      text   NOT NULL,
  data      json   NOT NULL,
  metadata  json   NOT NULL,
  hash      bytea  NOT NULL,
  CONSTRAINT events_stream_revision_key UNIQUE (stream_id, revision),
  CONSTRAINT events_event_id_key UNIQUE (event_id),
  CONSTRAINT events_position_check CHECK (position >= 0),
  CONSTRAINT events_revision_check CHECK (revision >= 0)
);
COMMIT;`;
}
