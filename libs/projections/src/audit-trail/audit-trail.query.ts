import type { SqlExecutor, SqlValue } from '@vinhdanh/sql';
import { readTable } from '../core/schema';
import { AUDIT_TRAIL, positionKey, type AuditLine } from './audit-trail.projection';

export type AuditFilters = {
  nominationId?: string;
  actorId?: string;
  unitId?: string;
  campaignId?: string;
  eventType?: string;
  /** ISO instants, inclusive, on the event's recordedAt. */
  from?: string;
  to?: string;
};

/** Keyset pagination on position: pass the last page's `nextAfter` as `after`. */
export type AuditPageRequest = { after?: number; limit?: number };
export type AuditPage = { lines: AuditLine[]; nextAfter: number | null };

const MAX_LIMIT = 500;

export async function auditTrail(sql: SqlExecutor, filters: AuditFilters = {}, page: AuditPageRequest = {}): Promise<AuditPage> {
  const table = await readTable(sql, AUDIT_TRAIL, 'lines');
  if (!table) return { lines: [], nextAfter: null };
  const limit = Math.max(1, Math.min(MAX_LIMIT, Math.floor(page.limit ?? 100)));
  const where: string[] = ['k > ?'];
  const params: SqlValue[] = [page.after === undefined ? '' : positionKey(page.after)];
  const eq: [keyof AuditFilters, string][] = [
    ['nominationId', 'nomination_id'],
    ['actorId', 'actor_id'],
    ['unitId', 'unit_id'],
    ['campaignId', 'campaign_id'],
    ['eventType', 'event_type'],
  ];
  for (const [field, column] of eq) {
    if (filters[field] !== undefined) {
      where.push(`${column} = ?`);
      params.push(filters[field]!);
    }
  }
  if (filters.from !== undefined) {
    where.push('at >= ?');
    params.push(filters.from);
  }
  if (filters.to !== undefined) {
    where.push('at <= ?');
    params.push(filters.to);
  }
  params.push(limit + 1);
  const found = await sql.query<{ doc: string }>(`SELECT doc FROM ${table} WHERE ${where.join(' AND ')} ORDER BY k LIMIT ?`, params);
  const lines = found.slice(0, limit).map((r) => JSON.parse(r.doc) as AuditLine);
  return { lines, nextAfter: found.length > limit ? lines[lines.length - 1].position : null };
}
