import { defaultCatalog, type AwardCatalog } from '@vinhdanh/domain';
import {
  AllocateQuotaSlotCommand,
  ApproveNominationCommand,
  AssignEvaluatorCommand,
  CastBallotCommand,
  ClosePublicNoticeCommand,
  CloseVotingCommand,
  ConstituteCouncilCommand,
  DomainRefusal,
  OpenCampaignCommand,
  OpenPublicNoticeCommand,
  OpenSessionCommand,
  OpenVotingCommand,
  RejectNominationCommand,
  ScoreEvaluationCommand,
  SubmitNominationCommand,
  WithdrawNominationCommand,
  type ApproveNominationResult,
} from './index';
import { ACTORS as A, MEMBERS, NOMINEE_UNIT, SCHEDULE, bootWorkflow, memberActor, meta, readLog, type BootedWorkflow } from './testing/workflow-fixtures';

/**
 * A catalog where each advanced worker of a unit allows exactly one grassroots emulation
 * fighter (open ballot, one evaluator, no pledge, to keep the story short), so one approved
 * advanced worker makes a quota of one.
 */
function oneForOneCatalog(): AwardCatalog {
  const catalog = defaultCatalog();
  return {
    ...catalog,
    version: 'test-one-for-one',
    awardTypes: catalog.awardTypes.map((t) =>
      t.code === 'grassroots_emulation_fighter'
        ? {
            ...t,
            ballot: 'open',
            requiresPledge: false,
            evaluatorsRequired: 1,
            quotas: [{ kind: 'share_of_unit_holders', prerequisiteAwardCode: 'advanced_worker', maxShare: { parts: 1, of: 1 }, rounding: 'floor' }],
          }
        : t,
    ),
  };
}

const ELIGIBLE = MEMBERS.map((m) => m.memberId).filter((id) => id !== 'm-5'); // m-5 sits in the nominee's unit

