import { campaignStream, defaultCatalog, nominationStream, type CampaignSchedule } from '@vinhdanh/domain';
import type { StoredEvent } from '@vinhdanh/event-store';
import { endOfLocalDate, planEvent, type CampaignInfo, type NominationInfo, type PlanStep, type PlanView } from './deadline-plan';

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
const CAMPAIGN: CampaignInfo = { campaignId: 'c-2026', schedule: SCHEDULE, utcOffsetMinutes: 420 };
const NOMINATION: NominationInfo = { nominationId: 'n-1', campaignId: 'c-2026', awardCode: 'advanced_worker', nomineeName: 'Nguyễn Văn A' };
const OPTIONS = { reminderLeadMs: 24 * 3600_000, portal: true };

let position = 0;
function event(type: string, data: Record<string, unknown>, streamId = nominationStream('n-1')): StoredEvent {
  position += 1;
  return {
    eventId: `e-${position}`,
    type,
    data: data as StoredEvent['data'],
    metadata: { actor: { id: 'x', roles: [] }, correlationId: 'c', recordedAt: '2026-01-01T00:00:00Z' },
    streamId,
    revision: 0,
    position,
    hash: '0'.repeat(64),
  };
}
const view = (campaigns: CampaignInfo[] = [CAMPAIGN], nominations: NominationInfo[] = [NOMINATION]): PlanView => ({
  campaign: (id) => campaigns.find((c) => c.campaignId === id),
  nomination: (id) => nominations.find((n) => n.nominationId === id),
});
const jobs = (steps: PlanStep[]) => steps.flatMap((s) => (s.op === 'schedule' ? [s.job] : []));

describe('planEvent', () => {
  const opened = event(
    'CampaignOpened',
    { campaignId: 'c-2026', schedule: SCHEDULE, catalog: defaultCatalog() as unknown as Record<string, unknown> },
    campaignStream('c-2026'),
  );

  it('schedules one job per campaign deadline, with ids that say what and when, and the same ids every time', () => {
    const planned = jobs(planEvent(opened, view([], []), OPTIONS));
    expect(planned.map((j) => j.id)).toEqual([
      'deadline.pledge.c-2026.2026-03-31T165959.000Z',
      'deadline.nomination.c-2026.2026-06-30T165959.000Z',
      'deadline.evaluation.c-2026.2026-08-31T165959.000Z',
      'deadline.notice.c-2026.2026-09-30T165959.000Z',
      'deadline.decision.c-2026.2026-10-31T165959.000Z',
      'deadline.publication.c-2026.2026-11-30T165959.000Z',
    ]);
    expect(planned.every((j) => !j.id.includes(':'))).toBe(true);
    expect(planEvent(opened, view([], []), OPTIONS)).toEqual(planEvent(opened, view([], []), OPTIONS));
    expect(planEvent(opened, view([], []), OPTIONS)[0]).toEqual({ op: 'campaign', campaign: { ...CAMPAIGN, utcOffsetMinutes: defaultCatalog().calendar.utcOffsetMinutes } });
  });

  it('gives a new nomination its own deadline jobs, once (a later submission of a pledge adds none)', () => {
    const pledged = event('NominationPledged', { ...NOMINATION, unitId: 'u' });
    const planned = jobs(planEvent(pledged, view([CAMPAIGN], []), OPTIONS));
    expect(planned.map((j) => j.data)).toEqual(
      ['nomination', 'evaluation', 'notice', 'decision', 'publication'].map((deadline) => ({
        action: 'mark-deadline-missed',
        nominationId: 'n-1',
        deadline,
        dueAt: SCHEDULE[`${deadline === 'notice' ? 'noticeEnd' : `${deadline}Deadline`}` as keyof CampaignSchedule],
      })),
    );
    expect(jobs(planEvent(event('NominationSubmitted', { ...NOMINATION }), view(), OPTIONS))).toEqual([]);
  });

  it('closes a vote opened without an end at the decision deadline, and reminds the members the lead time before', () => {
    const planned = jobs(planEvent(event('VotingOpened', { nominationId: 'n-1', sessionId: 's-1' }), view(), OPTIONS));
    expect(planned).toEqual([
      expect.objectContaining({
        queue: 'deadlines',
        id: 'deadline.voting.n-1.2026-10-31T165959.000Z',
        dueAt: SCHEDULE.decisionDeadline,
        data: { action: 'close-voting', nominationId: 'n-1', sessionId: 's-1', dueAt: SCHEDULE.decisionDeadline },
      }),
      expect.objectContaining({ queue: 'reminders', dueAt: '2026-10-30T16:59:59.000Z', data: { kind: 'vote', nominationId: 'n-1', dueAt: SCHEDULE.decisionDeadline } }),
    ]);
  });

  it('closes a vote when the secretary said it ends, before the decision deadline', () => {
    const closesAt = '2026-10-20T03:00:00.000Z';
    const [close] = jobs(planEvent(event('VotingOpened', { nominationId: 'n-1', sessionId: 's-1', closesAt }), view(), OPTIONS));
    expect(close).toEqual(
      expect.objectContaining({ queue: 'deadlines', dueAt: closesAt, data: { action: 'close-voting', nominationId: 'n-1', sessionId: 's-1', dueAt: closesAt } }),
    );
  });

  it('closes a public notice when its last local day is over', () => {
    expect(endOfLocalDate('2026-09-14', 420)).toBe('2026-09-14T17:00:00.000Z');
    const [job] = jobs(planEvent(event('PublicNoticeOpened', { nominationId: 'n-1', endDate: '2026-09-14' }), view(), OPTIONS));
    expect(job).toMatchObject({ id: 'deadline.notice-close.n-1.2026-09-14T170000.000Z', data: { action: 'close-public-notice', dueAt: '2026-09-14T17:00:00.000Z' } });
  });

  it('gives a moved resubmission deadline the same slot and a new id', () => {
    const first = jobs(planEvent(event('NominationReturned', { nominationId: 'n-1', resubmitBy: '2026-07-20T16:59:59Z' }), view(), OPTIONS))[0];
    const moved = jobs(planEvent(event('NominationReturned', { nominationId: 'n-1', resubmitBy: '2026-07-27T16:59:59Z' }), view(), OPTIONS))[0];
    expect(moved.slot).toBe(first.slot);
    expect(moved.id).not.toBe(first.id);
  });

  it('sends a publication to the portal only when one is configured', () => {
    const published = event('NominationPublished', { nominationId: 'n-1', honourListId: 'hl-1', rank: 1, publishedAt: '2026-11-02T02:00:00Z' });
    const [job] = jobs(planEvent(published, view(), OPTIONS));
    expect(job).toMatchObject({ queue: 'webhooks', id: `webhook.published.n-1.${published.eventId}`, data: { target: 'portal' } });
    expect(JSON.parse((job.data as { body: string }).body)).toMatchObject({ nominationId: 'n-1', nomineeName: 'Nguyễn Văn A', rank: 1 });
    expect(planEvent(published, view(), { ...OPTIONS, portal: false })).toEqual([]);
  });
});
