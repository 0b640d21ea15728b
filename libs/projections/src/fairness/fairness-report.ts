import type { SqlExecutor } from '@vinhdanh/sql';
import { readTable } from '../core/schema';
import { FAIRNESS_CHECKS, type CheckResult, type CheckRow, type FairnessCheckCode } from './fairness-checks';
import { checksOf, FAIRNESS, type AwardRow, type Verdicts } from './fairness.projection';

/** When a share is an outlier. Defaults are a starting point; a province sets its own. */
export type FairnessBounds = {
  /** A unit holding more than this share of the campaign's awards is flagged. */
  maxUnitShare: number;
  /** Managers' share of individual awards (where the role is recorded) above this is flagged. */
  maxManagerShare: number;
  /** A level holding more than this share of the awards is flagged. */
  maxLevelShare: number;
};

export const DEFAULT_FAIRNESS_BOUNDS: FairnessBounds = { maxUnitShare: 0.25, maxManagerShare: 0.5, maxLevelShare: 1 };

export type FairnessReport = {
  campaignId: string;
  bounds: FairnessBounds;
  decisions: { nominationId: string; checks: CheckRow[]; failed: FairnessCheckCode[] }[];
  summary: Record<FairnessCheckCode, Record<CheckResult, number>>;
  distribution: {
    /** Awards in force (approved or published, not revoked). */
    awards: number;
    byUnit: { unitId: string; count: number; share: number; outlier: boolean }[];
    byLevel: { level: string; count: number; share: number; outlier: boolean }[];
    byRole: { directWorkers: number; managers: number; unrecorded: number; managerShare: number | null; outlier: boolean };
  };
};

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

/** Pure: the report from the fairness rows (SQL or in memory, e.g. in the offline verifier). */
export function buildFairnessReport(campaignId: string, checks: Iterable<CheckRow>, awards: Iterable<AwardRow>, bounds: FairnessBounds = DEFAULT_FAIRNESS_BOUNDS): FairnessReport {
  const byNomination = new Map<string, CheckRow[]>();
  const summary = Object.fromEntries(FAIRNESS_CHECKS.map((c) => [c, { pass: 0, fail: 0, pending: 0 }])) as FairnessReport['summary'];
  for (const c of checks) {
    if (c.campaignId !== campaignId) continue;
    const list = byNomination.get(c.nominationId) ?? [];
    list.push(c);
    byNomination.set(c.nominationId, list);
    summary[c.check][c.result] += 1;
  }
  const order = (c: CheckRow) => FAIRNESS_CHECKS.indexOf(c.check);
  const decisions = [...byNomination.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([nominationId, list]) => {
      const sorted = list.sort((a, b) => order(a) - order(b));
      return { nominationId, checks: sorted, failed: sorted.filter((c) => c.result === 'fail').map((c) => c.check) };
    });
  const inForce = [...awards].filter((a) => a.campaignId === campaignId && a.status !== 'revoked');
  const total = inForce.length;
  const tallyBy = (key: (a: AwardRow) => string) => {
    const m = new Map<string, number>();
    for (const a of inForce) m.set(key(a), (m.get(key(a)) ?? 0) + 1);
    return [...m.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
  };
  const byUnit = tallyBy((a) => a.unitId).map(([unitId, count]) => ({ unitId, count, share: round4(count / total), outlier: count / total > bounds.maxUnitShare }));
  const byLevel = tallyBy((a) => a.level ?? 'unknown').map(([level, count]) => ({ level, count, share: round4(count / total), outlier: count / total > bounds.maxLevelShare }));
  const individuals = inForce.filter((a) => a.recipientKind === 'individual');
  const managers = individuals.filter((a) => a.nomineeRole === 'manager').length;
  const directWorkers = individuals.filter((a) => a.nomineeRole === 'direct_worker').length;
  const recorded = managers + directWorkers;
  const managerShare = recorded ? round4(managers / recorded) : null;
  return {
    campaignId,
    bounds,
    decisions,
    summary,
    distribution: {
      awards: total,
      byUnit,
      byLevel,
      byRole: { directWorkers, managers, unrecorded: individuals.length - recorded, managerShare, outlier: managerShare !== null && managerShare > bounds.maxManagerShare },
    },
  };
}

export async function fairnessReport(sql: SqlExecutor, campaignId: string, bounds: FairnessBounds = DEFAULT_FAIRNESS_BOUNDS): Promise<FairnessReport> {
  const verdictsTable = await readTable(sql, FAIRNESS, 'verdicts');
  const awardsTable = await readTable(sql, FAIRNESS, 'awards');
  if (!verdictsTable || !awardsTable) return buildFairnessReport(campaignId, [], [], bounds);
  const verdicts = await sql.query<{ doc: string }>(`SELECT doc FROM ${verdictsTable} WHERE campaign_id = ?`, [campaignId]);
  const awards = await sql.query<{ doc: string }>(`SELECT doc FROM ${awardsTable} WHERE campaign_id = ?`, [campaignId]);
  return buildFairnessReport(
    campaignId,
    verdicts.flatMap((r) => checksOf(JSON.parse(r.doc) as Verdicts)),
    awards.map((r) => JSON.parse(r.doc) as AwardRow),
    bounds,
  );
}

/** The checks of one decision, in the order of FAIRNESS_CHECKS (empty before the vote). */
export async function fairnessChecks(sql: SqlExecutor, nominationId: string): Promise<CheckRow[]> {
  const table = await readTable(sql, FAIRNESS, 'verdicts');
  if (!table) return [];
  const [row] = await sql.query<{ doc: string }>(`SELECT doc FROM ${table} WHERE k = ?`, [nominationId]);
  return row ? checksOf(JSON.parse(row.doc) as Verdicts) : [];
}
