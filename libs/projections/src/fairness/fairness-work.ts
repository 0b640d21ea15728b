import type { Choice, CouncilMember, NomineeRole, RecusalGround, CriterionScore } from '@vinhdanh/domain';
import type { Cite, Row } from '../core/projection';

/**
 * What the fairness checks need to know about one nomination, gathered from raw events only.
 * Claims made by summary events (NominationVoted, NominationEvaluated, PublicNoticeOpened) are
 * kept beside the raw facts so a check can compare the two.
 */
export type FairnessWork = Row & {
  nominationId: string;
  campaignId: string;
  awardCode: string;
  unitId: string;
  nomineeId: string;
  nomineeRole: NomineeRole | null;
  submittedBy: string;
  submitted: Cite;
  assigned: { evaluatorId: string; source: Cite }[];
  scored: { evaluatorId: string; scores: CriterionScore[]; source: Cite }[];
  evaluated: { passed: boolean; weightedTotal: number; source: Cite } | null;
  notice: { startDate: string; endDate: string; openedAt: string; opened: Cite; closedAt: string | null; closed: Cite | null } | null;
  objections: { objectionId: string; filed: Cite; resolved: Cite | null }[];
  recusals: { memberId: string; ground: RecusalGround; source: Cite }[];
  voting: {
    sessionId: string;
    councilId: string;
    ballot: 'secret' | 'open';
    claimedPresent: string[];
    /**
     * The council as its own events describe it when voting opened: who sat on it and for
     * which unit, which is all eligibility needs (names and roles stay in the council row).
     */
    councilMembers: Pick<CouncilMember, 'memberId' | 'unitId'>[];
    sessionPresent: string[] | null;
    session: Cite | null;
    council: Cite | null;
    opened: Cite;
  } | null;
  casts: { memberId: string; source: Cite }[];
  closed: { choices: Choice[]; openVotes: { memberId: string; choice: Choice }[] | null; source: Cite } | null;
  voted: { passed: boolean; thresholdDenominator: number; yesRequired: number; at: string; source: Cite } | null;
  quota: { passed: boolean; detail: string; awardCode: string; unitId: string; source: Cite } | null;
  decision: { outcome: 'approved' | 'rejected'; by: string; at: string; source: Cite } | null;
  publication: { at: string; source: Cite } | null;
  revoked: Cite | null;
  /** Events on this nomination whose actor is the nominee. */
  selfActions: Cite[];
};

export type CouncilDoc = Row & {
  councilId: string;
  members: CouncilMember[];
  sessions: Record<string, { present: string[]; source: Cite }>;
  source: Cite;
};

/** Slots held per unit and award in a campaign, recounted from QuotaSlotAllocated/Released. */
export type SlotsDoc = Row & {
  campaignId: string;
  counts: Record<string, Record<string, number>>;
};
