import type { SqlExecutor, SqlValue } from '@vinhdanh/sql';
import { byteOrder, readTable } from '../core/schema';
import { assembleDossier, DOSSIER, type Dossier, type DossierDoc, type DossierStatus, type DossierStepRow } from './dossier.projection';

/** One nomination's dossier with its steps, in one round trip. */
export async function dossier(sql: SqlExecutor, nominationId: string): Promise<Dossier | null> {
  const table = await readTable(sql, DOSSIER, 'dossiers');
  const steps = await readTable(sql, DOSSIER, 'steps');
  if (!table || !steps) return null;
  const found = await sql.query<{ part: unknown; doc: string }>(
    `SELECT 0 AS part, 0 AS position, doc FROM ${table} WHERE k = ? UNION ALL SELECT 1 AS part, position, doc FROM ${steps} WHERE nomination_id = ? ORDER BY part, position`,
    [nominationId, nominationId],
  );
  if (found.length === 0 || Number(found[0].part) !== 0) return null;
  return assembleDossier(
    JSON.parse(found[0].doc) as DossierDoc,
    found.slice(1).map((r) => JSON.parse(r.doc) as DossierStepRow),
  );
}

export type DossierSummary = Pick<Dossier, 'nominationId' | 'campaignId' | 'awardCode' | 'nominee' | 'status'>;

/** The dossiers of a campaign (optionally in one status, or of one nominee unit), by nomination id. */
export async function dossiers(
  sql: SqlExecutor,
  query: { campaignId: string; status?: DossierStatus; unitId?: string; limit?: number; after?: string },
): Promise<DossierSummary[]> {
  const table = await readTable(sql, DOSSIER, 'dossiers');
  if (!table) return [];
  const params: SqlValue[] = [query.campaignId, query.after ?? ''];
  let where = `campaign_id = ? AND ${byteOrder(sql, 'k')} > ?`;
  if (query.status) {
    where += ' AND status = ?';
    params.push(query.status);
  }
  if (query.unitId !== undefined) {
    where += ' AND unit_id = ?';
    params.push(query.unitId);
  }
  params.push(Math.max(1, Math.min(500, query.limit ?? 100)));
  const found = await sql.query<{ doc: string }>(`SELECT doc FROM ${table} WHERE ${where} ORDER BY ${byteOrder(sql, 'k')} LIMIT ?`, params);
  return found.map((r) => {
    const d = JSON.parse(r.doc) as DossierDoc;
    return { nominationId: d.nominationId, campaignId: d.campaignId, awardCode: d.awardCode, nominee: d.nominee, status: d.status };
  });
}
