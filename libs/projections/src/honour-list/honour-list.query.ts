import type { SqlExecutor, SqlValue } from '@vinhdanh/sql';
import type { ModelRows } from '../core/digest';
import { byteOrder, readTable } from '../core/schema';
import { HONOUR_LIST, type HonourEntry } from './honour-list.projection';

export type HonourListQuery = { campaignId: string; awardCode?: string };

/** Entries by award then rank; revoked entries included and marked. */
export async function honourList(sql: SqlExecutor, query: HonourListQuery): Promise<HonourEntry[]> {
  return (await honourListDocs(sql, query)).map((doc) => JSON.parse(doc) as HonourEntry);
}

/**
 * The same list as a JSON array, made of the stored documents as they are: the public list is
 * the most read page there is, and parsing each entry only to serialise it again doubled its cost.
 */
export async function honourListJson(sql: SqlExecutor, query: HonourListQuery): Promise<string> {
  return `[${(await honourListDocs(sql, query)).join(',')}]`;
}

async function honourListDocs(sql: SqlExecutor, query: HonourListQuery): Promise<string[]> {
  const table = await readTable(sql, HONOUR_LIST, 'entries');
  if (!table) return [];
  const params: SqlValue[] = [query.campaignId];
  let where = 'campaign_id = ?';
  if (query.awardCode !== undefined) {
    where += ' AND award_code = ?';
    params.push(query.awardCode);
  }
  const found = await sql.query<{ doc: string }>(`SELECT doc FROM ${table} WHERE ${where} ORDER BY ${byteOrder(sql, 'award_code')}, rank, ${byteOrder(sql, 'k')}`, params);
  return found.map((r) => r.doc);
}

export async function honourEntry(sql: SqlExecutor, nominationId: string): Promise<HonourEntry | null> {
  const table = await readTable(sql, HONOUR_LIST, 'entries');
  if (!table) return null;
  const [row] = await sql.query<{ doc: string }>(`SELECT doc FROM ${table} WHERE k = ?`, [nominationId]);
  return row ? (JSON.parse(row.doc) as HonourEntry) : null;
}

const byteCompare = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

/** The same answer from rows projected in memory (the offline verifier's side). */
export function honourListFromRows(model: ModelRows, query: HonourListQuery): HonourEntry[] {
  return [...((model.get('entries')?.values() ?? []) as Iterable<HonourEntry>)]
    .filter((e) => e.campaignId === query.campaignId && (query.awardCode === undefined || e.awardCode === query.awardCode))
    .sort((a, b) => byteCompare(a.awardCode, b.awardCode) || a.rank - b.rank || byteCompare(a.nominationId, b.nominationId));
}