describe.each(['sqlite', 'postgres'] as const)('approvals against a campaign quota (%s)', (kind) => {
  let w: BootedWorkflow;

  /** Takes a nomination from submission to a passed open vote. */
  async function voted(nominationId: string, awardCode: string, nomineeId: string): Promise<void> {
    const N = { nominationId };
    await w.bus.execute(
      new SubmitNominationCommand(
        {
          ...N,
          campaignId: 'c-q',
          awardCode,
          nomineeId,
          nomineeName: `Nominee ${nomineeId}`,
          nomineeUnitId: NOMINEE_UNIT,
          nomineeRole: 'direct_worker',
          achievements: ['Exceeded every target'],
          evidence: [{ name: 'report.pdf', sha256: 'b'.repeat(64), mediaType: 'application/pdf' }],
        },
        meta(A.officer, '2026-05-04T02:00:00Z'),
      ),
    );
    await w.bus.execute(new AssignEvaluatorCommand({ ...N, evaluatorId: 'eval-1', evaluatorUnitId: 'u-board' }, meta(A.secretary, '2026-07-06T02:00:00Z')));
    const scores = ['task_completion', 'initiative', 'ethics_discipline'].map((criterionCode) => ({ criterionCode, score: 95 }));
    await w.bus.execute(new ScoreEvaluationCommand({ ...N, scores }, meta(A.eval1, '2026-07-06T03:00:00Z')));
    await w.bus.execute(new OpenPublicNoticeCommand(N, meta(A.secretary, '2026-09-07T02:00:00Z')));
    await w.bus.execute(new ClosePublicNoticeCommand(N, meta(A.secretary, '2026-09-20T02:00:00Z')));
    await w.bus.execute(new OpenVotingCommand({ ...N, sessionId: 's-q' }, meta(A.secretary, '2026-10-05T02:10:00Z')));
    for (const id of ELIGIBLE) {
      const cast = await w.bus.execute(new CastBallotCommand({ ...N, sessionId: 's-q', choice: 'yes' }, meta(memberActor(id), '2026-10-05T02:20:00Z')));
      expect(cast.receipt).toBeNull(); // an open vote: roll call, no ballot box
    }
    await w.bus.execute(new CloseVotingCommand({ ...N, sessionId: 's-q' }, meta(A.secretary, '2026-10-05T03:00:00Z')));
  }

  const approve = (nominationId: string, idempotencyKey?: string) =>
    w.bus.execute(
      new ApproveNominationCommand(
        { nominationId, decisionNumber: `Q-${nominationId}`, decisionDate: '2026-10-10' },
        meta(A.approver, '2026-10-10T02:00:00Z', idempotencyKey),
      ),
    );

  async function slots(): Promise<{ allocated: string[]; released: string[] }> {
    const log = (await readLog(w.backend)).filter((e) => e.streamId === 'campaign-c-q');
    const ids = (type: string) => log.filter((e) => e.type === type).map((e) => (e.data as { nominationId: string }).nominationId);
    return { allocated: ids('QuotaSlotAllocated'), released: ids('QuotaSlotReleased') };
  }

  beforeAll(async () => {
    w = await bootWorkflow(kind, oneForOneCatalog());
    await w.bus.execute(new ConstituteCouncilCommand({ councilId: 'prov', name: 'Provincial council', members: MEMBERS }, meta(A.admin, '2026-01-05T02:00:00Z')));
    await w.bus.execute(
      new OpenCampaignCommand({ campaignId: 'c-q', name: 'Quota 2026', year: 2026, councilId: 'prov', schedule: SCHEDULE }, meta(A.admin, '2026-01-05T02:00:00Z')),
    );
    await w.bus.execute(
      new OpenSessionCommand({ councilId: 'prov', sessionId: 's-q', present: MEMBERS.map((m) => m.memberId) }, meta(A.secretary, '2026-10-05T02:00:00Z')),
    );
    await voted('aw-1', 'advanced_worker', 'p-aw');
    for (const id of ['f-1', 'f-2', 'f-3', 'f-4']) await voted(id, 'grassroots_emulation_fighter', `p-${id}`);
  });

  afterAll(async () => {
    await w?.close();
  });

  it('refuses an award over quota, before any slot is held', async () => {
    const refusal = await approve('f-1').catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(DomainRefusal);
    expect((refusal as DomainRefusal).code).toBe('QUOTA_EXCEEDED');
    expect(await slots()).toEqual({ allocated: [], released: [] });
  });

  it('of two approvals racing for the last slot, approves exactly one', async () => {
    const aw = await approve('aw-1');
    expect(aw.quotaSlot?.events.map((e) => e.type)).toEqual(['QuotaSlotAllocated']);

    const lostBefore = w.gated.lostRaces;
    w.gated.holdNext(2); // both allocations decide on the same campaign revision
    const results = await Promise.allSettled([approve('f-1'), approve('f-2')]);
    const approved = results.filter((r): r is PromiseFulfilledResult<ApproveNominationResult> => r.status === 'fulfilled');
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(approved).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect((refused[0].reason as DomainRefusal).code).toBe('QUOTA_EXCEEDED');
    expect(w.gated.lostRaces).toBe(lostBefore + 1);

    const winner = approved[0].value.streamId.replace('nomination-', '');
    expect((await slots()).allocated).toEqual(['aw-1', winner]);
    const approvals = (await readLog(w.backend)).filter((e) => e.type === 'NominationApproved').map((e) => e.streamId);
    expect(approvals).toEqual(['nomination-aw-1', `nomination-${winner}`]);
  });

  const allocate = (nominationId: string, now: string) =>
    w.bus.execute(
      new AllocateQuotaSlotCommand({ campaignId: 'c-q', nominationId, awardCode: 'grassroots_emulation_fighter', unitId: NOMINEE_UNIT }, meta(A.approver, now)),
    );

  it('finishes an approval whose slot was held before a crash, without a second slot', async () => {
    await voted('aw-2', 'advanced_worker', 'p-aw2');
    await approve('aw-2'); // room for one more fighter
    await allocate('f-3', '2026-10-09T02:00:00Z'); // an approval that stopped between its two appends
    const blocked = await approve('f-4').catch((e: unknown) => e);
    expect((blocked as DomainRefusal).code).toBe('QUOTA_EXCEEDED'); // the held slot counts

    const f3 = await approve('f-3');
    expect(f3.events.map((e) => e.type)).toEqual(['NominationApproved']);
    expect(f3.quotaSlot).toBeNull();
    expect((await slots()).allocated.filter((id) => id === 'f-3')).toHaveLength(1);
  });

  it('releases a stranded slot once its nomination is rejected, and nothing for one that held none', async () => {
    await voted('aw-3', 'advanced_worker', 'p-aw3');
    await approve('aw-3');
    await allocate('f-4', '2026-10-12T02:00:00Z');
    const rejected = await w.bus.execute(new RejectNominationCommand({ nominationId: 'f-4', reason: 'Not awarded' }, meta(A.approver, '2026-10-13T02:00:00Z')));
    expect(rejected.quotaSlotReleased?.events.map((e) => e.type)).toEqual(['QuotaSlotReleased']);
    expect((await slots()).released).toEqual(['f-4']);

    const loser = (await slots()).allocated.includes('f-1') ? 'f-2' : 'f-1';
    const plain = await w.bus.execute(new RejectNominationCommand({ nominationId: loser, reason: 'Quota full' }, meta(A.approver, '2026-10-13T03:00:00Z')));
    expect(plain.quotaSlotReleased).toBeNull();
    expect((await slots()).released).toEqual(['f-4']);
  });

  it('releases a stranded slot when an administrator withdraws the nomination', async () => {
    await voted('f-5', 'grassroots_emulation_fighter', 'p-f-5');
    await allocate('f-5', '2026-10-14T02:00:00Z'); // the room f-4 gave back
    await w.bus.execute(new WithdrawNominationCommand({ nominationId: 'f-5', reason: 'Moved to another unit' }, meta(A.admin, '2026-10-14T03:00:00Z')));
    expect((await slots()).released).toEqual(['f-4', 'f-5']);
  });

  it('keeps one idempotency key reused for two approvals from passing one slot off as the other', async () => {
    await voted('aw-4', 'advanced_worker', 'p-aw4');
    await voted('aw-5', 'advanced_worker', 'p-aw5');
    const four = await approve('aw-4', 'client-reused-key');
    const five = await approve('aw-5', 'client-reused-key');
    expect([four.replayed, five.replayed]).toEqual([false, false]);
    expect(five.quotaSlot?.events.map((e) => e.type)).toEqual(['QuotaSlotAllocated']);
    expect((await slots()).allocated).toEqual(expect.arrayContaining(['aw-4', 'aw-5']));
    // The same approval repeated is a replay, and holds no second slot.
    const again = await approve('aw-5', 'client-reused-key');
    expect(again).toMatchObject({ replayed: true, quotaSlot: null, positions: five.positions });
    expect((await slots()).allocated.filter((id) => id === 'aw-5')).toHaveLength(1);
  });

  it('gives back the slot an approval took when a rejection lands between its two appends', async () => {
    await voted('aw-6', 'advanced_worker', 'p-aw6');
    // The approval's slot allocation and the rejection decide together; the rejection is written first.
    w.gated.holdNext(2, (events) => events[0].type === 'NominationRejected');
    const [approval, rejection] = await Promise.allSettled([
      approve('aw-6'),
      w.bus.execute(new RejectNominationCommand({ nominationId: 'aw-6', reason: 'Annulled in session' }, meta(A.approver, '2026-10-10T02:00:00Z'))),
    ]);
    expect(rejection.status).toBe('fulfilled');
    expect(approval.status).toBe('rejected');
    expect(((approval as PromiseRejectedResult).reason as DomainRefusal).code).toBe('ALREADY_DECIDED');

    const { allocated, released } = await slots();
    expect(allocated.filter((id) => id === 'aw-6')).toHaveLength(1);
    expect(released.filter((id) => id === 'aw-6')).toHaveLength(1);
    const approvals = (await readLog(w.backend)).filter((e) => e.type === 'NominationApproved' && e.streamId === 'nomination-aw-6');
    expect(approvals).toHaveLength(0);
  });
});
