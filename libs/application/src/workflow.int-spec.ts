import { randomUUID } from 'node:crypto';
import type { CommandBus } from '@nestjs/cqrs';
import type { Choice } from '@vinhdanh/domain';
import {
  ApproveNominationCommand,
  AssignEvaluatorCommand,
  CastBallotCommand,
  ClosePublicNoticeCommand,
  CloseVotingCommand,
  ConstituteCouncilCommand,
  DeclareConflictCommand,
  DomainRefusal,
  FileObjectionCommand,
  OpenCampaignCommand,
  OpenPublicNoticeCommand,
  OpenSessionCommand,
  OpenVotingCommand,
  PledgeNominationCommand,
  PublishNominationCommand,
  ResolveObjectionCommand,
  RevokeAwardCommand,
  ScoreEvaluationCommand,
  SubmitNominationCommand,
  type BallotBoxStore,
  type CastBallotResult,
  type PersonalDataStore,
} from './index';
import type { GatedStore } from './testing/gated-store';
import type { WorkflowBackend } from './testing/workflow-backends';
import {
  ACTORS as A,
  MEMBERS,
  NOMINEE_UNIT,
  SCHEDULE,
  bootWorkflow,
  keysOf,
  memberActor,
  meta,
  readLog,
  refusalOf,
  type BootedWorkflow,
} from './testing/workflow-fixtures';

const FILER = { name: 'Trần Thị Bình', contact: 'binh@example.vn' };
const N = { nominationId: 'n-1' };
const VOTES: Record<string, Choice> = { 'm-1': 'yes', 'm-2': 'yes', 'm-3': 'yes', 'm-6': 'no' };

