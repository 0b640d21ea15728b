/**
 * position is the rowid (INTEGER PRIMARY KEY), so reading the log in order is a walk of the
 * table itself. UNIQUE (stream_id, revision) is the last line of defence against two writers
 * taking the same revision; UNIQUE event_id backs idempotent retries. The hash is a 32-byte BLOB.
 */
export const SQLITE_SCHEMA = `
CREATE TABLE IF NOT EXISTS events (
  position  INTEGER PRIMARY KEY,
  stream_id TEXT    NOT NULL,
  revision  INTEGER NOT NULL,
  event_id  TEXT    NOT NULL UNIQUE,
  type      TEXT    NOT NULL,
  data      TEXT    NOT NULL,
  metadata  TEXT    NOT NULL,
  hash      BLOB    NOT NULL,
  UNIQUE (stream_id, revision)
);
`;
