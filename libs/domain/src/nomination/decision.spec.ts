import { DeciderSpecification } from '../testing/decider-specification';
import {
  ACTORS,
  AT,
  CAMPAIGN_ID,
  NOMINATION_ID,
  NOMINEE_UNIT,
  campaignOpened,
  campaignState,
  happyPath,
  history,
  inSession,
  memberActor,
  meta,
  type Who,
} from '../testing/fixtures';
import { defaultCatalog } from '../catalog/default-catalog';
import type { CampaignEvent } from '../campaign/campaign-events';
import { nominationDecider } from './nomination-decider';
import type { NominationCommand } from './nomination-commands';
import type { NominationContext } from './nomination-context';
import type { Choice, NominationEvent } from './nomination-events';

const spec = DeciderSpecification(nominationDecider);
const n = { nominationId: NOMINATION_ID };
const AWARD = 'chair_certificate_of_merit';
const slot = (awardCode = AWARD, nominationId = NOMINATION_ID): CampaignEvent => ({
  type: 'QuotaSlotAllocated',
  data: { campaignId: CAMPAIGN_ID, nominationId, awardCode, unitId: NOMINEE_UNIT, allocatedBy: 'chair-1', allocatedAt: AT.council },
});
const closedCampaign: CampaignEvent = { type: 'CampaignClosed', data: { campaignId: CAMPAIGN_ID, closedBy: 'admin-1', closedAt: AT.publication } };
const base: NominationContext = { campaign: campaignState(), council: inSession() };
const withSlot: NominationContext = { ...base, campaign: campaignState(campaignOpened(), slot()) };

const objection = (outcome?: 'upheld' | 'dismissed'): NominationCommand[] => [
  { type: 'FileObjection', data: { ...n, objectionId: 'o-1', summary: 's', filerRef: 'r', filerCommitment: 'c' }, metadata: meta(ACTORS.public, '2026-09-08T02:00:00Z') },
  ...(outcome
    ? [{ type: 'ResolveObjection', data: { ...n, objectionId: 'o-1', outcome, reason: 'checked' }, metadata: meta(ACTORS.secretary, '2026-09-09T02:00:00Z') } as NominationCommand]
    : []),
];

/** A chair certificate nomination voted on by m-1..m-4 (m-5 is recused: same unit). */
function voted(choices: Choice[] = ['yes', 'yes', 'yes', 'yes'], objectionOutcome?: 'upheld' | 'dismissed'): NominationEvent[] {
  const path = happyPath(AWARD);
  const voters = ['m-1', 'm-2', 'm-3', 'm-4'].slice(0, choices.length);
  return history(
    [
      ...path.submit,
      ...path.evaluate,
      path.notice[0],
      ...(objectionOutcome ? objection(objectionOutcome) : []),
      path.notice[1],
      ...path.openVoting,
      ...voters.map((m, i) => ({ type: 'CastBallot', data: { ...n, sessionId: 's-1', choice: choices[i], ballotId: `b-${i}` }, metadata: meta(memberActor(m), AT.council) }) as NominationCommand),
      {
        type: 'CloseVoting',
        data: { ...n, sessionId: 's-1', ballots: choices.map((choice, i) => ({ ballotId: `b-${i}`, choice })) },
        metadata: meta(ACTORS.secretary, AT.council),
      },
    ],
    base,
  );
}
const passed = voted();

const approve = (actor: Who = ACTORS.approver, now = '2026-10-20T02:00:00Z', decisionDate = '2026-10-20'): NominationCommand => ({
  type: 'ApproveNomination',
  data: { ...n, decisionNumber: '1234/QĐ-UBND', decisionDate },
  metadata: meta(actor, now),
});
const approved: NominationEvent = {
  type: 'NominationApproved',
  data: {
    ...n,
    campaignId: CAMPAIGN_ID,
    awardCode: AWARD,
    nomineeUnitId: NOMINEE_UNIT,
    decisionNumber: '1234/QĐ-UBND',
    decisionDate: '2026-10-20',
    signerId: 'chair-1',
    signerRole: 'approver',
    approvedAt: '2026-10-20T02:00:00Z',
  },
};
const publish = (actor: Who = ACTORS.publisher, now = AT.publication, rank = 1): NominationCommand => ({
  type: 'PublishNomination',
  data: { ...n, honourListId: 'hl-2026', rank },
  metadata: meta(actor, now),
});
const published: NominationEvent = {
  type: 'NominationPublished',
  data: { ...n, honourListId: 'hl-2026', rank: 1, publishedBy: 'pub-1', publishedAt: AT.publication },
};

