import { loadModelRows, readModelDigest } from '../core/digest';
import { projectInMemory } from '../core/project-in-memory';
import { projectIntoSql } from '../testing/project-into-sql';
import { SeasonBuilder, toStored } from '../testing/season-builder';
import { testSql, type TestSql } from '../testing/test-sql';
import { honourListProjection, type HonourEntry } from './honour-list.projection';
import { honourEntry, honourList, honourListFromRows } from './honour-list.query';

const season = new SeasonBuilder();
const events = toStored([
  ...season.opening(),
  ...season.nomination({ nominationId: 'n-1', awardCode: 'chair_certificate_of_merit', unitId: 'u-health', rank: 2 }),
  ...season.nomination({ nominationId: 'n-2', awardCode: 'chair_certificate_of_merit', unitId: 'u-finance', rank: 1, until: 'revoked' }),
  ...season.nomination({ nominationId: 'n-3', awardCode: 'chair_certificate_of_merit', unitId: 'u-a', until: 'approved' }),
  ...season.nomination({ nominationId: 'n-4', awardCode: 'advanced_worker', unitId: 'u-b', choices: ['no', 'no', 'no', 'no'] }),
  ...season.nomination({ nominationId: 'n-5', awardCode: 'advanced_worker', unitId: 'u-c' }),
]);
const at = (n: string, type: string) => {
  const e = events.find((x) => x.type === type && (x.data as { nominationId?: string }).nominationId === n)!;
  return { position: e.position, hash: e.hash, type };
};

describe('honour list: given events → rows', () => {
  it('lists published entries only, with decision number and date; a revoked one stays, marked revoked', async () => {
    const entries = (await projectInMemory(events, [honourListProjection])).get('honour_list')!.get('entries')!;
    expect([...entries.keys()].sort()).toEqual(['n-1', 'n-2', 'n-5']);
    expect(entries.get('n-1')).toEqual({
      nominationId: 'n-1',
      campaignId: 'c-2026',
      awardCode: 'chair_certificate_of_merit',
      awardNameVi: season.award('chair_certificate_of_merit').nameVi,
      awardNameEn: season.award('chair_certificate_of_merit').nameEn,
      level: 'provincial',
      recipientKind: 'individual',
      nomineeName: 'Nominee n-1',
      unitId: 'u-health',
      decisionNumber: 'QD-n-1',
      decisionDate: '2026-10-12',
      signerRole: 'approver',
      honourListId: 'hl-c-2026-chair_certificate_of_merit',
      rank: 2,
      publishedAt: '2026-11-02T02:00:00Z',
      status: 'published',
      revocation: null,
      sources: [at('n-1', 'NominationSubmitted'), at('n-1', 'NominationApproved'), at('n-1', 'NominationPublished')],
    } satisfies HonourEntry);
    const revoked = entries.get('n-2') as HonourEntry;
    expect(revoked.status).toBe('revoked');
    const { type: _t, ...revokedAt } = at('n-2', 'AwardRevoked');
    expect(revoked.revocation).toEqual({ decisionNumber: 'QD-HUY-n-2', decisionDate: '2027-03-01', legalGround: 'Khoản 2 Điều 91 Luật Thi đua, khen thưởng', revokedAt: '2027-03-01T02:00:00Z', source: revokedAt });
  });
});

describe.each(['sqlite', 'postgres'] as const)('honour list on %s', (dialect) => {
  let t: TestSql;
  beforeAll(async () => {
    t = await testSql(dialect);
    await projectIntoSql(t.client, [honourListProjection], events);
  });
  afterAll(() => t.cleanup());

  it('holds the same rows as the in-memory projection', async () => {
    const memory = (await projectInMemory(events, [honourListProjection])).get('honour_list')!;
    expect(readModelDigest(await loadModelRows(t.client, honourListProjection))).toBe(readModelDigest(memory));
  });

  it('answers per campaign and award type, by rank', async () => {
    const merit = await honourList(t.client, { campaignId: 'c-2026', awardCode: 'chair_certificate_of_merit' });
    expect(merit.map((e) => [e.nominationId, e.rank, e.status])).toEqual([
      ['n-2', 1, 'revoked'],
      ['n-1', 2, 'published'],
    ]);
    expect((await honourList(t.client, { campaignId: 'c-2026' })).map((e) => e.nominationId)).toEqual(['n-5', 'n-2', 'n-1']);
    expect(await honourList(t.client, { campaignId: 'c-other' })).toEqual([]);
    const memory = (await projectInMemory(events, [honourListProjection])).get('honour_list')!;
    for (const q of [{ campaignId: 'c-2026' }, { campaignId: 'c-2026', awardCode: 'advanced_worker' }]) expect(honourListFromRows(memory, q)).toEqual(await honourList(t.client, q));
    expect((await honourEntry(t.client, 'n-5'))?.decisionNumber).toBe('QD-n-5');
    expect(await honourEntry(t.client, 'n-3')).toBeNull();
  });
});
