import { loadModelRows, readModelDigest } from '../core/digest';
import { projectInMemory } from '../core/project-in-memory';
import { projectIntoSql } from '../testing/project-into-sql';
import { SeasonBuilder, toStored } from '../testing/season-builder';
import { testSql, type TestSql } from '../testing/test-sql';
import { campaignProgressProjection, type CampaignProgressRow, type ProgressItem } from './campaign-progress.projection';
import { campaignProgress, summariseProgress } from './campaign-progress.query';

const season = new SeasonBuilder();
const phases = season.lifecycle({ nominationId: 'n-3', awardCode: 'chair_certificate_of_merit', unitId: 'u-b' });
// n-3 stops half-way through its evaluation: eval-1 scored, eval-2 did not.
const halfScored = [...phases[0], ...phases[1].filter((e) => !(e.type === 'EvaluationScored' && (e.data as { evaluatorId: string }).evaluatorId === 'eval-2') && e.type !== 'NominationEvaluated')];
const missed = season.event('nomination-n-3', { type: 'DeadlineMissed', data: { nominationId: 'n-3', deadline: 'evaluation', dueAt: '2026-08-31T16:59:59Z', outstanding: 'evaluation', recordedAt: '2026-09-01T00:00:00Z' } }, { id: 'system', roles: ['admin'] }, '2026-09-01T00:00:00Z');
const events = toStored([
  ...season.opening(),
  ...season.nomination({ nominationId: 'n-1', awardCode: 'chair_certificate_of_merit', unitId: 'u-health' }),
  ...season.nomination({ nominationId: 'n-2', awardCode: 'advanced_worker', unitId: 'u-a', until: 'approved' }),
  ...halfScored,
  missed,
  ...season.nomination({ nominationId: 'n-4', awardCode: 'advanced_worker', unitId: 'u-a', until: 'submitted' }),
]);
const NOW = '2026-11-05T00:00:00Z';

describe('campaign progress: given events → rows', () => {
  it('counts per stage and unit, lists upcoming deadlines, and who is late since when', async () => {
    const model = (await projectInMemory(events, [campaignProgressProjection])).get('campaign_progress')!;
    const items = model.get('items')!;
    expect(items.get('n-3')).toMatchObject({ stage: 'submitted', nextStep: 'evaluation', dueAt: '2026-08-31T16:59:59Z', waitingOn: ['eval-2'], missedCount: 1 } satisfies Partial<ProgressItem>);
    expect(items.get('n-2')).toMatchObject({ stage: 'approved', nextStep: 'publication', dueAt: '2026-11-30T16:59:59Z', waitingOn: ['publisher'] });
    const progress = summariseProgress(model.get('progress')!.get('c-2026') as CampaignProgressRow, items.values() as Iterable<ProgressItem>, NOW);
    expect(progress.byStage).toEqual({ published: 1, approved: 1, submitted: 2 });
    expect(progress.byUnit).toEqual({ 'u-health': { published: 1 }, 'u-a': { approved: 1, submitted: 1 }, 'u-b': { submitted: 1 } });
    expect(progress.upcomingDeadlines).toEqual([{ deadline: 'publicationDeadline', dueAt: '2026-11-30T16:59:59Z' }]);
    expect(progress.overdue).toEqual([
      { nominationId: 'n-3', unitId: 'u-b', awardCode: 'chair_certificate_of_merit', stage: 'submitted', nextStep: 'evaluation', dueAt: '2026-08-31T16:59:59Z', waitingOn: ['eval-2'] },
      { nominationId: 'n-4', unitId: 'u-a', awardCode: 'advanced_worker', stage: 'submitted', nextStep: 'evaluation', dueAt: '2026-08-31T16:59:59Z', waitingOn: ['council_secretary'] },
    ]);
    expect(progress.missedDeadlines.map((m) => [m.nominationId, m.deadline, m.source.position])).toEqual([['n-3', 'evaluation', events.indexOf(events.find((e) => e.type === 'DeadlineMissed')!)]]);
  });
});

describe.each(['sqlite', 'postgres'] as const)('campaign progress on %s', (dialect) => {
  let t: TestSql;
  beforeAll(async () => {
    t = await testSql(dialect);
    await projectIntoSql(t.client, [campaignProgressProjection], events);
  });
  afterAll(() => t.cleanup());

  it('holds the same rows as in memory and the query equals the in-memory summary', async () => {
    const model = (await projectInMemory(events, [campaignProgressProjection])).get('campaign_progress')!;
    expect(readModelDigest(await loadModelRows(t.client, campaignProgressProjection))).toBe(readModelDigest(model));
    const expected = summariseProgress(model.get('progress')!.get('c-2026') as CampaignProgressRow, model.get('items')!.values() as Iterable<ProgressItem>, NOW);
    expect(await campaignProgress(t.client, 'c-2026', NOW)).toEqual(expected);
    expect((await campaignProgress(t.client, 'c-2026', '2026-08-31T16:59:59Z'))!.overdue).toEqual([]);
    expect(await campaignProgress(t.client, 'c-none', NOW)).toBeNull();
  });
});
