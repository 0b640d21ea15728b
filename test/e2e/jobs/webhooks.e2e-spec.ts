import { ApproveNominationCommand, CastBallotCommand, CloseVotingCommand, PublishNominationCommand } from '@vinhdanh/application';
import { verifyWebhook, type FailedJob } from '@vinhdanh/jobs';
import { eventually, JobsHarness } from './support/jobs-harness';
import { PrivateRedis } from './support/private-redis';
import { ACTORS, Season, member } from './support/season';
import { WebhookReceiver, type Delivery } from './support/webhook-receiver';

const SECRET = 'webhook-secret-for-the-e2e-tests-0123456789';
const check = (d: Delivery, raw: Buffer | string = d.raw) =>
  verifyWebhook(SECRET, { signature: d.headers['x-vinhdanh-signature'] as string, timestamp: d.headers['x-vinhdanh-timestamp'] as string }, raw);

/** The story: members who have not voted are reminded before the deadline; a published entry reaches the portal, after an operator retries it. */
describe('signed webhooks for reminders and publications (PostgreSQL, Redis, a receiver on 127.0.0.1)', () => {
  let redis: PrivateRedis;
  let h: JobsHarness;
  let receiver: WebhookReceiver;
  let season: Season;

  beforeAll(async () => {
    redis = await PrivateRedis.start();
    h = await JobsHarness.open();
    receiver = await WebhookReceiver.start();
  });

  afterAll(async () => {
    await h?.close();
    await receiver?.close();
    await redis?.kill();
  });

  it('reminds, with a signature the receiver verifies, exactly the members who still have to vote', async () => {
    // The deadline is 30 minutes away and reminders go out an hour before: they are due now.
    season = new Season(h.workflow, new Date(Date.now() + 30 * 60_000));
    await season.openCampaign();
    await season.toNoticeClosed('n-1');
    await season.openVoting('n-1');
    await season.vote('n-1', ['m-1']);
    await h.startWorker(redis.url, {
      reminderLeadMs: 60 * 60_000,
      webhooks: { secret: SECRET, portalUrl: `${receiver.url}/portal`, reminderUrl: `${receiver.url}/reminders` },
    });

    const reminders = await eventually(() => (receiver.to('/reminders').length >= 3 ? receiver.to('/reminders') : null), 'three reminder webhooks');
    const bodies = reminders.map((d) => JSON.parse(d.raw.toString('utf8')) as { type: string; kind: string; nominationId: string; recipientId: string; dueAt: string });
    expect(bodies.map((b) => b.recipientId).sort()).toEqual(['m-2', 'm-3', 'm-4']);
    for (const body of bodies) expect(body).toMatchObject({ type: 'deadline.reminder', kind: 'vote', nominationId: 'n-1', dueAt: season.schedule.decisionDeadline });
    for (const d of reminders) {
      expect(check(d)).toEqual({ ok: true });
      expect(d.headers['x-vinhdanh-event']).toBe('deadline.reminder');
      expect(d.headers['x-vinhdanh-delivery']).toMatch(/^webhook\.reminder\./);
      // One byte changed in transit, and the receiver refuses it.
      const tampered = Buffer.from(d.raw);
      tampered[tampered.length - 2] ^= 1;
      expect(check(d, tampered)).toEqual({ ok: false, reason: 'mismatch' });
    }
    const logged = h.logs.filter((l) => l.message === 'reminder').map((l) => l.context?.recipientId);
    expect(logged.sort()).toEqual(['m-2', 'm-3', 'm-4']);
  });

  it('sends a published entry to the portal; refused, it waits in the failed list until an operator retries it', async () => {
    receiver.status['/portal'] = 400;
    const n = { nominationId: 'n-1' };
    const bus = h.workflow.commandBus;
    for (const id of ['m-2', 'm-3']) await bus.execute(new CastBallotCommand({ ...n, sessionId: 's-1', choice: 'yes' }, season.meta(member(id), season.ago(5))));
    await bus.execute(new CloseVotingCommand({ ...n, sessionId: 's-1' }, season.meta(ACTORS.secretary, season.ago(4))));
    const decisionDate = season.ago(3).slice(0, 10);
    await bus.execute(new ApproveNominationCommand({ ...n, decisionNumber: '12/QĐ-UBND', decisionDate }, season.meta(ACTORS.approver, season.ago(3))));
    await bus.execute(new PublishNominationCommand({ ...n, honourListId: 'hl-e2e', rank: 1 }, season.meta(ACTORS.publisher, season.ago(2))));
    const published = (await h.events()).find((e) => e.type === 'NominationPublished')!;
    const jobId = `webhook.published.n-1.${published.eventId}`;

    const failed = await eventually(async () => (await h.worker!.failedJobs.list()).find((j: FailedJob) => j.id === jobId), 'the refused delivery in the failed list');
    expect(failed).toMatchObject({ queue: 'webhooks', failedReason: expect.stringContaining('HTTP 400') });
    expect(receiver.to('/portal')).toHaveLength(1);

    receiver.status['/portal'] = 200;
    await expect(h.worker!.failedJobs.retry(jobId)).resolves.toEqual({ queue: 'webhooks', id: jobId });
    await eventually(() => receiver.to('/portal').length === 2, 'the retried delivery');
    const delivered = receiver.to('/portal')[1];
    expect(check(delivered)).toEqual({ ok: true });
    expect(delivered.headers['x-vinhdanh-delivery']).toBe(jobId);
    expect(JSON.parse(delivered.raw.toString('utf8'))).toMatchObject({
      type: 'honour_list.entry_published',
      nominationId: 'n-1',
      honourListId: 'hl-e2e',
      rank: 1,
      campaignId: season.campaignId,
      nomineeName: 'Nguyễn Văn A',
      position: published.position,
    });
    await eventually(async () => !(await h.worker!.failedJobs.list()).some((j) => j.id === jobId), 'the job to leave the failed list');
  });
});
