import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import type { AwardCatalog, Share } from './award-catalog';
import { AwardCatalogDto } from './award-catalog.dto';

/** A catalog that does not hold together; `issues` says where and what, one line each. */
export class CatalogInvalidError extends Error {
  constructor(readonly issues: string[]) {
    super(`award catalog is invalid:\n  ${issues.join('\n  ')}`);
    this.name = 'CatalogInvalidError';
  }
}

function flatten(errors: ValidationError[], path = ''): string[] {
  return errors.flatMap((e) => {
    const here = path ? `${path}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((m) => `${here}: ${m}`);
    return [...own, ...flatten(e.children ?? [], here)];
  });
}

const shareAtMostOne = (s: Share) => s.parts <= s.of;

/** Rules that span fields or award types; class-validator checks each field on its own. */
function crossFieldIssues(catalog: AwardCatalog): string[] {
  const issues: string[] = [];
  const codes = catalog.awardTypes.map((t) => t.code);
  const known = new Set(codes);
  if (known.size !== codes.length) issues.push('awardTypes: award codes must be unique');
  for (const t of catalog.awardTypes) {
    const at = `awardTypes[${t.code}]`;
    const criterionCodes = t.criteria.map((c) => c.code);
    if (new Set(criterionCodes).size !== criterionCodes.length) issues.push(`${at}.criteria: codes must be unique`);
    for (const c of t.criteria) {
      if (c.maxScore <= 0) issues.push(`${at}.criteria[${c.code}]: maxScore must be above 0`);
      if (c.minScore > c.maxScore) issues.push(`${at}.criteria[${c.code}]: minScore must not exceed maxScore`);
    }
    if (t.criteria.reduce((sum, c) => sum + c.weight, 0) <= 0) issues.push(`${at}.criteria: weights must not all be 0`);
    if (!shareAtMostOne(t.quorum)) issues.push(`${at}.quorum: share must be at most 1`);
    if (!shareAtMostOne(t.threshold)) issues.push(`${at}.threshold: share must be at most 1`);
    for (const q of t.quotas) {
      if (!known.has(q.prerequisiteAwardCode)) issues.push(`${at}.quotas: unknown award ${q.prerequisiteAwardCode}`);
      if (q.prerequisiteAwardCode === t.code) issues.push(`${at}.quotas: an award cannot be its own quota base`);
      if (!shareAtMostOne(q.maxShare)) issues.push(`${at}.quotas: share must be at most 1`);
    }
    for (const p of t.prerequisites) {
      if (!known.has(p.awardCode)) issues.push(`${at}.prerequisites: unknown award ${p.awardCode}`);
    }
  }
  return issues;
}

/**
 * Validates raw catalog data (parsed JSON or YAML) and returns it as plain JSON data, ready to be
 * snapshotted into a CampaignOpened event. Throws CatalogInvalidError listing every issue.
 */
export function loadCatalog(raw: unknown): AwardCatalog {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new CatalogInvalidError(['catalog: must be an object']);
  }
  const dto = plainToInstance(AwardCatalogDto, raw);
  const fieldIssues = flatten(validateSync(dto, { whitelist: true, forbidNonWhitelisted: true }));
  if (fieldIssues.length > 0) throw new CatalogInvalidError(fieldIssues);
  // Back to plain data: the DTO instances must not leak into events.
  const catalog = JSON.parse(JSON.stringify(dto)) as AwardCatalog;
  const issues = crossFieldIssues(catalog);
  if (issues.length > 0) throw new CatalogInvalidError(issues);
  return catalog;
}