describe('ApproveNomination', () => {
  it('approves after a passing vote, with the decision number, date and signer', () => {
    spec.given(passed).when(approve(), withSlot).then([approved]);
  });
  it('only after a passing vote', () => {
    spec.given(voted(['yes', 'yes', 'no', 'no'])).when(approve(), withSlot).thenFails('VOTE_NOT_PASSED');
    spec.given(passed.filter((e) => e.type !== 'NominationVoted' && e.type !== 'VotingClosed')).when(approve(), withSlot).thenFails('OUT_OF_ORDER');
  });
  it('only by the approver role of the campaign’s catalog snapshot', () => {
    spec.given(passed).when(approve(ACTORS.publisher), withSlot).thenFails('FORBIDDEN_ROLE');
    const catalog = defaultCatalog();
    catalog.awardTypes.find((t) => t.code === AWARD)!.approverRole = 'admin';
    const adminApproves: NominationContext = { ...base, campaign: campaignState(campaignOpened(catalog), slot()) };
    spec.given(passed).when(approve(), adminApproves).thenFails('FORBIDDEN_ROLE');
    spec.given(passed).when(approve(ACTORS.admin), adminApproves).thenMatches(([e]) => expect(e.type).toBe('NominationApproved'));
  });
  it('never by the nominee', () => {
    spec.given(passed).when(approve({ id: 'p-1', roles: ['approver'], unit: NOMINEE_UNIT }), withSlot).thenFails('NOMINEE_CANNOT_APPROVE');
  });
  it('an upheld objection blocks approval; a dismissed one does not', () => {
    spec.given(voted(undefined, 'upheld')).when(approve(), withSlot).thenFails('OBJECTION_UPHELD');
    spec.given(voted(undefined, 'dismissed')).when(approve(), withSlot).thenMatches(([e]) => expect(e.type).toBe('NominationApproved'));
  });
  it('checks the quota at approval, across the campaign: a slot must be held on the campaign stream', () => {
    spec.given(passed).when(approve(), base).thenFails('QUOTA_SLOT_NOT_FOUND');
    spec.given(passed).when(approve(), { ...base, campaign: campaignState(campaignOpened(), slot('advanced_worker')) }).thenFails('QUOTA_SLOT_HELD');
    // A grassroots fighter in a unit with no advanced workers this campaign: the quota is 0.
    const catalog = defaultCatalog();
    catalog.awardTypes.find((t) => t.code === AWARD)!.quotas = [
      { kind: 'share_of_unit_holders', prerequisiteAwardCode: 'advanced_worker', maxShare: { parts: 15, of: 100 }, rounding: 'floor' },
    ];
    spec.given(passed).when(approve(), { ...base, campaign: campaignState(campaignOpened(catalog)) }).thenFails('QUOTA_EXCEEDED');
  });
  it('refuses after the decision deadline, a malformed decision date, twice, a closed campaign', () => {
    spec.given(passed).when(approve(ACTORS.approver, '2026-11-01T00:00:00Z'), withSlot).thenFails('DEADLINE_PASSED');
    spec.given(passed).when(approve(ACTORS.approver, '2026-10-20T02:00:00Z', '20/10/2026'), withSlot).thenFails('INVALID_COMMAND');
    spec.given([...passed, approved]).when(approve(), withSlot).thenFails('ALREADY_DECIDED');
    spec.given(passed).when(approve(), { ...base, campaign: campaignState(campaignOpened(), slot(), closedCampaign) }).thenFails('CAMPAIGN_CLOSED');
    spec.given([]).when(approve(), withSlot).thenFails('NOMINATION_NOT_FOUND');
  });
});

