import type { SqlExecutor, SqlValue } from '@vinhdanh/sql';
import type { AsyncNodeReader, NodeId } from '../merkle';
import { toBuffer, toCount } from './ledger-schema';

const IDS_PER_QUERY = 200;
const ROWS_PER_INSERT = 400;

/** Proofs straight from ledger_nodes: one query fetches every node a proof (or several) needs. */
export class SqlNodeReader implements AsyncNodeReader {
  constructor(private readonly sql: SqlExecutor) {}

  async getNodes(ids: readonly NodeId[]): Promise<Array<Buffer | undefined>> {
    const found = new Map<string, Buffer>();
    for (let at = 0; at < ids.length; at += IDS_PER_QUERY) {
      const chunk = ids.slice(at, at + IDS_PER_QUERY);
      const where = chunk.map(() => '(level = ? AND idx = ?)').join(' OR ');
      const params: SqlValue[] = chunk.flatMap(({ level, index }) => [level, index]);
      const rows = await this.sql.query<{ level: unknown; idx: unknown; hash: unknown }>(
        `SELECT level, idx, hash FROM ledger_nodes WHERE ${where}`,
        params,
      );
      for (const row of rows) found.set(`${toCount(row.level)}/${toCount(row.idx)}`, toBuffer(row.hash));
    }
    return ids.map(({ level, index }) => found.get(`${level}/${index}`));
  }
}

export interface NodeRow {
  level: number;
  index: number;
  hash: Buffer;
}

/**
 * Writes node rows in multi-row INSERTs. A node never changes once its subtree is complete,
 * so a replay after a crash may rewrite the same rows: DO NOTHING keeps that harmless.
 */
export async function insertNodes(sql: SqlExecutor, rows: readonly NodeRow[]): Promise<void> {
  for (let at = 0; at < rows.length; at += ROWS_PER_INSERT) {
    const chunk = rows.slice(at, at + ROWS_PER_INSERT);
    const values = chunk.map(() => '(?, ?, ?)').join(', ');
    const params: SqlValue[] = chunk.flatMap((r) => [r.level, r.index, r.hash]);
    await sql.execute(`INSERT INTO ledger_nodes (level, idx, hash) VALUES ${values} ON CONFLICT (level, idx) DO NOTHING`, params);
  }
}
