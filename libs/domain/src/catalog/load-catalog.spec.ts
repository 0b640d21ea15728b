import { CatalogInvalidError, loadCatalog } from './load-catalog';
import { DEFAULT_CATALOG_DATA, defaultCatalog } from './default-catalog';
import type { AwardCatalog } from './award-catalog';

const copy = (): AwardCatalog => JSON.parse(JSON.stringify(DEFAULT_CATALOG_DATA));

function issuesOf(raw: unknown): string[] {
  try {
    loadCatalog(raw);
  } catch (e) {
    if (e instanceof CatalogInvalidError) return e.issues;
    throw e;
  }
  throw new Error('expected the catalog to be refused');
}

describe('award catalog loading', () => {
  it('accepts the default catalog and returns plain JSON data, not DTO instances', () => {
    const catalog = defaultCatalog();
    expect(catalog.awardTypes.map((t) => t.code)).toEqual([
      'provincial_emulation_flag',
      'chair_certificate_of_merit',
      'provincial_emulation_fighter',
      'grassroots_emulation_fighter',
      'excellent_labour_collective',
      'advanced_worker',
    ]);
    expect(Object.getPrototypeOf(catalog)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(catalog.awardTypes[0])).toBe(Object.prototype);
    expect(JSON.parse(JSON.stringify(catalog))).toEqual(catalog);
  });

  it('ships the provincial defaults the issue names', () => {
    const byCode = Object.fromEntries(defaultCatalog().awardTypes.map((t) => [t.code, t]));
    expect(byCode.provincial_emulation_fighter).toMatchObject({ ballot: 'secret', threshold: { parts: 90, of: 100 }, thresholdBase: 'all_members' });
    expect(byCode.grassroots_emulation_fighter.quotas).toEqual([
      { kind: 'share_of_unit_holders', prerequisiteAwardCode: 'advanced_worker', maxShare: { parts: 15, of: 100 }, rounding: 'floor' },
    ]);
    expect(byCode.advanced_worker).toMatchObject({ threshold: { parts: 70, of: 100 }, thresholdBase: 'members_present' });
  });

  it('names the field of a missing or wrong value', () => {
    const raw = copy() as unknown as { awardTypes: Record<string, unknown>[] };
    delete raw.awardTypes[0].passMark;
    raw.awardTypes[1].ballot = 'show_of_hands';
    const issues = issuesOf(raw);
    expect(issues.some((i) => i.startsWith('awardTypes.0.passMark'))).toBe(true);
    expect(issues.some((i) => i.startsWith('awardTypes.1.ballot'))).toBe(true);
  });

  it('refuses unknown fields so a typo is not silently ignored', () => {
    const raw = copy() as unknown as { awardTypes: Record<string, unknown>[] };
    raw.awardTypes[0].pasMark = 10;
    expect(issuesOf(raw).join('\n')).toContain('pasMark');
  });

  it('refuses cross-field mistakes: duplicate codes, quota on an unknown award, share above 1, minScore above maxScore', () => {
    const raw = copy();
    raw.awardTypes[1].code = raw.awardTypes[0].code;
    raw.awardTypes[3].quotas[0].prerequisiteAwardCode = 'no_such_award';
    raw.awardTypes[4].threshold = { parts: 3, of: 2 };
    raw.awardTypes[5].criteria[0].minScore = 1000;
    const issues = issuesOf(raw).join('\n');
    expect(issues).toContain('award codes must be unique');
    expect(issues).toContain('unknown award no_such_award');
    expect(issues).toContain('threshold: share must be at most 1');
    expect(issues).toContain('minScore must not exceed maxScore');
  });

  it('refuses bad holiday dates and non-objects', () => {
    const raw = copy();
    raw.calendar.holidays.push('2026-13-45x');
    expect(issuesOf(raw).join('\n')).toContain('calendar.holidays');
    expect(issuesOf(null)).toEqual(['catalog: must be an object']);
    expect(issuesOf([])).toEqual(['catalog: must be an object']);
  });
});
