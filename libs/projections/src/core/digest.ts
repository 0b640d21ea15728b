import { createHash } from 'node:crypto';
import { canonicalJson } from '@vinhdanh/ledger';
import type { SqlExecutor } from '@vinhdanh/sql';
import type { Projection, Row } from './projection';
import { activeVersion, physicalTable } from './schema';

/** Rows of one read model: table → key → row. */
export type ModelRows = Map<string, Map<string, Row>>;

const byBytes = (a: string, b: string): number => Buffer.compare(Buffer.from(a), Buffer.from(b));

/**
 * SHA-256 over every row of a read model, tables by name and rows by key (byte order), each
 * row as RFC 8785 canonical JSON. Equal digests mean equal models, however they were built.
 */
export function readModelDigest(rows: ModelRows): string {
  const hash = createHash('sha256');
  for (const table of [...rows.keys()].sort(byBytes)) {
    const entries = rows.get(table)!;
    for (const key of [...entries.keys()].sort(byBytes)) {
      hash.update(canonicalJson([table, key, JSON.parse(JSON.stringify(entries.get(key)))]));
      hash.update('\n');
    }
  }
  return hash.digest('hex');
}

/** Every row of the version readers use (or of `version`), as ModelRows. Meant for tests and audits. */
export async function loadModelRows(sql: SqlExecutor, projection: Projection, version?: number): Promise<ModelRows> {
  const v = version ?? (await activeVersion(sql, projection.name));
  const rows: ModelRows = new Map();
  if (v === null) return rows;
  for (const spec of projection.tables) {
    const table = new Map<string, Row>();
    const found = await sql.query<{ k: string; doc: string }>(`SELECT k, doc FROM ${physicalTable(projection.name, spec.name, v)}`);
    for (const r of found) table.set(r.k, JSON.parse(r.doc) as Row);
    if (table.size > 0) rows.set(spec.name, table);
  }
  return rows;
}

export async function sqlReadModelDigest(sql: SqlExecutor, projection: Projection, version?: number): Promise<string> {
  return readModelDigest(await loadModelRows(sql, projection, version));
}