describe.each(['sqlite', 'postgres'] as const)('a nomination through the whole lifecycle (%s)', (kind) => {
  let booted: BootedWorkflow;
  let backend: WorkflowBackend;
  let gated: GatedStore;
  let bus: CommandBus;
  let box: BallotBoxStore;
  let personalData: PersonalDataStore;

  beforeAll(async () => {
    // Earlier titles as a read model would answer them: p-3 was a grassroots emulation fighter in 2023–2025.
    booted = await bootWorkflow(kind, undefined, {
      titlesOf: async (nomineeId) => (nomineeId === 'p-3' ? [2023, 2024, 2025].map((year) => ({ awardCode: 'grassroots_emulation_fighter', year })) : []),
    });
    ({ backend, gated, bus, box, personalData } = booted);
  });

  afterAll(async () => {
    await booted?.close();
  });

  const receipts: Record<string, string> = {};
  let objection: { ref: string; commitment: string };

  it('opens the council and the campaign', async () => {
    const council = await bus.execute(
      new ConstituteCouncilCommand({ councilId: 'prov', name: 'Provincial council', members: MEMBERS }, meta(A.admin, '2026-01-05T02:00:00Z')),
    );
    expect(council).toMatchObject({ streamId: 'council-prov', revision: 0, replayed: false });
    expect(council.events.map((e) => e.type)).toEqual(['CouncilConstituted']);
    const campaign = await bus.execute(
      new OpenCampaignCommand(
        {
          campaignId: 'c-2026',
          name: 'Emulation 2026',
          year: 2026,
          councilId: 'prov',
          schedule: SCHEDULE,
        },
        meta(A.admin, '2026-01-05T02:00:00Z'),
      ),
    );
    expect(campaign.positions).toHaveLength(1);
    expect(campaign.positions[0]).toBeGreaterThan(council.positions[0]);
  });

  it('submits and evaluates the nomination', async () => {
    const submitted = await bus.execute(
      new SubmitNominationCommand(
        {
          ...N,
          campaignId: 'c-2026',
          awardCode: 'chair_certificate_of_merit',
          nomineeId: 'p-1',
          nomineeName: 'Nguyễn Văn A',
          nomineeUnitId: NOMINEE_UNIT,
          nomineeRole: 'direct_worker',
          achievements: ['Led the vaccination drive'],
          evidence: [{ name: 'report.pdf', sha256: 'a'.repeat(64), mediaType: 'application/pdf' }],
        },
        meta(A.officer, '2026-05-04T02:00:00Z'),
      ),
    );
    expect(submitted).toMatchObject({ streamId: 'nomination-n-1', revision: 0 });
    for (const e of [A.eval1, A.eval2]) {
      await bus.execute(new AssignEvaluatorCommand({ ...N, evaluatorId: e.id, evaluatorUnitId: e.unit }, meta(A.secretary, '2026-07-06T02:00:00Z')));
    }
    const scores = ['task_completion', 'initiative', 'ethics_discipline'].map((criterionCode) => ({ criterionCode, score: 90 }));
    await bus.execute(new ScoreEvaluationCommand({ ...N, scores }, meta(A.eval1, '2026-07-06T03:00:00Z')));
    const last = await bus.execute(new ScoreEvaluationCommand({ ...N, scores }, meta(A.eval2, '2026-07-06T04:00:00Z')));
    expect(last.events.map((e) => e.type)).toEqual(['EvaluationScored', 'NominationEvaluated']);
  });

  it('checks prerequisites against the nominee’s earlier titles', async () => {
    const fighter = (nominationId: string, nomineeId: string) => {
      const d = { nominationId, campaignId: 'c-2026', awardCode: 'provincial_emulation_fighter', nomineeId, nomineeName: `Nominee ${nomineeId}` };
      return {
        pledge: new PledgeNominationCommand({ ...d, unitId: NOMINEE_UNIT, targets: ['Two initiatives'] }, meta(A.officer, '2026-02-02T02:00:00Z')),
        submit: new SubmitNominationCommand(
          {
            ...d,
            nomineeUnitId: NOMINEE_UNIT,
            nomineeRole: 'manager',
            achievements: ['Two initiatives adopted province-wide'],
            evidence: [{ name: 'initiatives.pdf', sha256: 'c'.repeat(64), mediaType: 'application/pdf' }],
          },
          meta(A.officer, '2026-05-04T02:00:00Z'),
        ),
      };
    };
    const without = fighter('n-2', 'p-2');
    await bus.execute(without.pledge);
    const refusal = await refusalOf(bus.execute(without.submit));
    expect(refusal).toMatchObject({ code: 'PREREQUISITE_NOT_MET', details: { awardCode: 'grassroots_emulation_fighter', missingYear: 2023 } });

    const withTitles = fighter('n-3', 'p-3');
    await bus.execute(withTitles.pledge);
    expect((await bus.execute(withTitles.submit)).events.map((e) => e.type)).toEqual(['NominationSubmitted']);
  });

  it('runs the public notice; an objection keeps its filer in the erasable store only', async () => {
    await bus.execute(new OpenPublicNoticeCommand(N, meta(A.secretary, '2026-09-07T02:00:00Z')));
    const filed = await bus.execute(
      new FileObjectionCommand({ ...N, objectionId: 'o-1', summary: 'The report overstates the coverage.', filer: FILER }, meta(A.citizen, '2026-09-08T02:00:00Z', 'objection-1')),
    );
    expect(filed.objectionId).toBe('o-1');
    // The same request again: nothing new in the log, the same filer reference back.
    const again = await bus.execute(
      new FileObjectionCommand({ ...N, objectionId: 'o-1', summary: 'The report overstates the coverage.', filer: FILER }, meta(A.citizen, '2026-09-08T02:01:00Z', 'objection-1')),
    );
    expect(again).toMatchObject({ replayed: true, objectionId: 'o-1', filerRef: filed.filerRef, positions: filed.positions });
    const event = (await readLog(backend)).find((e) => e.type === 'ObjectionFiled')!;
    const data = event.data as { filerRef: string; filerCommitment: string };
    expect(data.filerRef).toBe(filed.filerRef);
    expect(data.filerCommitment).toMatch(/^[0-9a-f]{64}$/);
    objection = { ref: data.filerRef, commitment: data.filerCommitment };
    expect(JSON.stringify(await readLog(backend))).not.toContain(FILER.contact);
    expect(JSON.stringify(await readLog(backend))).not.toContain(FILER.name);
    expect(await personalData.get(objection.ref)).toMatchObject({ data: FILER });
    expect(await personalData.matches(objection.ref, objection.commitment)).toBe(true);

    const early = await refusalOf(bus.execute(new ClosePublicNoticeCommand(N, meta(A.secretary, '2026-09-10T02:00:00Z'))));
    expect(early.code).toBe('NOTICE_PERIOD_NOT_OVER');
    await bus.execute(
      new ResolveObjectionCommand({ ...N, objectionId: 'o-1', outcome: 'dismissed', reason: 'The coverage is documented.' }, meta(A.secretary, '2026-09-09T02:00:00Z')),
    );
    const closed = await bus.execute(new ClosePublicNoticeCommand(N, meta(A.secretary, '2026-09-20T02:00:00Z')));
    expect(closed.events.map((e) => e.type)).toEqual(['PublicNoticeClosed']);
  });

  it('opens the vote in session, with a declared conflict and a same-unit member recused', async () => {
    await bus.execute(new DeclareConflictCommand({ ...N, reason: 'My sister works with the nominee.' }, meta(memberActor('m-4'), '2026-10-01T02:00:00Z')));
    await bus.execute(
      new OpenSessionCommand({ councilId: 'prov', sessionId: 's-1', present: MEMBERS.map((m) => m.memberId) }, meta(A.secretary, '2026-10-05T02:00:00Z')),
    );
    const opened = await bus.execute(new OpenVotingCommand({ ...N, sessionId: 's-1' }, meta(A.secretary, '2026-10-05T02:10:00Z')));
    expect(opened.events.map((e) => e.type)).toEqual(['MemberRecused', 'VotingOpened']);
  });

  it('seals secret ballots in the box and writes only participation to the log', async () => {
    for (const memberId of ['m-1', 'm-2', 'm-3']) {
      const cast = await bus.execute(
        new CastBallotCommand({ ...N, sessionId: 's-1', choice: VOTES[memberId] }, meta(memberActor(memberId), '2026-10-05T02:20:00Z', `ballot-${memberId}`)),
      );
      expect(cast.receipt).toMatch(/^[0-9a-f-]{36}$/);
      expect(cast.events.map((e) => e.type)).toEqual(['BallotCast']);
      receipts[memberId] = cast.receipt!;
    }
    // A repeat of the same request (same idempotency key) writes nothing and gives the same receipt.
    const again = await bus.execute(
      new CastBallotCommand({ ...N, sessionId: 's-1', choice: VOTES['m-1'] }, meta(memberActor('m-1'), '2026-10-05T02:21:00Z', 'ballot-m-1')),
    );
    expect(again).toMatchObject({ replayed: true, receipt: receipts['m-1'] });

    for (const recused of ['m-4', 'm-5']) {
      const refusal = await refusalOf(
        bus.execute(new CastBallotCommand({ ...N, sessionId: 's-1', choice: 'yes' }, meta(memberActor(recused), '2026-10-05T02:22:00Z'))),
      );
      expect(refusal.code).toBe('CONFLICT_OF_INTEREST');
      expect(refusal.kind).toBe('forbidden');
    }
  });

  it('takes exactly one of two identical ballots sent at once, after a lost race', async () => {
    const lostBefore = gated.lostRaces;
    gated.holdNext(2);
    const send = () =>
      bus.execute(new CastBallotCommand({ ...N, sessionId: 's-1', choice: VOTES['m-6'] }, meta(memberActor('m-6'), '2026-10-05T02:30:00Z')));
    const results = await Promise.allSettled([send(), send()]);
    const accepted = results.filter((r): r is PromiseFulfilledResult<CastBallotResult> => r.status === 'fulfilled');
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(accepted).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect(refused[0].reason).toBeInstanceOf(DomainRefusal);
    expect((refused[0].reason as DomainRefusal).code).toBe('ALREADY_VOTED');
    expect(gated.lostRaces).toBe(lostBefore + 1);
    receipts['m-6'] = accepted[0].value.receipt!;

    const log = await readLog(backend);
    expect(log.filter((e) => e.type === 'BallotCast' && (e.data as { memberId: string }).memberId === 'm-6')).toHaveLength(1);
    // The loser's sealed ballot was discarded: one ballot per participation event.
    expect(await box.count('n-1')).toBe(4);
  });

  it('keeps every choice out of the log until voting closes', async () => {
    const log = await readLog(backend);
    expect(log.some((e) => e.type === 'VotingClosed')).toBe(false);
    expect(log.flatMap((e) => keysOf(e.data))).not.toContain('choice');
    const text = JSON.stringify(log);
    for (const receipt of Object.values(receipts)) expect(text).not.toContain(receipt);
  });

  it('reveals the sealed ballots shuffled at close, linked to no member, and empties the box', async () => {
    // A ballot sealed for an append that never happened (a crash between seal and append).
    await box.seal({ eventId: randomUUID(), nominationId: 'n-1', ballotId: 'orphan-ballot', choice: 'yes' });
    const closed = await bus.execute(new CloseVotingCommand({ ...N, sessionId: 's-1' }, meta(A.secretary, '2026-10-05T04:00:00Z')));
    expect(closed.ballotsRevealed).toBe(4);
    expect(closed.events.map((e) => e.type)).toEqual(['VotingClosed', 'NominationVoted']);
    expect(await box.count('n-1')).toBe(0);

    const log = await readLog(backend);
    const votingClosed = log.find((e) => e.type === 'VotingClosed')!;
    const ballots = (votingClosed.data as { ballots: { ballotId: string; choice: Choice }[] }).ballots;
    expect(keysOf(votingClosed.data)).not.toContain('memberId');
    expect(ballots.map((b) => b.ballotId)).not.toContain('orphan-ballot');
    // Each voter finds their receipt among the revealed ballots, with the choice they made.
    for (const [memberId, receipt] of Object.entries(receipts)) {
      expect(ballots.find((b) => b.ballotId === receipt)?.choice).toBe(VOTES[memberId]);
    }
    // No other event carries a choice or a ballot id, so nothing joins a member to a ballot.
    for (const e of log.filter((x) => x !== votingClosed)) {
      expect(keysOf(e.data)).not.toContain('choice');
      for (const receipt of Object.values(receipts)) expect(JSON.stringify(e)).not.toContain(receipt);
    }
    const voted = log.find((e) => e.type === 'NominationVoted')!.data as { yes: number; no: number; passed: boolean; participated: number };
    expect(voted).toMatchObject({ yes: 3, no: 1, participated: 4, passed: true });

    const late = await refusalOf(bus.execute(new CloseVotingCommand({ ...N, sessionId: 's-1' }, meta(A.secretary, '2026-10-05T04:05:00Z'))));
    expect(late.code).toBe('VOTING_CLOSED');
  });

  it('approves after holding a quota slot on the campaign, publishes, then revokes', async () => {
    const approved = await bus.execute(
      new ApproveNominationCommand({ ...N, decisionNumber: '123/QĐ-UBND', decisionDate: '2026-10-10' }, meta(A.approver, '2026-10-10T02:00:00Z')),
    );
    expect(approved.events.map((e) => e.type)).toEqual(['NominationApproved']);
    expect(approved.quotaSlot).toMatchObject({ streamId: 'campaign-c-2026' });
    expect(approved.quotaSlot!.events.map((e) => e.type)).toEqual(['QuotaSlotAllocated']);

    const publish = new PublishNominationCommand({ ...N, honourListId: 'hl-2026', rank: 1 }, meta(A.publisher, '2026-11-02T02:00:00Z', 'publish-n-1'));
    const published = await bus.execute(publish);
    const repeated = await bus.execute(publish);
    expect(repeated).toEqual({ ...published, replayed: true });

    const revoked = await bus.execute(
      new RevokeAwardCommand(
        { ...N, legalGround: 'Falsified evidence', decisionNumber: '200/QĐ-UBND', decisionDate: '2026-12-15' },
        meta(A.approver, '2026-12-15T02:00:00Z'),
      ),
    );
    expect(revoked.events.map((e) => e.type)).toEqual(['AwardRevoked']);
  });

  it('records all command metadata on the events and keeps the chain valid after erasing a filer', async () => {
    const log = await readLog(backend);
    const approved = log.find((e) => e.type === 'NominationApproved')!;
    expect(approved.metadata).toMatchObject({
      actor: { id: 'chair-1', roles: ['approver'], unit: 'u-ppc' },
      recordedAt: '2026-10-10T02:00:00Z',
      command: 'ApproveNomination',
    });
    expect(approved.metadata.correlationId).toMatch(/^corr-/);
    expect(log.find((e) => e.type === 'NominationPublished')!.metadata.idempotencyKey).toBe('publish-n-1');

    expect(await personalData.erase(objection.ref)).toBe(true);
    expect(await personalData.get(objection.ref)).toBeNull();
    expect(await personalData.matches(objection.ref, objection.commitment)).toBe(false);
    expect(await backend.store.verifyChain()).toMatchObject({ ok: true, checked: log.length });
  });
});
