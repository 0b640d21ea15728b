import { DeciderSpecification } from '../testing/decider-specification';
import { ACTORS, CAMPAIGN_ID, COUNCIL_ID, SCHEDULE, campaignOpened, meta } from '../testing/fixtures';
import { DEFAULT_CATALOG_DATA, defaultCatalog } from '../catalog/default-catalog';
import type { AwardCatalog } from '../catalog/award-catalog';
import { campaignDecider } from './campaign-decider';
import type { CampaignCommand } from './campaign-commands';
import type { CampaignEvent, CampaignPhase } from './campaign-events';

const spec = DeciderSpecification(campaignDecider);
const NOW = '2026-01-05T02:00:00Z';

const open = (over: Partial<Extract<CampaignCommand, { type: 'OpenCampaign' }>['data']> = {}, actor = ACTORS.admin): CampaignCommand => ({
  type: 'OpenCampaign',
  data: { campaignId: CAMPAIGN_ID, name: 'Emulation 2026', year: 2026, councilId: COUNCIL_ID, catalog: defaultCatalog(), schedule: SCHEDULE, ...over },
  metadata: meta(actor, NOW),
});
const advance = (to: CampaignPhase, actor = ACTORS.admin): CampaignCommand => ({
  type: 'AdvanceCampaignPhase',
  data: { campaignId: CAMPAIGN_ID, to },
  metadata: meta(actor, NOW),
});
const advanced = (from: CampaignPhase, to: CampaignPhase): CampaignEvent => ({
  type: 'CampaignPhaseAdvanced',
  data: { campaignId: CAMPAIGN_ID, from, to, advancedBy: ACTORS.admin.id, advancedAt: NOW },
});
const allocate = (nominationId: string, awardCode: string, unitId = 'u-1', now = '2026-10-20T02:00:00Z'): CampaignCommand => ({
  type: 'AllocateQuotaSlot',
  data: { campaignId: CAMPAIGN_ID, nominationId, awardCode, unitId },
  metadata: meta(ACTORS.approver, now),
});
const allocated = (nominationId: string, awardCode: string, unitId = 'u-1'): CampaignEvent => ({
  type: 'QuotaSlotAllocated',
  data: { campaignId: CAMPAIGN_ID, nominationId, awardCode, unitId, allocatedBy: ACTORS.approver.id, allocatedAt: '2026-10-20T02:00:00Z' },
});
const toPublication: CampaignEvent[] = [
  advanced('pledging', 'nominating'),
  advanced('nominating', 'evaluating'),
  advanced('evaluating', 'public_notice'),
  advanced('public_notice', 'council'),
  advanced('council', 'decision'),
  advanced('decision', 'publication'),
];

describe('OpenCampaign', () => {
  it('snapshots the catalog and the schedule', () => {
    spec.given([]).when(open()).then([campaignOpened(defaultCatalog(), NOW)]);
  });
  it('keeps its snapshot when the catalog is edited afterwards', () => {
    const catalog: AwardCatalog = JSON.parse(JSON.stringify(DEFAULT_CATALOG_DATA));
    const [event] = spec.given([]).when(open({ catalog })).thenMatches(() => undefined);
    catalog.awardTypes[0].passMark = 1;
    catalog.version = 'edited';
    expect(event.type === 'CampaignOpened' && event.data.catalog.awardTypes[0].passMark).toBe(85);
    expect(event.type === 'CampaignOpened' && event.data.catalogVersion).toBe('vn-provincial-2026.1');
  });
  it('refuses a second opening', () => {
    spec.given([campaignOpened()]).when(open()).thenFails('ALREADY_EXISTS');
  });
  it('refuses anyone but an administrator', () => {
    spec.given([]).when(open({}, ACTORS.officer)).thenFails('FORBIDDEN_ROLE');
  });
  it('refuses a schedule out of order', () => {
    spec.given([]).when(open({ schedule: { ...SCHEDULE, nominationDeadline: '2026-01-01T00:00:00Z' } })).thenFails('INVALID_SCHEDULE');
    spec.given([]).when(open({ schedule: { ...SCHEDULE, noticeEnd: 'soon' } })).thenFails('INVALID_SCHEDULE');
  });
  it('refuses an invalid catalog', () => {
    const catalog = { ...defaultCatalog(), awardTypes: [] };
    spec.given([]).when(open({ catalog })).thenFails('INVALID_CATALOG');
  });
  it('refuses a campaign without a name or council', () => {
    spec.given([]).when(open({ name: ' ' })).thenFails('INVALID_COMMAND');
  });
});

