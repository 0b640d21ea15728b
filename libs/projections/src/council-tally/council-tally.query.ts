import type { SqlExecutor } from '@vinhdanh/sql';
import type { ModelRows } from '../core/digest';
import { byteOrder, readTable } from '../core/schema';
import { COUNCIL_TALLY, type TallyRow } from './council-tally.projection';

export type TallyQuery = { nominationId: string } | { sessionId: string } | { campaignId: string };

/** The council's tallies for a nomination, a session or a campaign, by session then nomination. */
export async function tallies(sql: SqlExecutor, query: TallyQuery): Promise<TallyRow[]> {
  const table = await readTable(sql, COUNCIL_TALLY, 'tallies');
  if (!table) return [];
  const [column, value] =
    'nominationId' in query ? ['nomination_id', query.nominationId] : 'sessionId' in query ? ['session_id', query.sessionId] : ['campaign_id', query.campaignId];
  const found = await sql.query<{ doc: string }>(`SELECT doc FROM ${table} WHERE ${column} = ? ORDER BY ${byteOrder(sql, 'k')}`, [value]);
  return found.map((r) => JSON.parse(r.doc) as TallyRow);
}

/** The same answer from rows projected in memory (the offline verifier's side). */
export function talliesFromRows(model: ModelRows, query: TallyQuery): TallyRow[] {
  const match = (r: TallyRow) =>
    'nominationId' in query ? r.nominationId === query.nominationId : 'sessionId' in query ? r.sessionId === query.sessionId : r.campaignId === query.campaignId;
  return [...((model.get('tallies')?.entries() ?? []) as Iterable<[string, TallyRow]>)]
    .filter(([, r]) => match(r))
    .sort(([a], [b]) => Buffer.compare(Buffer.from(a), Buffer.from(b)))
    .map(([, r]) => r);
}
