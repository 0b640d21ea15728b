import {
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
  ScoreEvaluationCommand,
  SubmitNominationCommand,
  type CastBallotResult,
  type CloseVotingResult,
} from './index';
import { ACTORS as A, MEMBERS, NOMINEE_UNIT, SCHEDULE, bootWorkflow, memberActor, meta, readLog, type BootedWorkflow } from './testing/workflow-fixtures';

/**
 * A late ballot and the close of a secret vote, forced to decide on the same revision. Whichever
 * append wins, the other decides again: a close that lost reveals the late ballot too; a ballot
 * that lost is refused VOTING_CLOSED and its sealed copy is discarded. Either way the revealed
 * ballots match the participation events one for one, and the box ends empty.
 */
describe.each(['sqlite', 'postgres'] as const)('closing a secret vote while a ballot arrives (%s)', (kind) => {
  let w: BootedWorkflow;

  /** A nomination in a secret vote where m-1, m-2 and m-3 have voted and m-6 has not. */
  async function inVoting(nominationId: string): Promise<void> {
    const bus = w.bus;
    const N = { nominationId };
    await bus.execute(
      new SubmitNominationCommand(
        {
          ...N,
          campaignId: 'c-r',
          awardCode: 'chair_certificate_of_merit',
          nomineeId: 'p-r',
          nomineeName: 'Võ Văn R',
          nomineeUnitId: NOMINEE_UNIT,
          nomineeRole: 'direct_worker',
          achievements: ['Kept the clinic open through the flood'],
          evidence: [{ name: 'letter.pdf', sha256: 'd'.repeat(64), mediaType: 'application/pdf' }],
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
    await bus.execute(new OpenVotingCommand({ ...N, sessionId: 's-r' }, meta(A.secretary, '2026-10-05T02:10:00Z')));
    for (const id of ['m-1', 'm-2', 'm-3']) {
      await bus.execute(new CastBallotCommand({ ...N, sessionId: 's-r', choice: 'yes' }, meta(memberActor(id), '2026-10-05T02:20:00Z')));
    }
  }

  beforeAll(async () => {
    w = await bootWorkflow(kind);
    await w.bus.execute(new ConstituteCouncilCommand({ councilId: 'prov', name: 'Council', members: MEMBERS }, meta(A.admin, '2026-01-05T02:00:00Z')));
    await w.bus.execute(
      new OpenCampaignCommand({ campaignId: 'c-r', name: 'Race 2026', year: 2026, councilId: 'prov', schedule: SCHEDULE }, meta(A.admin, '2026-01-05T02:00:00Z')),
    );
    await w.bus.execute(
      new OpenSessionCommand({ councilId: 'prov', sessionId: 's-r', present: MEMBERS.map((m) => m.memberId) }, meta(A.secretary, '2026-10-05T02:00:00Z')),
    );
    await inVoting('ballot-first');
    await inVoting('close-first');
  });

  afterAll(async () => {
    await w?.close();
  });

  async function race(nominationId: string, first: 'BallotCast' | 'VotingClosed') {
    const N = { nominationId };
    const lost = w.gated.lostRaces;
    w.gated.holdNext(2, (events) => events[0].type === first);
    const [cast, close] = await Promise.allSettled([
      w.bus.execute(new CastBallotCommand({ ...N, sessionId: 's-r', choice: 'no' }, meta(memberActor('m-6'), '2026-10-05T02:30:00Z'))),
      w.bus.execute(new CloseVotingCommand({ ...N, sessionId: 's-r' }, meta(A.secretary, '2026-10-05T02:30:00Z'))),
    ]);
    expect(w.gated.lostRaces).toBe(lost + 1);
    expect(close.status).toBe('fulfilled');
    const log = (await readLog(w.backend)).filter((e) => e.streamId === `nomination-${nominationId}`);
    const participants = log.filter((e) => e.type === 'BallotCast').map((e) => (e.data as { memberId: string }).memberId);
    const ballots = (log.find((e) => e.type === 'VotingClosed')!.data as { ballots: { ballotId: string; choice: string }[] }).ballots;
    expect(ballots).toHaveLength(participants.length);
    expect((close as PromiseFulfilledResult<CloseVotingResult>).value.ballotsRevealed).toBe(participants.length);
    expect(await w.box.count(nominationId)).toBe(0);
    return { cast, participants, ballots };
  }

  it('a ballot that wins the race is revealed by the close that decides again', async () => {
    const { cast, participants, ballots } = await race('ballot-first', 'BallotCast');
    expect(participants).toEqual(['m-1', 'm-2', 'm-3', 'm-6']);
    const receipt = (cast as PromiseFulfilledResult<CastBallotResult>).value.receipt;
    expect(ballots.find((b) => b.ballotId === receipt)?.choice).toBe('no');
  });

  it('a ballot that loses the race is refused VOTING_CLOSED and its sealed copy discarded', async () => {
    const { cast, participants, ballots } = await race('close-first', 'VotingClosed');
    expect(cast.status).toBe('rejected');
    expect(((cast as PromiseRejectedResult).reason as DomainRefusal).code).toBe('VOTING_CLOSED');
    expect(participants).toEqual(['m-1', 'm-2', 'm-3']);
    expect(ballots.map((b) => b.choice)).toEqual(['yes', 'yes', 'yes']);
  });
});