describe('AdvanceCampaignPhase', () => {
  it('moves to the next phase', () => {
    spec.given([campaignOpened()]).when(advance('nominating')).then([advanced('pledging', 'nominating')]);
  });
  it('refuses skipping or going back', () => {
    spec.given([campaignOpened()]).when(advance('evaluating')).thenFails('PHASE_ORDER');
    spec.given([campaignOpened(), advanced('pledging', 'nominating')]).when(advance('pledging')).thenFails('PHASE_ORDER');
  });
  it('refuses a unit officer', () => {
    spec.given([campaignOpened()]).when(advance('nominating', ACTORS.officer)).thenFails('FORBIDDEN_ROLE');
  });
  it('refuses an unknown or closed campaign', () => {
    spec.given([]).when(advance('nominating')).thenFails('CAMPAIGN_NOT_FOUND');
    const closed: CampaignEvent = { type: 'CampaignClosed', data: { campaignId: CAMPAIGN_ID, closedBy: 'admin-1', closedAt: NOW } };
    spec.given([campaignOpened(), ...toPublication, closed]).when(advance('nominating')).thenFails('CAMPAIGN_CLOSED');
  });
});

describe('CloseCampaign', () => {
  const close = (actor = ACTORS.admin): CampaignCommand => ({ type: 'CloseCampaign', data: { campaignId: CAMPAIGN_ID }, metadata: meta(actor, NOW) });
  const closed: CampaignEvent = { type: 'CampaignClosed', data: { campaignId: CAMPAIGN_ID, closedBy: 'admin-1', closedAt: NOW } };
  it('closes from the publication phase', () => {
    spec.given([campaignOpened(), ...toPublication]).when(close()).then([closed]);
  });
  it('refuses closing early, twice, or by a non-administrator', () => {
    spec.given([campaignOpened()]).when(close()).thenFails('PHASE_ORDER');
    spec.given([campaignOpened(), ...toPublication, closed]).when(close()).thenFails('CAMPAIGN_CLOSED');
    spec.given([campaignOpened(), ...toPublication]).when(close(ACTORS.publisher)).thenFails('FORBIDDEN_ROLE');
    spec.given([]).when(close()).thenFails('CAMPAIGN_NOT_FOUND');
  });
});

describe('AllocateQuotaSlot', () => {
  const workers = (n: number) => Array.from({ length: n }, (_, i) => allocated(`aw-${i}`, 'advanced_worker'));
  it('allocates a slot for an award without quota', () => {
    spec.given([campaignOpened()]).when(allocate('n-1', 'advanced_worker')).then([allocated('n-1', 'advanced_worker')]);
  });
  it('allows 15% of the unit’s advanced workers to be grassroots fighters, rounded down', () => {
    // 7 advanced workers → floor(1.05) = 1 fighter
    spec.given([campaignOpened(), ...workers(7)]).when(allocate('f-1', 'grassroots_emulation_fighter')).then([allocated('f-1', 'grassroots_emulation_fighter')]);
  });
  it('refuses the fighter over the quota', () => {
    spec.given([campaignOpened(), ...workers(6)]).when(allocate('f-1', 'grassroots_emulation_fighter')).thenFails('QUOTA_EXCEEDED');
    spec
      .given([campaignOpened(), ...workers(13), allocated('f-1', 'grassroots_emulation_fighter')])
      .when(allocate('f-2', 'grassroots_emulation_fighter'))
      .thenFails('QUOTA_EXCEEDED');
  });
  it('counts only the same unit', () => {
    const elsewhere = Array.from({ length: 20 }, (_, i) => allocated(`x-${i}`, 'advanced_worker', 'u-2'));
    spec.given([campaignOpened(), ...elsewhere]).when(allocate('f-1', 'grassroots_emulation_fighter')).thenFails('QUOTA_EXCEEDED');
  });
  it('frees the slot of a released approval', () => {
    const released: CampaignEvent = {
      type: 'QuotaSlotReleased',
      data: { campaignId: CAMPAIGN_ID, nominationId: 'f-1', awardCode: 'grassroots_emulation_fighter', unitId: 'u-1', reason: 'withdrawn', releasedBy: 'chair-1', releasedAt: NOW },
    };
    spec
      .given([campaignOpened(), ...workers(7), allocated('f-1', 'grassroots_emulation_fighter'), released])
      .when(allocate('f-2', 'grassroots_emulation_fighter'))
      .then([allocated('f-2', 'grassroots_emulation_fighter')]);
  });
  it('is idempotent for a retry, and refuses a different award for the same nomination', () => {
    spec.given([campaignOpened(), allocated('n-1', 'advanced_worker')]).when(allocate('n-1', 'advanced_worker')).then([]);
    spec.given([campaignOpened(), allocated('n-1', 'advanced_worker')]).when(allocate('n-1', 'chair_certificate_of_merit')).thenFails('QUOTA_SLOT_HELD');
  });
  it('refuses anyone but the approver role, after the decision deadline, on a closed or unknown campaign, for an unknown award', () => {
    spec.given([campaignOpened()]).when({ ...allocate('n-1', 'advanced_worker'), metadata: meta(ACTORS.publisher, NOW) }).thenFails('FORBIDDEN_ROLE');
    spec.given([campaignOpened()]).when(allocate('n-1', 'advanced_worker', 'u-1', '2026-11-01T00:00:00Z')).thenFails('DEADLINE_PASSED');
    spec.given([]).when(allocate('n-1', 'advanced_worker')).thenFails('CAMPAIGN_NOT_FOUND');
    spec.given([campaignOpened()]).when(allocate('n-1', 'golden_star')).thenFails('UNKNOWN_AWARD_TYPE');
    const closed: CampaignEvent = { type: 'CampaignClosed', data: { campaignId: CAMPAIGN_ID, closedBy: 'admin-1', closedAt: NOW } };
    spec.given([campaignOpened(), ...toPublication, closed]).when(allocate('n-1', 'advanced_worker')).thenFails('CAMPAIGN_CLOSED');
  });
});

