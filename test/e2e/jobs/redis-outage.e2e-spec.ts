import { compactInstant, openJobQueues, type JobQueues } from '@vinhdanh/jobs';
import { eventually, JobsHarness } from './support/jobs-harness';
import { PrivateRedis } from './support/private-redis';
import { ACTORS, Season } from './support/season';
import { CloseSessionCommand } from '@vinhdanh/application';

/**
 * The story: Redis crashes mid-season and comes back empty. Members keep voting meanwhile,
 * because the log is the truth; the decision deadline passes during the outage; when Redis
 * returns, the scheduler finds its jobs gone, replays the log, and the vote is closed anyway.
 */
describe('Redis stopped and restarted mid-season loses no deadline (PostgreSQL, a private redis-server)', () => {
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

  it('takes commands while Redis is down, holds its checkpoint, and closes the vote once Redis is back', async () => {
    season = new Season(h.workflow, new Date(Date.now() + 8_000));
    await season.openCampaign();
    await season.toNoticeClosed('n-1');
    await h.startWorker(redis.url);
    await eventually(async () => (await h.worker!.scheduler.status()).lag === 0, 'the scheduler to catch up');
    const publicationJob = `deadline.publication.${season.campaignId}.${compactInstant(season.schedule.publicationDeadline)}`;
    expect(await (await queues.queues.deadlines.getJob(publicationJob))?.getState()).toBe('delayed');

    await redis.kill();
    const logsAtOutage = h.logs.length;
    // The council goes on: the log takes every command.
    await season.openVoting('n-1');
    await season.vote('n-1', ['m-1', 'm-2']);
    const head = (await h.events()).length;
    await eventually(() => h.logs.slice(logsAtOutage).some((l) => l.message.startsWith('scheduling paused')), 'the scheduler to notice the outage');
    expect((await h.worker!.scheduler.status()).checkpoint).toBeLessThan(head);

    // The deadline passes while Redis is down; the restarted Redis has none of the old jobs.
    await eventually(() => Date.now() > Date.parse(season.schedule.decisionDeadline), 'the decision deadline to pass');
    await redis.restart();

    const closed = await eventually(async () => (await h.events()).find((e) => e.type === 'VotingClosed'), 'the vote to be closed after the outage');
    expect(closed.data).toMatchObject({ nominationId: 'n-1', closedBy: 'system:scheduler' });
    expect((closed.data as { ballots: unknown[] }).ballots).toHaveLength(2);
    expect((await h.events()).filter((e) => e.type === 'NominationVoted')).toHaveLength(1);
    // Deadlines still to come were scheduled again from the log.
    // (The test's own queue client reconnects in its own time; until then it throws.)
    const state = async () => (await queues.queues.deadlines.getJob(publicationJob))?.getState();
    await eventually(() => state().then((s) => s === 'delayed', () => false), 'future deadlines to be back');
    expect(h.logs.some((l) => l.message.startsWith('Redis no longer holds the scheduled jobs'))).toBe(true);
    await eventually(async () => (await h.worker!.scheduler.status()).lag === 0, 'the scheduler to reach the head');
  });

  it('shuts down without waiting for Redis, and resumes from its checkpoint when started again', async () => {
    await redis.kill();
    await h.workflow.commandBus.execute(
      new CloseSessionCommand({ councilId: season.councilId, sessionId: 's-1' }, season.meta(ACTORS.secretary, new Date().toISOString())),
    );
    // SIGTERM during the outage: nothing can be drained, so nothing is waited for.
    await h.stopWorker();
    await redis.restart();
    await h.startWorker(redis.url);
    const head = (await h.events()).length;
    await eventually(async () => (await h.worker!.scheduler.status()).checkpoint === head, 'the scheduler to resume and reach the head');
  });
});