describe('RejectNomination', () => {
  const reject = (actor: Who = ACTORS.approver, reason = 'Vote did not pass'): NominationCommand => ({
    type: 'RejectNomination',
    data: { ...n, reason },
    metadata: meta(actor, '2026-10-20T02:00:00Z'),
  });
  it('rejects with a reason after the vote', () => {
    spec.given(voted(['no', 'no', 'no', 'yes'])).when(reject(), base).then([
      { type: 'NominationRejected', data: { ...n, reason: 'Vote did not pass', rejectedBy: 'chair-1', rejectedAt: '2026-10-20T02:00:00Z' } },
    ]);
  });
  it('refuses a non-approver, no reason, before the vote, after a decision', () => {
    spec.given(passed).when(reject(ACTORS.secretary), base).thenFails('FORBIDDEN_ROLE');
    spec.given(passed).when(reject(ACTORS.approver, ''), base).thenFails('INVALID_COMMAND');
    spec.given(passed.slice(0, 3)).when(reject(), base).thenFails('OUT_OF_ORDER');
    spec.given([...passed, approved]).when(reject(), base).thenFails('ALREADY_DECIDED');
  });
});

describe('PublishNomination', () => {
  it('publishes an approved nomination on an honour list with its rank', () => {
    spec.given([...passed, approved]).when(publish(), base).then([published]);
  });
  it('only after approval', () => {
    spec.given(passed).when(publish(), base).thenFails('NOT_APPROVED');
    spec.given([]).when(publish(), base).thenFails('NOMINATION_NOT_FOUND');
    spec.given([...passed, approved, published]).when(publish(), base).thenFails('ALREADY_DECIDED');
  });
  it('refuses a non-publisher, after the publication deadline, a rank under 1', () => {
    spec.given([...passed, approved]).when(publish(ACTORS.approver), base).thenFails('FORBIDDEN_ROLE');
    spec.given([...passed, approved]).when(publish(ACTORS.publisher, '2026-12-01T00:00:00Z'), base).thenFails('DEADLINE_PASSED');
    spec.given([...passed, approved]).when(publish(ACTORS.publisher, AT.publication, 0), base).thenFails('INVALID_COMMAND');
  });
});

describe('RevokeAward', () => {
  const revoke = (legalGround = 'Art. 7, forged evidence', actor: Who = ACTORS.publisher): NominationCommand => ({
    type: 'RevokeAward',
    data: { ...n, legalGround, decisionNumber: '99/QĐ-UBND', decisionDate: '2027-03-01' },
    metadata: meta(actor, '2027-03-02T02:00:00Z'),
  });
  const closed: NominationContext = { ...base, campaign: campaignState(campaignOpened(), closedCampaign) };
  it('revokes a published award with a legal ground, even after the campaign closed', () => {
    spec.given([...passed, approved, published]).when(revoke(), closed).then([
      {
        type: 'AwardRevoked',
        data: { ...n, legalGround: 'Art. 7, forged evidence', decisionNumber: '99/QĐ-UBND', decisionDate: '2027-03-01', revokedBy: 'pub-1', revokedAt: '2027-03-02T02:00:00Z' },
      },
    ]);
  });
  it('only a published award, only with a legal ground, only by a publisher or approver', () => {
    spec.given([...passed, approved]).when(revoke(), closed).thenFails('NOT_PUBLISHED');
    spec.given([...passed, approved, published]).when(revoke(' '), closed).thenFails('INVALID_COMMAND');
    spec.given([...passed, approved, published]).when(revoke('x', ACTORS.officer), closed).thenFails('FORBIDDEN_ROLE');
    spec.given([]).when(revoke(), closed).thenFails('NOMINATION_NOT_FOUND');
  });
});
