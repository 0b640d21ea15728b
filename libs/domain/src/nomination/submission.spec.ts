import { DeciderSpecification } from '../testing/decider-specification';
import {
  ACTORS,
  AT,
  CAMPAIGN_ID,
  NOMINATION_ID,
  NOMINEE_UNIT,
  SCHEDULE,
  SHA,
  campaignOpened,
  campaignState,
  happyPath,
  history,
  meta,
  type Who,
} from '../testing/fixtures';
import type { CampaignEvent } from '../campaign/campaign-events';
import { nominationDecider } from './nomination-decider';
import type { NominationCommand, SubmitNomination } from './nomination-commands';
import type { NominationContext } from './nomination-context';
import type { NominationEvent } from './nomination-events';

const spec = DeciderSpecification(nominationDecider);
const ctx: NominationContext = { campaign: campaignState() };
const n = { nominationId: NOMINATION_ID };
const evidence = [{ name: 'report.pdf', sha256: SHA(1), mediaType: 'application/pdf' }];

const submit = (over: Partial<SubmitNomination['data']> = {}, actor: Who = ACTORS.officer, now = AT.nominating): NominationCommand => ({
  type: 'SubmitNomination',
  data: {
    ...n,
    campaignId: CAMPAIGN_ID,
    awardCode: 'chair_certificate_of_merit',
    nomineeId: 'p-1',
    nomineeName: 'Nguyễn Văn A',
    nomineeUnitId: NOMINEE_UNIT,
    nomineeRole: 'direct_worker',
    achievements: ['Led the vaccination drive'],
    evidence,
    ...over,
  },
  metadata: meta(actor, now),
});
const submitted = (over: Partial<Extract<NominationEvent, { type: 'NominationSubmitted' }>['data']> = {}): NominationEvent => ({
  type: 'NominationSubmitted',
  data: {
    ...n,
    campaignId: CAMPAIGN_ID,
    awardCode: 'chair_certificate_of_merit',
    recipientKind: 'individual',
    nomineeId: 'p-1',
    nomineeName: 'Nguyễn Văn A',
    nomineeUnitId: NOMINEE_UNIT,
    nomineeRole: 'direct_worker',
    achievements: ['Led the vaccination drive'],
    evidence,
    submittedBy: 'officer-1',
    submitterUnitId: NOMINEE_UNIT,
    submittedAt: AT.nominating,
    ...over,
  },
});
const pledge = (actor: Who = ACTORS.officer, now = AT.pledging, awardCode = 'grassroots_emulation_fighter'): NominationCommand => ({
  type: 'PledgeNomination',
  data: { ...n, campaignId: CAMPAIGN_ID, awardCode, unitId: NOMINEE_UNIT, nomineeId: 'p-1', nomineeName: 'Nguyễn Văn A', targets: ['Excellent'] },
  metadata: meta(actor, now),
});
const pledged: NominationEvent = {
  type: 'NominationPledged',
  data: {
    ...n,
    campaignId: CAMPAIGN_ID,
    awardCode: 'grassroots_emulation_fighter',
    unitId: NOMINEE_UNIT,
    nomineeId: 'p-1',
    nomineeName: 'Nguyễn Văn A',
    targets: ['Excellent'],
    pledgedBy: 'officer-1',
    pledgedAt: AT.pledging,
  },
};

describe('PledgeNomination', () => {
  it('records the pledge of the unit', () => {
    spec.given([]).when(pledge(), ctx).then([pledged]);
  });
  it('refuses an officer of another unit, and anyone not a unit officer', () => {
    spec.given([]).when(pledge(ACTORS.otherOfficer), ctx).thenFails('NOT_OWN_UNIT');
    spec.given([]).when(pledge(ACTORS.secretary), ctx).thenFails('FORBIDDEN_ROLE');
  });
  it('refuses after the pledge deadline (the command carries the time)', () => {
    spec.given([]).when(pledge(ACTORS.officer, '2026-04-01T00:00:00Z'), ctx).thenFails('DEADLINE_PASSED');
  });
  it('accepts exactly at the deadline', () => {
    spec.given([]).when(pledge(ACTORS.officer, SCHEDULE.pledgeDeadline), ctx).thenMatches((events) => expect(events).toHaveLength(1));
  });
  it('refuses a pledge twice, an unknown award, another campaign, a closed campaign, no targets', () => {
    spec.given([pledged]).when(pledge(), ctx).thenFails('ALREADY_EXISTS');
    spec.given([]).when(pledge(ACTORS.officer, AT.pledging, 'golden_star'), ctx).thenFails('UNKNOWN_AWARD_TYPE');
    spec.given([]).when({ ...pledge(), data: { ...pledge().data, campaignId: 'c-1999' } } as NominationCommand, ctx).thenFails('CAMPAIGN_MISMATCH');
    spec.given([]).when(pledge(), { campaign: campaignState(campaignOpened(), closedEvent) }).thenFails('CAMPAIGN_CLOSED');
    spec.given([]).when({ ...pledge(), data: { ...pledge().data, targets: [] } } as NominationCommand, ctx).thenFails('INVALID_COMMAND');
    spec.given([]).when(pledge(), { campaign: { status: 'none' } }).thenFails('CAMPAIGN_NOT_FOUND');
  });
});

