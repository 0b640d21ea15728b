import type { SqlExecutor } from '@vinhdanh/sql';
import { toBuffer, toCount } from './ledger-schema';

/** A signed checkpoint as served at /ledger/checkpoints. */
export interface StoredCheckpoint {
  size: number;
  /** Hex, for display; the note carries it in base64 and is what a verifier trusts. */
  rootHash: string;
  keyId: string;
  /** The verifier key of the key that signed it. */
  vkey: string;
  /** The C2SP signed note. */
  note: string;
  signedAt: string;
}

export interface PublicKeyRecord {
  keyId: string;
  name: string;
  vkey: string;
  firstUsedAt: string;
  lastUsedAt: string;
}

type CheckpointRow = {
  size: unknown;
  root_hash: unknown;
  key_id: string;
  vkey: string;
  note: string;
  signed_at: string;
};

const CHECKPOINT_COLUMNS = 'size, root_hash, key_id, vkey, note, signed_at';

function fromRow(row: CheckpointRow): StoredCheckpoint {
  return {
    size: toCount(row.size),
    rootHash: toBuffer(row.root_hash).toString('hex'),
    keyId: row.key_id,
    vkey: row.vkey,
    note: row.note,
    signedAt: row.signed_at,
  };
}

export async function latestCheckpoint(sql: SqlExecutor): Promise<StoredCheckpoint | null> {
  const rows = await sql.query<CheckpointRow>(`SELECT ${CHECKPOINT_COLUMNS} FROM ledger_checkpoints ORDER BY size DESC LIMIT 1`);
  return rows.length ? fromRow(rows[0]) : null;
}

export async function checkpointBySize(sql: SqlExecutor, size: number): Promise<StoredCheckpoint | null> {
  const rows = await sql.query<CheckpointRow>(`SELECT ${CHECKPOINT_COLUMNS} FROM ledger_checkpoints WHERE size = ?`, [size]);
  return rows.length ? fromRow(rows[0]) : null;
}

/** The smallest checkpoint whose tree holds `position`: the first signature over that event. */
export async function firstCheckpointCovering(sql: SqlExecutor, position: number): Promise<StoredCheckpoint | null> {
  const rows = await sql.query<CheckpointRow>(
    `SELECT ${CHECKPOINT_COLUMNS} FROM ledger_checkpoints WHERE size > ? ORDER BY size ASC LIMIT 1`,
    [position],
  );
  return rows.length ? fromRow(rows[0]) : null;
}

/** Checkpoints of size ≤ maxSize, oldest first, a page at a time (an export never holds them all). */
export async function* listCheckpoints(sql: SqlExecutor, maxSize = Number.MAX_SAFE_INTEGER, pageSize = 500): AsyncIterable<StoredCheckpoint> {
  let after = -1;
  for (;;) {
    const rows = await sql.query<CheckpointRow>(
      `SELECT ${CHECKPOINT_COLUMNS} FROM ledger_checkpoints WHERE size > ? AND size <= ? ORDER BY size ASC LIMIT ?`,
      [after, maxSize, pageSize],
    );
    for (const row of rows) yield fromRow(row);
    if (rows.length < pageSize) return;
    after = toCount(rows[rows.length - 1].size);
  }
}

/** Every key that ever signed a checkpoint, oldest first: a rotation never drops one. */
export async function publicKeys(sql: SqlExecutor): Promise<PublicKeyRecord[]> {
  const rows = await sql.query<{ key_id: string; name: string; vkey: string; first_used_at: string; last_used_at: string }>(
    'SELECT key_id, name, vkey, first_used_at, last_used_at FROM ledger_keys ORDER BY first_used_at ASC, vkey ASC',
  );
  return rows.map((r) => ({ keyId: r.key_id, name: r.name, vkey: r.vkey, firstUsedAt: r.first_used_at, lastUsedAt: r.last_used_at }));
}
