import type { SqlExecutor, SqlValue } from '@vinhdanh/sql';
import { byteOrder, readTable } from '../core/schema';
import { DOSSIER, type Dossier, type DossierStatus } from './dossier.projection';

export async function dossier(sql: SqlExecutor, nominationId: string): Promise<Dossier | null> {
  const table = await readTable(sql, DOSSIER, 'dossiers');
  if (!table) return null;
  const [row] = await sql.query<{ doc: string }>(`SELECT doc FROM ${table} WHERE k = ?`, [nominationId]);
  return row ? (JSON.parse(row.doc) as Dossier) : null;
}

export type DossierSummary = Pick<Dossier, 'nominationId' | 'campaignId' | 'awardCode' | 'nominee' | 'status'>;

/** The dossiers of a campaign (optionally in one status), by nomination id. */
export async function dossiers(sql: SqlExecutor, query: { campaignId: string; status?: DossierStatus; limit?: number; after?: string }): Promise<DossierSummary[]> {
  const table = await readTable(sql, DOSSIER, 'dossiers');
  if (!table) return [];
  const params: SqlValue[] = [query.campaignId, query.after ?? ''];
  let where = `campaign_id = ? AND ${byteOrder(sql, 'k')} > ?`;
  if (query.status) {
    where += ' AND status = ?';
    params.push(query.status);
  }
  params.push(Math.max(1, Math.min(500, query.limit ?? 100)));
  const found = await sql.query<{ doc: string }>(`SELECT doc FROM ${table} WHERE ${where} ORDER BY ${byteOrder(sql, 'k')} LIMIT ?`, params);
  return found.map((r) => {
    const d = JSON.parse(r.doc) as Dossier;
    return { nominationId: d.nominationId, campaignId: d.campaignId, awardCode: d.awardCode, nominee: d.nominee, status: d.status };
  });
}