const closedEvent: CampaignEvent = { type: 'CampaignClosed', data: { campaignId: CAMPAIGN_ID, closedBy: 'admin-1', closedAt: AT.publication } };

describe('SubmitNomination', () => {
  it('records a self-describing dossier: nominee, unit, role, kind, submitter, evidence hashes', () => {
    spec.given([]).when(submit(), ctx).then([submitted()]);
  });
  it('lets a pledged nomination be submitted', () => {
    const cmd = submit({ awardCode: 'grassroots_emulation_fighter' });
    spec.given([pledged]).when(cmd, ctx).then([submitted({ awardCode: 'grassroots_emulation_fighter' })]);
  });
  it('refuses an award that needs a pledge without one', () => {
    spec.given([]).when(submit({ awardCode: 'grassroots_emulation_fighter' }), ctx).thenFails('PLEDGE_REQUIRED');
  });
  it('refuses a submission that differs from the pledge', () => {
    spec.given([pledged]).when(submit({ awardCode: 'grassroots_emulation_fighter', nomineeId: 'p-2' }), ctx).thenFails('INVALID_COMMAND');
  });
  it('only an officer of the nominee’s own unit submits', () => {
    spec.given([]).when(submit({}, ACTORS.otherOfficer), ctx).thenFails('NOT_OWN_UNIT');
    spec.given([]).when(submit({}, { id: 'x', roles: ['unit_officer'] }), ctx).thenFails('NOT_OWN_UNIT');
    spec.given([]).when(submit({}, { ...ACTORS.admin, unit: NOMINEE_UNIT }), ctx).thenFails('FORBIDDEN_ROLE');
  });
  it('refuses after the nomination deadline', () => {
    spec.given([]).when(submit({}, ACTORS.officer, '2026-07-01T00:00:00Z'), ctx).thenFails('DEADLINE_PASSED');
  });
  it('refuses a dossier without evidence, with a malformed hash, the same document twice, or no achievements', () => {
    spec.given([]).when(submit({ evidence: [] }), ctx).thenFails('EVIDENCE_REQUIRED');
    spec.given([]).when(submit({ evidence: [{ ...evidence[0], sha256: 'ABC' }] }), ctx).thenFails('INVALID_COMMAND');
    spec.given([]).when(submit({ evidence: [evidence[0], evidence[0]] }), ctx).thenFails('INVALID_COMMAND');
    spec.given([]).when(submit({ achievements: [] }), ctx).thenFails('INVALID_COMMAND');
  });
  it('requires a role for individuals and none for collectives', () => {
    spec.given([]).when(submit({ nomineeRole: undefined }), ctx).thenFails('RECIPIENT_KIND_MISMATCH');
    const collectivePledge = history(happyPath('excellent_labour_collective', NOMINATION_ID, { id: NOMINEE_UNIT, name: 'Health Department', unitId: NOMINEE_UNIT }).pledge, ctx);
    const collective = (role?: 'manager') =>
      submit({ awardCode: 'excellent_labour_collective', nomineeId: NOMINEE_UNIT, nomineeName: 'Health Department', nomineeRole: role });
    spec.given(collectivePledge).when(collective('manager'), ctx).thenFails('RECIPIENT_KIND_MISMATCH');
    spec.given(collectivePledge).when(collective(), ctx).thenMatches(([e]) => {
      expect(e.type === 'NominationSubmitted' && e.data).toMatchObject({ recipientKind: 'collective', nomineeRole: null });
    });
  });
  it('checks prerequisites against the nominee’s earlier titles', () => {
    const path = happyPath('provincial_emulation_fighter');
    const pledgedFighter = history(path.pledge, ctx);
    const history3 = [2023, 2024, 2025].map((year) => ({ awardCode: 'grassroots_emulation_fighter', year }));
    spec.given(pledgedFighter).when(path.submit[0], { ...ctx, nomineeHistory: history3 }).thenMatches((events) => expect(events[0].type).toBe('NominationSubmitted'));
    const gap = [2023, 2025].map((year) => ({ awardCode: 'grassroots_emulation_fighter', year }));
    const refusal = spec.given(pledgedFighter).when(path.submit[0], { ...ctx, nomineeHistory: gap }).thenFails('PREREQUISITE_NOT_MET');
    expect(refusal.details).toMatchObject({ missingYear: 2024 });
    spec.given(pledgedFighter).when(path.submit[0], ctx).thenFails('PREREQUISITE_NOT_MET');
  });
  it('refuses a second submission', () => {
    spec.given([submitted()]).when(submit(), ctx).thenFails('ALREADY_EXISTS');
  });
});

const returnCmd = (over: { reason?: string; resubmitBy?: string } = {}, actor: Who = ACTORS.eval1, now = AT.evaluating): NominationCommand => ({
  type: 'ReturnNomination',
  data: { ...n, reason: 'Missing the 2025 report', resubmitBy: '2026-07-20T16:59:59Z', ...over },
  metadata: meta(actor, now),
});
const returned: NominationEvent = {
  type: 'NominationReturned',
  data: { ...n, reason: 'Missing the 2025 report', resubmitBy: '2026-07-20T16:59:59Z', returnedBy: 'eval-1', returnedAt: AT.evaluating },
};

