import type { AwardCatalog, QuotaRule } from '../catalog/award-catalog';
import { findAwardType } from '../catalog/award-catalog';
import type { QuotaSlot } from './campaign-events';

export type QuotaBreach = { rule: QuotaRule; holders: number; limit: number; held: number };

function applyShare(holders: number, rule: QuotaRule): number {
  const { parts, of } = rule.maxShare;
  const scaled = holders * parts; // whole numbers: exact, no float rounding at the edges
  switch (rule.rounding) {
    case 'floor':
      return Math.floor(scaled / of);
    case 'ceil':
      return Math.floor((scaled + of - 1) / of);
    case 'round':
      return Math.floor((2 * scaled + of) / (2 * of));
    default: {
      const _exhaustive: never = rule.rounding;
      return 0;
    }
  }
}

/**
 * Would giving `nominationId` a slot for `awardCode` in `unitId` break a quota rule, counted
 * over the slots the campaign already holds? A slot this nomination already holds is not
 * counted twice. Returns the first rule broken, or null.
 */
export function quotaBreach(
  catalog: AwardCatalog,
  slots: Record<string, QuotaSlot>,
  awardCode: string,
  unitId: string,
  nominationId: string,
): QuotaBreach | null {
  const award = findAwardType(catalog, awardCode);
  if (!award) return null;
  const others = Object.values(slots).filter((s) => s.nominationId !== nominationId && s.unitId === unitId);
  for (const rule of award.quotas) {
    const holders = others.filter((s) => s.awardCode === rule.prerequisiteAwardCode).length;
    const limit = applyShare(holders, rule);
    const held = others.filter((s) => s.awardCode === awardCode).length;
    if (held + 1 > limit) return { rule, holders, limit, held };
  }
  return null;
}
