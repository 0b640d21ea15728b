import { compactInstant, openJobQueues, QUEUE_KEYS, type JobQueues } from '@vinhdanh/jobs';
import { eventually, JobsHarness } from './support/jobs-harness';
import { PrivateRedis } from './support/private-redis';
import { Season } from './support/season';

/** The story: the council forgets to close a vote; the decision deadline passes; the vote is closed and counted anyway. */
describe('a deadline closes and tallies a vote without anyone calling the API (PostgreSQL, Redis)', () => {
  let redis: PrivateRedis;
  let h: JobsHarness;
  let queues: JobQueues;
  let season: Season;

  beforeAll(async () => {
    redis = await PrivateRedis.start();
    h = await JobsHarness.open();
    queues = openJobQueues(redis.url, { prefix: h.prefix });
  });

  afterAll(async () => {
    await queues?.close();
    await h?.close();
    await redis?.kill();
  });

  /** Every job id Redis holds, by queue and state. */
  async function jobsInRedis(): Promise<Record<string, string[]>> {
    const out: Record<string, string[]> = {};
    for (const key of QUEUE_KEYS) {
      for (const state of ['completed', 'failed', 'delayed', 'waiting', 'active', 'prioritized'] as const) {
        const ids = (await queues.queues[key].getJobs([state], 0, -1)).map((j) => String(j.id)).sort();
        if (ids.length) out[`${key}:${state}`] = ids;
      }
    }
    return out;
  }
  const settled = async () => {
    for (const key of QUEUE_KEYS) if ((await queues.queues[key].getJobCountByTypes('waiting', 'active', 'prioritized')) > 0) return false;
    return (await h.worker!.scheduler.status()).lag === 0;
  };

  it('closes the vote when its decision deadline fires, as the system scheduler, and counts every sealed ballot', async () => {
    season = new Season(h.workflow, new Date(Date.now() + 4_000));
    await season.openCampaign();
    await season.toNoticeClosed('n-1');
    await season.openVoting('n-1');
    await season.vote('n-1', ['m-1', 'm-2', 'm-3']);
    expect((await h.events()).some((e) => e.type === 'VotingClosed')).toBe(false);

    await h.startWorker(redis.url);
    const voted = await eventually(async () => (await h.events()).find((e) => e.type === 'NominationVoted'), 'the vote to be tallied');
    const closed = (await h.events()).find((e) => e.type === 'VotingClosed')!;
    expect(closed.data).toMatchObject({ nominationId: 'n-1', closedBy: 'system:scheduler', ballot: 'secret' });
    expect((closed.data as { ballots: unknown[] }).ballots).toHaveLength(3);
    expect(Date.parse((closed.data as { closedAt: string }).closedAt)).toBeGreaterThan(Date.parse(season.schedule.decisionDeadline));
    expect(voted.data).toMatchObject({ participated: 3, yes: 3, no: 0 });
    const jobId = `deadline.voting.n-1.${compactInstant(season.schedule.decisionDeadline)}`;
    expect(closed.metadata).toMatchObject({ actor: { id: 'system:scheduler', roles: ['system'] }, idempotencyKey: jobId, command: 'CloseVoting' });
    await eventually(async () => (await (await queues.queues.deadlines.getJob(jobId))?.getState()) === 'completed', 'the job to complete');
    expect(await h.workflow.ballotBox.count('n-1')).toBe(0);
  });

  it('schedules nothing twice when the scheduler replays the whole log', async () => {
    await eventually(settled, 'every due job to run');
    const jobsBefore = await jobsInRedis();
    const eventsBefore = (await h.events()).length;
    expect(jobsBefore['deadlines:completed']).toContain(`deadline.voting.n-1.${compactInstant(season.schedule.decisionDeadline)}`);
    expect(jobsBefore['deadlines:delayed']?.length).toBeGreaterThan(0);

    await h.stopWorker();
    await h.sql.execute('UPDATE job_scheduler_state SET checkpoint = 0');
    await h.startWorker(redis.url);
    await eventually(async () => (await h.worker!.scheduler.status()).checkpoint === eventsBefore, 'the replay to reach the head');
    await eventually(settled, 'the replay to settle');

    expect(await jobsInRedis()).toEqual(jobsBefore);
    const events = await h.events();
    expect(events).toHaveLength(eventsBefore);
    expect(events.filter((e) => e.type === 'VotingClosed')).toHaveLength(1);
    // Past deadlines fired too (the campaign never left its first phase); none of them failed.
    expect(events.filter((e) => e.type === 'CampaignDeadlineMissed').length).toBeGreaterThan(0);
    expect(h.logs.filter((l) => l.level === 'error')).toEqual([]);
  });
});
