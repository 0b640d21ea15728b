import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { campaignStream, defaultCatalog, nominationStream, type CampaignSchedule } from '@vinhdanh/domain';
import { createEventStore, type EventStore, type JsonValue } from '@vinhdanh/event-store';
import { SqliteClient } from '@vinhdanh/sql';
import type { PlannedJob } from './deadline-plan';
import { DeadlineScheduler } from './deadline-scheduler';
import type { JobSink } from './job-sink';

/** Redis as the scheduler sees it: add-once by id, remove, an epoch marker, and a switch to take it down. */
class FakeRedis implements JobSink {
  readonly jobs = new Map<string, PlannedJob>();
  readonly removed: string[] = [];
  private readonly epochs = new Map<string, string>();
  down = false;
  refused = 0;
  created = 0;

  private check(): void {
    if (this.down) {
      this.refused += 1;
      throw new Error('connect ECONNREFUSED');
    }
  }
  async add(job: PlannedJob): Promise<void> {
    this.check();
    if (this.jobs.has(job.id)) return;
    this.jobs.set(job.id, job);
    this.created += 1;
  }
  async remove(_queue: string, jobId: string): Promise<void> {
    this.check();
    this.jobs.delete(jobId);
    this.removed.push(jobId);
  }
  async readEpoch(name: string): Promise<string | null> {
    this.check();
    return this.epochs.get(name) ?? null;
  }
  async writeEpoch(name: string, epoch: string): Promise<void> {
    this.check();
    this.epochs.set(name, epoch);
  }
  /** A restart without persistence. */
  wipe(): void {
    this.jobs.clear();
    this.epochs.clear();
  }
  async close(): Promise<void> {}
}

const SCHEDULE: CampaignSchedule = {
  pledgeDeadline: '2026-03-31T16:59:59Z',
  nominationDeadline: '2026-06-30T16:59:59Z',
  evaluationDeadline: '2026-08-31T16:59:59Z',
  noticeStart: '2026-09-01T00:00:00Z',
  noticeEnd: '2026-09-30T16:59:59Z',
  councilSessionAt: '2026-10-05T02:00:00Z',
  decisionDeadline: '2026-10-31T16:59:59Z',
  publicationDeadline: '2026-11-30T16:59:59Z',
};
const meta = { actor: { id: 'admin-1', roles: ['admin'] }, correlationId: 'c', recordedAt: '2026-01-05T02:00:00Z' };

async function until(condition: () => Promise<boolean> | boolean, what: string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (await condition()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`gave up waiting for ${what}`);
}

describe('DeadlineScheduler', () => {
  let dir: string;
  let store: EventStore;
  let sql: SqliteClient;
  let redis: FakeRedis;
  let scheduler: DeadlineScheduler;

  const append = (streamId: string, type: string, data: Record<string, unknown>) =>
    store.append(streamId, [{ eventId: randomUUID(), type, data: data as JsonValue, metadata: meta }], 'any');
  const start = async () => {
    scheduler = new DeadlineScheduler({ store, sql, sink: redis, retryMs: 20, maxRetryMs: 100, epochCheckMs: 50 });
    await scheduler.start();
  };
  const caughtUp = async () => (await scheduler.status()).lag === 0;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vinhdanh-jobs-'));
    store = createEventStore({ backend: 'sqlite', sqlitePath: join(dir, 'events.db') });
    sql = SqliteClient.open(join(dir, 'events.read.db'));
    redis = new FakeRedis();
    await append(campaignStream('c-1'), 'CampaignOpened', { campaignId: 'c-1', schedule: SCHEDULE, catalog: defaultCatalog() as unknown as JsonValue });
    await append(nominationStream('n-1'), 'NominationSubmitted', { nominationId: 'n-1', campaignId: 'c-1', awardCode: 'advanced_worker', nomineeName: 'A' });
    await start();
    await until(caughtUp, 'the scheduler to catch up');
  });

  afterEach(async () => {
    await scheduler.stop();
    await store.close();
    await sql.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('schedules every deadline the log sets, and a replay from position 0 schedules nothing twice', async () => {
    const scheduled = [...redis.jobs.keys()].sort();
    expect(scheduled).toHaveLength(6 + 5);
    expect(scheduled).toContain('deadline.decision.n-1.2026-10-31T165959.000Z');
    const created = redis.created;
    await scheduler.stop();
    await sql.execute('UPDATE job_scheduler_state SET checkpoint = 0');
    await start();
    await until(caughtUp, 'the replay');
    expect([...redis.jobs.keys()].sort()).toEqual(scheduled);
    expect(redis.created).toBe(created);
  });

  it('replaces the job of a moved deadline', async () => {
    await append(nominationStream('n-1'), 'NominationReturned', { nominationId: 'n-1', resubmitBy: '2026-07-20T16:59:59Z' });
    await until(caughtUp, 'the first return');
    const first = 'reminder.resubmission.n-1.2026-07-20T165959.000Z';
    expect(redis.jobs.has(first)).toBe(true);
    await append(nominationStream('n-1'), 'NominationResubmitted', { nominationId: 'n-1' });
    await append(nominationStream('n-1'), 'NominationReturned', { nominationId: 'n-1', resubmitBy: '2026-07-27T16:59:59Z' });
    await until(caughtUp, 'the second return');
    expect(redis.jobs.has(first)).toBe(false);
    expect(redis.removed).toEqual([first]);
    expect([...redis.jobs.keys()].filter((id) => id.startsWith('reminder.resubmission.'))).toEqual(['reminder.resubmission.n-1.2026-07-27T165959.000Z']);
  });

  it('keeps its checkpoint while Redis is down, and schedules what it missed when Redis returns', async () => {
    const before = (await scheduler.status()).checkpoint;
    redis.down = true;
    await append(nominationStream('n-1'), 'PublicNoticeOpened', { nominationId: 'n-1', endDate: '2026-09-14' });
    await until(() => redis.refused >= 3, 'a few refused attempts');
    expect((await scheduler.status()).checkpoint).toBe(before);
    redis.down = false;
    await until(caughtUp, 'catching up after the outage');
    expect(redis.jobs.has('deadline.notice-close.n-1.2026-09-14T170000.000Z')).toBe(true);
  });

  it('replays the log into a Redis that came back empty, so no deadline is lost', async () => {
    const scheduled = [...redis.jobs.keys()].sort();
    redis.wipe();
    await until(() => redis.jobs.size === scheduled.length, 'the jobs to be scheduled again');
    expect([...redis.jobs.keys()].sort()).toEqual(scheduled);
    await until(caughtUp, 'the checkpoint after the replay');
  });
});