describe('ReleaseQuotaSlot', () => {
  const release = (nominationId: string, reason = 'approval refused', actor = ACTORS.approver): CampaignCommand => ({
    type: 'ReleaseQuotaSlot',
    data: { campaignId: CAMPAIGN_ID, nominationId, reason },
    metadata: meta(actor, NOW),
  });
  it('releases a held slot', () => {
    spec.given([campaignOpened(), allocated('n-1', 'advanced_worker')]).when(release('n-1')).then([
      {
        type: 'QuotaSlotReleased',
        data: { campaignId: CAMPAIGN_ID, nominationId: 'n-1', awardCode: 'advanced_worker', unitId: 'u-1', reason: 'approval refused', releasedBy: 'chair-1', releasedAt: NOW },
      },
    ]);
  });
  it('refuses a slot not held, an empty reason, or an unauthorised actor', () => {
    spec.given([campaignOpened()]).when(release('n-1')).thenFails('QUOTA_SLOT_NOT_FOUND');
    spec.given([campaignOpened(), allocated('n-1', 'advanced_worker')]).when(release('n-1', '')).thenFails('INVALID_COMMAND');
    spec.given([campaignOpened(), allocated('n-1', 'advanced_worker')]).when(release('n-1', 'x', ACTORS.officer)).thenFails('FORBIDDEN_ROLE');
    spec.given([]).when(release('n-1')).thenFails('CAMPAIGN_NOT_FOUND');
  });
});

describe('MarkCampaignDeadlineMissed', () => {
  const mark = (now: string): CampaignCommand => ({
    type: 'MarkCampaignDeadlineMissed',
    data: { campaignId: CAMPAIGN_ID, deadline: 'pledge' },
    metadata: meta({ id: 'job:deadlines', roles: [] }, now),
  });
  const missed: CampaignEvent = {
    type: 'CampaignDeadlineMissed',
    data: { campaignId: CAMPAIGN_ID, deadline: 'pledge', dueAt: SCHEDULE.pledgeDeadline, phase: 'pledging', recordedAt: '2026-04-01T00:00:00Z' },
  };
  it('records a passed deadline while the campaign is still in that phase', () => {
    spec.given([campaignOpened()]).when(mark('2026-04-01T00:00:00Z')).then([missed]);
  });
  it('refuses before the deadline, twice, or when the phase was left in time', () => {
    spec.given([campaignOpened()]).when(mark(SCHEDULE.pledgeDeadline)).thenFails('DEADLINE_NOT_PASSED');
    spec.given([campaignOpened(), missed]).when(mark('2026-04-02T00:00:00Z')).thenFails('ALREADY_MARKED');
    spec.given([campaignOpened(), advanced('pledging', 'nominating')]).when(mark('2026-04-01T00:00:00Z')).thenFails('NOTHING_OUTSTANDING');
    spec.given([]).when(mark('2026-04-01T00:00:00Z')).thenFails('CAMPAIGN_NOT_FOUND');
  });
});
