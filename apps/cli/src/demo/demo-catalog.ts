import { DEFAULT_CATALOG_DATA, loadCatalog, type AwardCatalog } from '@vinhdanh/domain';

/**
 * The provincial default catalog with two changes a demo needs, and nothing else:
 *  - public notices last 0 working days, so a notice opened late one (demo) evening is over at
 *    midnight and the deadline job closes it within seconds instead of a week;
 *  - the provincial emulation fighter drops its "grassroots fighter in each of the 3 years
 *    before" prerequisite: a fresh demo log holds no earlier years to satisfy it.
 * Thresholds, quorums, evaluators, criteria and pass marks are the default ones.
 */
export function demoCatalog(): AwardCatalog {
  return loadCatalog({
    ...DEFAULT_CATALOG_DATA,
    version: `${DEFAULT_CATALOG_DATA.version}-demo`,
    awardTypes: DEFAULT_CATALOG_DATA.awardTypes.map((award) => ({
      ...award,
      noticeWorkingDays: 0,
      prerequisites: award.code === 'provincial_emulation_fighter' ? [] : award.prerequisites,
    })),
  });
}
