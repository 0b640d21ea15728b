import type { AwardCatalog, AwardType, Criterion } from './award-catalog';
import { loadCatalog } from './load-catalog';

/**
 * The default catalog, modelled on provincial practice. EVERY number here is a default that a
 * user can change: copy this data to a JSON or YAML file, edit it, give it a new `version`, and
 * load it with loadCatalog (see libs/domain/README.md). Open and past campaigns keep the copy
 * they were opened with.
 *
 * The holiday list covers 2025–2026 as announced at the time of writing; check it against each
 * year's official announcement (Tết and compensatory days move every year).
 */

const individualCriteria: Criterion[] = [
  { code: 'task_completion', nameVi: 'Hoàn thành nhiệm vụ', nameEn: 'Task completion', weight: 50, maxScore: 100, minScore: 60 },
  { code: 'initiative', nameVi: 'Sáng kiến, giải pháp', nameEn: 'Initiatives and solutions', weight: 30, maxScore: 100, minScore: 50 },
  { code: 'ethics_discipline', nameVi: 'Phẩm chất, đạo đức, kỷ luật', nameEn: 'Ethics and discipline', weight: 20, maxScore: 100, minScore: 70 },
];

const collectiveCriteria: Criterion[] = [
  { code: 'task_completion', nameVi: 'Hoàn thành nhiệm vụ', nameEn: 'Task completion', weight: 50, maxScore: 100, minScore: 60 },
  { code: 'emulation_movement', nameVi: 'Phong trào thi đua', nameEn: 'Emulation movement', weight: 30, maxScore: 100, minScore: 50 },
  { code: 'solidarity_discipline', nameVi: 'Đoàn kết nội bộ, kỷ luật', nameEn: 'Internal solidarity and discipline', weight: 20, maxScore: 100, minScore: 70 },
];

const twoThirds = { parts: 2, of: 3 };
const half = { parts: 1, of: 2 };

const awardTypes: AwardType[] = [
  {
    code: 'provincial_emulation_flag',
    nameVi: 'Cờ thi đua của Ủy ban nhân dân tỉnh',
    nameEn: 'Provincial emulation flag',
    recipientKind: 'collective',
    level: 'provincial',
    requiresPledge: true,
    criteria: collectiveCriteria,
    passMark: 85,
    evaluatorsRequired: 3,
    noticeWorkingDays: 5,
    quorum: twoThirds,
    threshold: { parts: 80, of: 100 },
    thresholdBase: 'all_members',
    ballot: 'secret',
    approverRole: 'approver',
    quotas: [],
    prerequisites: [],
  },
  {
    code: 'chair_certificate_of_merit',
    nameVi: 'Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh',
    nameEn: 'Certificate of merit of the provincial chair',
    recipientKind: 'individual',
    level: 'provincial',
    requiresPledge: false,
    criteria: individualCriteria,
    passMark: 80,
    evaluatorsRequired: 2,
    noticeWorkingDays: 5,
    quorum: twoThirds,
    threshold: { parts: 70, of: 100 },
    thresholdBase: 'members_present',
    ballot: 'secret',
    approverRole: 'approver',
    quotas: [],
    prerequisites: [],
  },
  {
    code: 'provincial_emulation_fighter',
    nameVi: 'Chiến sĩ thi đua cấp tỉnh',
    nameEn: 'Provincial emulation fighter',
    recipientKind: 'individual',
    level: 'provincial',
    requiresPledge: true,
    criteria: individualCriteria,
    passMark: 85,
    evaluatorsRequired: 3,
    noticeWorkingDays: 5,
    quorum: twoThirds,
    threshold: { parts: 90, of: 100 },
    thresholdBase: 'all_members',
    ballot: 'secret',
    approverRole: 'approver',
    quotas: [],
    prerequisites: [{ awardCode: 'grassroots_emulation_fighter', years: 3 }],
  },
  {
    code: 'grassroots_emulation_fighter',
    nameVi: 'Chiến sĩ thi đua cơ sở',
    nameEn: 'Grassroots emulation fighter',
    recipientKind: 'individual',
    level: 'grassroots',
    requiresPledge: true,
    criteria: individualCriteria,
    passMark: 80,
    evaluatorsRequired: 2,
    noticeWorkingDays: 3,
    quorum: twoThirds,
    threshold: { parts: 70, of: 100 },
    thresholdBase: 'members_present',
    ballot: 'secret',
    approverRole: 'approver',
    quotas: [
      {
        kind: 'share_of_unit_holders',
        prerequisiteAwardCode: 'advanced_worker',
        maxShare: { parts: 15, of: 100 },
        rounding: 'floor',
      },
    ],
    prerequisites: [],
  },
  {
    code: 'excellent_labour_collective',
    nameVi: 'Tập thể lao động xuất sắc',
    nameEn: 'Excellent labour collective',
    recipientKind: 'collective',
    level: 'provincial',
    requiresPledge: true,
    criteria: collectiveCriteria,
    passMark: 80,
    evaluatorsRequired: 2,
    noticeWorkingDays: 5,
    quorum: twoThirds,
    threshold: { parts: 70, of: 100 },
    thresholdBase: 'members_present',
    ballot: 'open',
    approverRole: 'approver',
    quotas: [],
    prerequisites: [],
  },
  {
    code: 'advanced_worker',
    nameVi: 'Lao động tiên tiến',
    nameEn: 'Advanced worker',
    recipientKind: 'individual',
    level: 'grassroots',
    requiresPledge: false,
    criteria: individualCriteria,
    passMark: 60,
    evaluatorsRequired: 1,
    noticeWorkingDays: 3,
    quorum: half,
    threshold: { parts: 70, of: 100 },
    thresholdBase: 'members_present',
    ballot: 'open',
    approverRole: 'approver',
    quotas: [],
    prerequisites: [],
  },
];

/** The raw data, as a user would write it in a file. */
export const DEFAULT_CATALOG_DATA: AwardCatalog = {
  version: 'vn-provincial-2026.1',
  calendar: {
    holidays: [
      '2025-01-01',
      '2025-01-27', '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31',
      '2025-04-07', '2025-04-30', '2025-05-01', '2025-05-02',
      '2025-09-01', '2025-09-02',
      '2026-01-01', '2026-01-02',
      '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20',
      '2026-04-27', '2026-04-30', '2026-05-01',
      '2026-09-01', '2026-09-02',
    ],
    workingWeekends: [],
    utcOffsetMinutes: 420,
  },
  awardTypes,
};

/** The default catalog, validated exactly as a user's catalog would be. */
export function defaultCatalog(): AwardCatalog {
  return loadCatalog(DEFAULT_CATALOG_DATA);
}
