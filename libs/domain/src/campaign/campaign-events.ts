import type { AwardCatalog } from '../catalog/award-catalog';

/** The phases of a campaign, in the only order they may follow. */
export const CAMPAIGN_PHASES = [
  'pledging',
  'nominating',
  'evaluating',
  'public_notice',
  'council',
  'decision',
  'publication',
] as const;
export type CampaignPhase = (typeof CAMPAIGN_PHASES)[number];

/** All ISO-8601 instants. Each step of a nomination is refused after its deadline. */
export type CampaignSchedule = {
  pledgeDeadline: string;
  nominationDeadline: string;
  evaluationDeadline: string;
  /** The window in which public notices may be opened and must close. */
  noticeStart: string;
  noticeEnd: string;
  /** When the council is planned to sit. */
  councilSessionAt: string;
  /** Votes and approvals/rejections must happen by then. */
  decisionDeadline: string;
  publicationDeadline: string;
};

/** The deadlines a job may record as missed. */
export const DEADLINE_KINDS = ['pledge', 'nomination', 'evaluation', 'notice', 'decision', 'publication'] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

export type CampaignOpened = {
  type: 'CampaignOpened';
  data: {
    campaignId: string;
    name: string;
    year: number;
    /** The council that votes on this campaign's nominations. */
    councilId: string;
    catalogVersion: string;
    /** A full copy: later catalog edits never reach this campaign. */
    catalog: AwardCatalog;
    schedule: CampaignSchedule;
    openedBy: string;
    openedAt: string;
  };
};

export type CampaignPhaseAdvanced = {
  type: 'CampaignPhaseAdvanced';
  data: { campaignId: string; from: CampaignPhase; to: CampaignPhase; advancedBy: string; advancedAt: string };
};

export type CampaignClosed = {
  type: 'CampaignClosed';
  data: { campaignId: string; closedBy: string; closedAt: string };
};

/**
 * One approval holds one slot in its campaign, whatever the award type; the counts of slots
 * per (award, unit) are what quota rules are checked against. See campaign-decide.ts for why
 * the slot lives on the campaign stream.
 */
export type QuotaSlotAllocated = {
  type: 'QuotaSlotAllocated';
  data: {
    campaignId: string;
    nominationId: string;
    awardCode: string;
    unitId: string;
    allocatedBy: string;
    allocatedAt: string;
  };
};

export type QuotaSlotReleased = {
  type: 'QuotaSlotReleased';
  data: {
    campaignId: string;
    nominationId: string;
    awardCode: string;
    unitId: string;
    reason: string;
    releasedBy: string;
    releasedAt: string;
  };
};

/** A campaign-level deadline passed while the campaign was still in that phase or before it. */
export type CampaignDeadlineMissed = {
  type: 'CampaignDeadlineMissed';
  data: {
    campaignId: string;
    deadline: DeadlineKind;
    dueAt: string;
    phase: CampaignPhase;
    recordedAt: string;
  };
};

export type CampaignEvent =
  | CampaignOpened
  | CampaignPhaseAdvanced
  | CampaignClosed
  | QuotaSlotAllocated
  | QuotaSlotReleased
  | CampaignDeadlineMissed;

export const CAMPAIGN_EVENT_TYPES = [
  'CampaignOpened',
  'CampaignPhaseAdvanced',
  'CampaignClosed',
  'QuotaSlotAllocated',
  'QuotaSlotReleased',
  'CampaignDeadlineMissed',
] as const satisfies readonly CampaignEvent['type'][];

export type QuotaSlot = { nominationId: string; awardCode: string; unitId: string };

export type CampaignState =
  | { status: 'none' }
  | {
      status: 'open' | 'closed';
      campaignId: string;
      name: string;
      year: number;
      councilId: string;
      catalog: AwardCatalog;
      schedule: CampaignSchedule;
      phase: CampaignPhase;
      /** Held slots by nomination id: one per approval not released. */
      slots: Record<string, QuotaSlot>;
      missedDeadlines: DeadlineKind[];
    };

export const initialCampaignState: CampaignState = { status: 'none' };

export function evolveCampaign(state: CampaignState, event: CampaignEvent): CampaignState {
  switch (event.type) {
    case 'CampaignOpened': {
      const d = event.data;
      return {
        status: 'open',
        campaignId: d.campaignId,
        name: d.name,
        year: d.year,
        councilId: d.councilId,
        catalog: d.catalog,
        schedule: d.schedule,
        phase: CAMPAIGN_PHASES[0],
        slots: {},
        missedDeadlines: [],
      };
    }
    case 'CampaignPhaseAdvanced':
      return state.status === 'none' ? state : { ...state, phase: event.data.to };
    case 'CampaignClosed':
      return state.status === 'none' ? state : { ...state, status: 'closed' };
    case 'QuotaSlotAllocated': {
      if (state.status === 'none') return state;
      const { nominationId, awardCode, unitId } = event.data;
      return { ...state, slots: { ...state.slots, [nominationId]: { nominationId, awardCode, unitId } } };
    }
    case 'QuotaSlotReleased': {
      if (state.status === 'none') return state;
      const { [event.data.nominationId]: _released, ...slots } = state.slots;
      return { ...state, slots };
    }
    case 'CampaignDeadlineMissed':
      return state.status === 'none' ? state : { ...state, missedDeadlines: [...state.missedDeadlines, event.data.deadline] };
    default: {
      const _exhaustive: never = event;
      return state;
    }
  }
}
