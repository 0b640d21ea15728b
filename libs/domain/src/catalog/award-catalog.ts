/**
 * The award catalog as plain JSON data. Every number here is a default a user can change
 * (see libs/domain/README.md); a campaign copies the whole catalog into its CampaignOpened
 * event so that a later catalog edit never rewrites an open or past campaign.
 *
 * These are `type` aliases (not interfaces) so that they are assignable to the event store's
 * JsonValue.
 */

export type RecipientKind = 'individual' | 'collective';
export type AwardLevel = 'grassroots' | 'provincial' | 'ministerial' | 'national';
export type BallotKind = 'secret' | 'open';
/**
 * What a vote threshold is measured against. 'all_members': every council member who is not
 * recused for the nomination; 'members_present': the non-recused members present in the session.
 */
export type ThresholdBase = 'all_members' | 'members_present';

/** An exact fraction, so that 2/3 stays 2/3 (no 0.6667 rounding at the edges). */
export type Share = { parts: number; of: number };

export type Criterion = {
  code: string;
  nameVi: string;
  nameEn: string;
  /** Relative weight; weights need not sum to anything in particular. */
  weight: number;
  maxScore: number;
  /** The mean score under which this criterion fails, whatever the weighted total. */
  minScore: number;
};

/**
 * At most `maxShare` of the unit's holders of `prerequisiteAwardCode` approved in the same
 * campaign may receive this award (e.g. grassroots emulation fighter ≤ 15% of advanced workers).
 */
export type QuotaRule = {
  kind: 'share_of_unit_holders';
  prerequisiteAwardCode: string;
  maxShare: Share;
  rounding: 'floor' | 'round' | 'ceil';
};

/** The nominee must have held `awardCode` in each of the `years` years before the campaign year. */
export type PrerequisiteRule = {
  awardCode: string;
  years: number;
};

export type AwardType = {
  code: string;
  nameVi: string;
  nameEn: string;
  recipientKind: RecipientKind;
  level: AwardLevel;
  /** Whether a unit must pledge (đăng ký thi đua) before it may nominate for this award. */
  requiresPledge: boolean;
  criteria: Criterion[];
  /** Pass mark of the weighted total, on a 0–100 scale. */
  passMark: number;
  evaluatorsRequired: number;
  noticeWorkingDays: number;
  /** Share of the non-recused members who must be present for a valid vote. */
  quorum: Share;
  threshold: Share;
  thresholdBase: ThresholdBase;
  ballot: BallotKind;
  /** The role that signs the award decision. */
  approverRole: string;
  quotas: QuotaRule[];
  prerequisites: PrerequisiteRule[];
};

export type WorkingCalendar = {
  /** ISO dates (YYYY-MM-DD) that are public holidays, including compensatory days off. */
  holidays: string[];
  /** ISO dates of weekend days that are worked (make-up working days). */
  workingWeekends: string[];
  /** Offset of the local time zone from UTC, in minutes (Viet Nam: 420). */
  utcOffsetMinutes: number;
};

export type AwardCatalog = {
  version: string;
  calendar: WorkingCalendar;
  awardTypes: AwardType[];
};

export function findAwardType(catalog: AwardCatalog, code: string): AwardType | undefined {
  return catalog.awardTypes.find((t) => t.code === code);
}