describe('ReturnNomination', () => {
  it('returns a dossier for revision with a reason and a resubmission deadline', () => {
    spec.given([submitted()]).when(returnCmd(), ctx).then([returned]);
  });
  it('refuses no reason, a resubmission deadline in the past or after the evaluation deadline', () => {
    spec.given([submitted()]).when(returnCmd({ reason: '' }), ctx).thenFails('INVALID_COMMAND');
    spec.given([submitted()]).when(returnCmd({ resubmitBy: '2026-07-01T00:00:00Z' }), ctx).thenFails('INVALID_COMMAND');
    spec.given([submitted()]).when(returnCmd({ resubmitBy: '2026-09-15T00:00:00Z' }), ctx).thenFails('INVALID_COMMAND');
  });
  it('refuses a unit officer, a dossier not submitted, after the evaluation deadline', () => {
    spec.given([submitted()]).when(returnCmd({}, ACTORS.officer), ctx).thenFails('FORBIDDEN_ROLE');
    spec.given([]).when(returnCmd(), ctx).thenFails('NOMINATION_NOT_FOUND');
    spec.given([submitted(), returned]).when(returnCmd(), ctx).thenFails('OUT_OF_ORDER');
    spec.given([submitted()]).when(returnCmd({}, ACTORS.eval1, '2026-09-01T00:00:00Z'), ctx).thenFails('DEADLINE_PASSED');
  });
});

describe('ResubmitNomination', () => {
  const resubmit = (actor: Who = ACTORS.officer, now = '2026-07-10T02:00:00Z', ev = evidence): NominationCommand => ({
    type: 'ResubmitNomination',
    data: { ...n, achievements: ['Led the vaccination drive', '2025 report attached'], evidence: ev },
    metadata: meta(actor, now),
  });
  it('puts the revised dossier back for evaluation', () => {
    spec.given([submitted(), returned]).when(resubmit(), ctx).then([
      {
        type: 'NominationResubmitted',
        data: { ...n, achievements: ['Led the vaccination drive', '2025 report attached'], evidence, resubmittedBy: 'officer-1', resubmittedAt: '2026-07-10T02:00:00Z' },
      },
    ]);
  });
  it('refuses after the resubmission deadline, from another unit, without evidence, when not returned', () => {
    spec.given([submitted(), returned]).when(resubmit(ACTORS.officer, '2026-07-21T00:00:00Z'), ctx).thenFails('DEADLINE_PASSED');
    spec.given([submitted(), returned]).when(resubmit(ACTORS.otherOfficer), ctx).thenFails('NOT_OWN_UNIT');
    spec.given([submitted(), returned]).when(resubmit(ACTORS.officer, '2026-07-10T02:00:00Z', []), ctx).thenFails('EVIDENCE_REQUIRED');
    spec.given([submitted()]).when(resubmit(), ctx).thenFails('OUT_OF_ORDER');
  });
});

describe('WithdrawNomination', () => {
  const withdraw = (actor: Who = ACTORS.officer, reason = 'The nominee retired'): NominationCommand => ({
    type: 'WithdrawNomination',
    data: { ...n, reason },
    metadata: meta(actor, AT.evaluating),
  });
  it('withdraws before approval, by the unit or an administrator', () => {
    const withdrawn = (by: string): NominationEvent => ({
      type: 'NominationWithdrawn',
      data: { ...n, reason: 'The nominee retired', withdrawnBy: by, withdrawnAt: AT.evaluating },
    });
    spec.given([submitted()]).when(withdraw(), ctx).then([withdrawn('officer-1')]);
    spec.given([pledged]).when(withdraw(ACTORS.admin), ctx).then([withdrawn('admin-1')]);
  });
  it('refuses another unit, no reason, twice', () => {
    spec.given([submitted()]).when(withdraw(ACTORS.otherOfficer), ctx).thenFails('NOT_OWN_UNIT');
    spec.given([submitted()]).when(withdraw(ACTORS.officer, ' '), ctx).thenFails('INVALID_COMMAND');
    spec.given([submitted(), { type: 'NominationWithdrawn', data: { ...n, reason: 'x', withdrawnBy: 'officer-1', withdrawnAt: AT.evaluating } }])
      .when(withdraw(), ctx)
      .thenFails('OUT_OF_ORDER');
  });
  it('refuses after approval', () => {
    const approved: NominationEvent = {
      type: 'NominationApproved',
      data: { ...n, campaignId: CAMPAIGN_ID, awardCode: 'chair_certificate_of_merit', nomineeUnitId: NOMINEE_UNIT, decisionNumber: '12/QĐ-UBND', decisionDate: '2026-10-20', signerId: 'chair-1', signerRole: 'approver', approvedAt: AT.council },
    };
    spec.given([submitted(), approved]).when(withdraw(), ctx).thenFails('ALREADY_DECIDED');
  });
});
