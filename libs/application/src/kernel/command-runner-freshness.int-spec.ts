import { CommandBus } from '@nestjs/cqrs';
import { Test, type TestingModule } from '@nestjs/testing';
import {
  AssignEvaluatorCommand,
  CastBallotCommand,
  ClosePublicNoticeCommand,
  CloseSessionCommand,
  ConstituteCouncilCommand,
  OpenCampaignCommand,
  OpenPublicNoticeCommand,
  OpenSessionCommand,
  OpenVotingCommand,
  ScoreEvaluationCommand,
  SubmitNominationCommand,
} from '../index';
import { ACTORS as A, MEMBERS, NOMINEE_UNIT, SCHEDULE, bootWorkflow, memberActor, meta, refusalOf, type BootedWorkflow } from '../testing/workflow-fixtures';
import { WorkflowModule } from '../workflow.module';

/**
 * Command runners remember the streams they decided on. Two of them over one log (two API
 * processes) must still decide on what the log holds now: a runner whose memory of the
 * nomination and the council is out of date sees the other's ballot and the session it closed.
 */
describe.each(['sqlite', 'postgres'] as const)('command runners in two processes over one log (%s)', (kind) => {
  let w: BootedWorkflow;
  let other: TestingModule;
  let otherBus: CommandBus;
  const N = { nominationId: 'fresh-1' };
  const at = '2026-10-05T02:20:00Z';
  const ballot = (memberId: string) => new CastBallotCommand({ ...N, sessionId: 's-f', choice: 'yes' }, meta(memberActor(memberId), at));

  beforeAll(async () => {
    w = await bootWorkflow(kind);
    other = await Test.createTestingModule({ imports: [WorkflowModule.register({ store: w.backend.store, sql: w.backend.sql })] }).compile();
    await other.init();
    otherBus = other.get(CommandBus);
    const bus = w.bus;
    await bus.execute(new ConstituteCouncilCommand({ councilId: 'prov-f', name: 'Council', members: MEMBERS }, meta(A.admin, '2026-01-05T02:00:00Z')));
    await bus.execute(
      new OpenCampaignCommand({ campaignId: 'c-f', name: 'Fresh 2026', year: 2026, councilId: 'prov-f', schedule: SCHEDULE }, meta(A.admin, '2026-01-05T02:00:00Z')),
    );
    await bus.execute(
      new OpenSessionCommand({ councilId: 'prov-f', sessionId: 's-f', present: MEMBERS.map((m) => m.memberId) }, meta(A.secretary, '2026-10-05T02:00:00Z')),
    );
    await bus.execute(
      new SubmitNominationCommand(
        {
          ...N,
          campaignId: 'c-f',
          awardCode: 'chair_certificate_of_merit',
          nomineeId: 'p-f',
          nomineeName: 'Võ Văn F',
          nomineeUnitId: NOMINEE_UNIT,
          nomineeRole: 'direct_worker',
          achievements: ['Kept the clinic open through the flood'],
          evidence: [{ name: 'letter.pdf', sha256: 'e'.repeat(64), mediaType: 'application/pdf' }],
        },
        meta(A.officer, '2026-05-04T02:00:00Z'),
      ),
    );
    const scores = ['task_completion', 'initiative', 'ethics_discipline'].map((criterionCode) => ({ criterionCode, score: 90 }));
    for (const e of [A.eval1, A.eval2]) {
      await bus.execute(new AssignEvaluatorCommand({ ...N, evaluatorId: e.id, evaluatorUnitId: e.unit }, meta(A.secretary, '2026-07-06T02:00:00Z')));
    }
    for (const e of [A.eval1, A.eval2]) await bus.execute(new ScoreEvaluationCommand({ ...N, scores }, meta(e, '2026-07-06T03:00:00Z')));
    await bus.execute(new OpenPublicNoticeCommand(N, meta(A.secretary, '2026-09-07T02:00:00Z')));
    await bus.execute(new ClosePublicNoticeCommand(N, meta(A.secretary, '2026-09-20T02:00:00Z')));
    await bus.execute(new OpenVotingCommand({ ...N, sessionId: 's-f' }, meta(A.secretary, '2026-10-05T02:10:00Z')));
  });

  afterAll(async () => {
    await other?.close();
    await w?.close();
  });

  it('sees the other runner’s ballot and its closing of the session', async () => {
    // The second runner learns the nomination, campaign and council.
    await otherBus.execute(ballot('m-1'));
    // The first moves the nomination on: the second must see it.
    await w.bus.execute(ballot('m-2'));
    expect((await refusalOf(otherBus.execute(ballot('m-2')))).code).toBe('ALREADY_VOTED');
    // The first closes the session: the second must not take another ballot in it.
    await w.bus.execute(new CloseSessionCommand({ councilId: 'prov-f', sessionId: 's-f' }, meta(A.secretary, at)));
    expect((await refusalOf(otherBus.execute(ballot('m-3')))).code).toBe('SESSION_NOT_OPEN');
    expect((await refusalOf(w.bus.execute(ballot('m-3')))).code).toBe('SESSION_NOT_OPEN');
  });
});
