import type { CampaignSchedule } from '@vinhdanh/domain';
import type { SqlExecutor } from '@vinhdanh/sql';
import { byteOrder, num, readTable } from '../core/schema';
import { CAMPAIGN_PROGRESS, TERMINAL_STAGES, type CampaignProgressRow, type MissedDeadline, type ProgressItem, type ProgressStage } from './campaign-progress.projection';

export type OverdueItem = {
  nominationId: string;
  unitId: string;
  awardCode: string;
  stage: ProgressStage;
  nextStep: string;
  /** Late since this instant. */
  dueAt: string;
  waitingOn: string[];
};

export type CampaignProgress = {
  campaignId: string;
  name: string;
  phase: string;
  closed: boolean;
  now: string;
  total: number;
  byStage: Partial<Record<ProgressStage, number>>;
  byUnit: Record<string, Partial<Record<ProgressStage, number>>>;
  upcomingDeadlines: { deadline: keyof CampaignSchedule; dueAt: string }[];
  overdue: OverdueItem[];
  missedDeadlines: (MissedDeadline & { nominationId: string | null })[];
};

/**
 * Pure: the progress of a campaign at `now` from its rows (SQL or in memory). Overdue means
 * the next step's deadline has passed and the nomination is not finished.
 */
export function summariseProgress(campaign: CampaignProgressRow, items: Iterable<ProgressItem>, now: string): CampaignProgress {
  const nowMs = Date.parse(now);
  const byStage: Partial<Record<ProgressStage, number>> = {};
  const byUnit: Record<string, Partial<Record<ProgressStage, number>>> = {};
  const overdue: OverdueItem[] = [];
  const missed: CampaignProgress['missedDeadlines'] = campaign.missed.map((m) => ({ deadline: m.deadline, dueAt: m.dueAt, outstanding: m.phase, recordedAt: m.recordedAt, source: m.source, nominationId: null }));
  let total = 0;
  for (const item of items) {
    total += 1;
    byStage[item.stage] = (byStage[item.stage] ?? 0) + 1;
    const unit = (byUnit[item.unitId] ??= {});
    unit[item.stage] = (unit[item.stage] ?? 0) + 1;
    if (!TERMINAL_STAGES.includes(item.stage) && item.dueAt && item.nextStep && Date.parse(item.dueAt) < nowMs) {
      overdue.push({ nominationId: item.nominationId, unitId: item.unitId, awardCode: item.awardCode, stage: item.stage, nextStep: item.nextStep, dueAt: item.dueAt, waitingOn: item.waitingOn });
    }
    for (const m of item.missed) missed.push({ ...m, nominationId: item.nominationId });
  }
  overdue.sort((a, b) => (a.dueAt < b.dueAt ? -1 : a.dueAt > b.dueAt ? 1 : a.nominationId < b.nominationId ? -1 : 1));
  const upcomingDeadlines = (Object.entries(campaign.schedule) as [keyof CampaignSchedule, string][])
    .filter(([, dueAt]) => Date.parse(dueAt) >= nowMs)
    .sort((a, b) => Date.parse(a[1]) - Date.parse(b[1]))
    .map(([deadline, dueAt]) => ({ deadline, dueAt }));
  return { campaignId: campaign.campaignId, name: campaign.name, phase: campaign.phase, closed: campaign.closed, now, total, byStage, byUnit, upcomingDeadlines, overdue, missedDeadlines: missed };
}

/**
 * The campaign's progress at `now` (an ISO instant the caller takes from its clock). Counts
 * come from GROUP BY and overdue items from the due_at index, so a season of 80,000
 * nominations is never loaded whole; the result equals summariseProgress over all rows.
 */
export async function campaignProgress(sql: SqlExecutor, campaignId: string, now: string): Promise<CampaignProgress | null> {
  const progress = await readTable(sql, CAMPAIGN_PROGRESS, 'progress');
  const itemsTable = await readTable(sql, CAMPAIGN_PROGRESS, 'items');
  if (!progress || !itemsTable) return null;
  const [campaignDoc] = await sql.query<{ doc: string }>(`SELECT doc FROM ${progress} WHERE k = ?`, [campaignId]);
  if (!campaignDoc) return null;
  const campaign = JSON.parse(campaignDoc.doc) as CampaignProgressRow;
  const base = summariseProgress(campaign, [], now);
  const counts = await sql.query<{ unit_id: string; stage: ProgressStage; n: unknown }>(
    `SELECT unit_id, stage, COUNT(*) AS n FROM ${itemsTable} WHERE campaign_id = ? GROUP BY unit_id, stage`,
    [campaignId],
  );
  for (const c of counts) {
    const n = num(c.n);
    base.total += n;
    base.byStage[c.stage] = (base.byStage[c.stage] ?? 0) + n;
    const unit = (base.byUnit[c.unit_id] ??= {});
    unit[c.stage] = n;
  }
  // ISO strings compare as text only at equal precision: fetch up to the next second, then filter exactly.
  const bound = new Date(Math.floor(Date.parse(now) / 1000) * 1000 + 1000).toISOString().replace('.000Z', 'Z');
  const late = await sql.query<{ doc: string }>(
    `SELECT doc FROM ${itemsTable} WHERE campaign_id = ? AND due_at <= ? AND stage NOT IN (${TERMINAL_STAGES.map(() => '?').join(', ')}) ORDER BY due_at, ${byteOrder(sql, 'k')}`,
    [campaignId, bound, ...TERMINAL_STAGES],
  );
  const missed = await sql.query<{ doc: string }>(`SELECT doc FROM ${itemsTable} WHERE campaign_id = ? AND missed_count > 0 ORDER BY ${byteOrder(sql, 'k')}`, [campaignId]);
  const detail = summariseProgress(campaign, [...late, ...missed].map((r) => JSON.parse(r.doc) as ProgressItem), now);
  const seen = new Set<string>();
  base.overdue = detail.overdue.filter((o) => !seen.has(o.nominationId) && seen.add(o.nominationId));
  const seenMissed = new Set<string>();
  base.missedDeadlines = detail.missedDeadlines.filter((m) => {
    const key = `${m.nominationId}|${m.source.position}`;
    return !seenMissed.has(key) && seenMissed.add(key);
  });
  return base;
}
