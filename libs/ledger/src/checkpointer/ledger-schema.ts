import type { SqlExecutor } from '@vinhdanh/sql';

/**
 * The checkpointer's tables, beside the read models (same SqlClient):
 * - ledger_nodes: every perfect subtree of the Merkle tree (level 0 = leaves), written once,
 *   never changed, so proofs for any past size are served without reading the log;
 * - ledger_state: one row, the checkpointer's own checkpoint (tree size = next position to
 *   read) and the chain hash of the last event it accepted;
 * - ledger_checkpoints: every signed checkpoint note, by tree size;
 * - ledger_keys: every key that ever signed one, kept after a rotation so old notes still verify.
 */
export async function ensureLedgerSchema(sql: SqlExecutor): Promise<void> {
  const bytes = sql.dialect === 'postgres' ? 'BYTEA' : 'BLOB';
  const statements = [
    `CREATE TABLE IF NOT EXISTS ledger_nodes (
       level INTEGER NOT NULL,
       idx BIGINT NOT NULL,
       hash ${bytes} NOT NULL,
       PRIMARY KEY (level, idx))`,
    `CREATE TABLE IF NOT EXISTS ledger_state (
       id INTEGER PRIMARY KEY CHECK (id = 1),
       origin TEXT NOT NULL,
       size BIGINT NOT NULL,
       head_hash ${bytes} NOT NULL,
       checkpoint_size BIGINT NOT NULL,
       checkpoint_at TEXT)`,
    `CREATE TABLE IF NOT EXISTS ledger_checkpoints (
       size BIGINT PRIMARY KEY,
       root_hash ${bytes} NOT NULL,
       key_id TEXT NOT NULL,
       vkey TEXT NOT NULL,
       note TEXT NOT NULL,
       signed_at TEXT NOT NULL)`,
    `CREATE TABLE IF NOT EXISTS ledger_keys (
       vkey TEXT PRIMARY KEY,
       key_id TEXT NOT NULL,
       name TEXT NOT NULL,
       first_used_at TEXT NOT NULL,
       last_used_at TEXT NOT NULL)`,
  ];
  for (const statement of statements) await sql.execute(statement);
}

/** A key id as it appears in tooling: 8 lower-case hex digits (the signature's first 4 bytes). */
export const keyIdHex = (keyId: number): string => keyId.toString(16).padStart(8, '0');

/** PostgreSQL returns BIGINT as text; SQLite as a number. */
export const toCount = (value: unknown): number => {
  const n = typeof value === 'bigint' ? Number(value) : Number(value as string | number);
  if (!Number.isSafeInteger(n)) throw new TypeError(`not a safe integer: ${String(value)}`);
  return n;
};

export const toBuffer = (value: unknown): Buffer => {
  if (Buffer.isBuffer(value)) return value;
  if (value instanceof Uint8Array) return Buffer.from(value);
  throw new TypeError('expected a byte column');
};
