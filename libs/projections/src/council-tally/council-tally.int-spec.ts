import type { SecretBallot } from '@vinhdanh/domain';
import { loadModelRows, readModelDigest } from '../core/digest';
import { projectInMemory } from '../core/project-in-memory';
import { projectIntoSql } from '../testing/project-into-sql';
import { SeasonBuilder, toStored, type SeasonEvent } from '../testing/season-builder';
import { testSql, type TestSql } from '../testing/test-sql';
import { councilTallyProjection, type TallyRow } from './council-tally.projection';
import { tallies, talliesFromRows } from './council-tally.query';

const season = new SeasonBuilder();
const events = toStored([
  ...season.opening(),
  ...season.nomination({ nominationId: 'n-1', awardCode: 'chair_certificate_of_merit', unitId: 'u-health', choices: ['yes', 'no', 'yes', 'abstain'], until: 'voted' }),
  ...season.nomination({ nominationId: 'n-2', awardCode: 'advanced_worker', unitId: 'u-b', choices: ['yes', 'no', 'yes', 'yes'], until: 'voted' }),
]);
const source = (n: string, type: string, nth = 0) => {
  const e = events.filter((x) => x.type === type && (x.data as { nominationId?: string }).nominationId === n)[nth];
  return { position: e.position, hash: e.hash, type };
};

describe('council tally: given events → rows', () => {
  it('holds eligible, recused and present members, quorum, counts, threshold and result; secret ballots by id, apart from participation', async () => {
    const rows = (await projectInMemory(events, [councilTallyProjection])).get('council_tally')!.get('tallies')!;
    const closed = events.find((e) => e.type === 'VotingClosed' && (e.data as { nominationId: string }).nominationId === 'n-1')!;
    const revealed = (closed.data as { ballots: SecretBallot[] }).ballots;
    expect(rows.get('s-1|n-1')).toEqual({
      sessionId: 's-1',
      nominationId: 'n-1',
      councilId: 'council-prov',
      campaignId: 'c-2026',
      ballot: 'secret',
      status: 'counted',
      members: ['m-1', 'm-2', 'm-3', 'm-4', 'm-5'],
      eligible: ['m-1', 'm-2', 'm-3', 'm-4'],
      recused: [{ memberId: 'm-5', ground: 'same_unit' }],
      present: ['m-1', 'm-2', 'm-3', 'm-4'],
      quorum: { parts: 2, of: 3 },
      quorumRequired: 3,
      quorumMet: true,
      participation: ['m-1', 'm-2', 'm-3', 'm-4'],
      ballots: revealed,
      votes: null,
      yes: 2,
      no: 1,
      abstain: 1,
      threshold: { parts: 70, of: 100 },
      thresholdBase: 'members_present',
      thresholdDenominator: 4,
      yesRequired: 3,
      passed: false,
      sources: [
        source('n-1', 'VotingOpened'),
        source('n-1', 'BallotCast', 0),
        source('n-1', 'BallotCast', 1),
        source('n-1', 'BallotCast', 2),
        source('n-1', 'BallotCast', 3),
        source('n-1', 'VotingClosed'),
        source('n-1', 'NominationVoted'),
      ],
    } satisfies TallyRow);
    // Revealed order is the shuffled order of the event, not the order members voted in.
    expect(revealed.map((b) => b.choice)).not.toEqual(['yes', 'no', 'yes', 'abstain']);
    const open = rows.get('s-1|n-2') as TallyRow;
    expect(open.votes).toEqual([
      { memberId: 'm-1', choice: 'yes' },
      { memberId: 'm-2', choice: 'no' },
      { memberId: 'm-4', choice: 'yes' },
      { memberId: 'm-5', choice: 'yes' },
    ]);
    expect(open.ballots).toBeNull();
    expect(open).toMatchObject({ yes: 3, no: 1, passed: true, recused: [{ memberId: 'm-3', ground: 'same_unit' }] });
  });
});

describe('council tally: a recusal declared while the vote is open', () => {
  // m-2 declares a conflict after voting opened and before voting: the open tally shows it at once.
  const base = [...season.opening(), ...season.nomination({ nominationId: 'n-3', awardCode: 'advanced_worker', unitId: 'u-c', choices: ['yes', 'yes', 'yes', 'yes'], until: 'voted' })];
  const opened = base.findIndex((e) => e.type === 'VotingOpened');
  const template = base[opened];
  const late: SeasonEvent = { ...template, eventId: `${template.eventId}-late`, type: 'MemberRecused', data: { nominationId: 'n-3', memberId: 'm-2', ground: 'declared_conflict', recusedAt: '2026-09-20T03:00:00Z' } };
  const lateEvents = toStored([...base.slice(0, opened + 1), late]);

  it('given VotingOpened, when a member recuses, then the open tally lists them as recused and neither eligible nor present', async () => {
    const row = (await projectInMemory(lateEvents, [councilTallyProjection])).get('council_tally')!.get('tallies')!.get('s-1|n-3') as TallyRow;
    expect(row.status).toBe('open');
    expect(row.recused).toContainEqual({ memberId: 'm-2', ground: 'declared_conflict' });
    expect(row.eligible).not.toContain('m-2');
    expect(row.present).not.toContain('m-2');
    expect(row.sources.map((x) => x.type)).toEqual(['VotingOpened', 'MemberRecused']);
  });

  it('given a recusal in one vote, when the nomination is voted on again, then the new vote lists it too', async () => {
    const again: SeasonEvent = { ...template, eventId: `${template.eventId}-again`, data: { ...(template.data as object), sessionId: 's-2' } };
    const events2 = toStored([...base.slice(0, opened + 1), late, again]);
    const row = (await projectInMemory(events2, [councilTallyProjection])).get('council_tally')!.get('tallies')!.get('s-2|n-3') as TallyRow;
    expect(row.recused).toContainEqual({ memberId: 'm-2', ground: 'declared_conflict' });
  });

  it('given the count, then the row holds the lists the count used', async () => {
    const counted = toStored(base);
    const voted = counted.find((e) => e.type === 'NominationVoted')!.data as { eligible: string[]; present: string[]; recused: unknown[] };
    const row = (await projectInMemory(counted, [councilTallyProjection])).get('council_tally')!.get('tallies')!.get('s-1|n-3') as TallyRow;
    expect([row.eligible, row.present, row.recused]).toEqual([voted.eligible, voted.present, voted.recused]);
  });

  it.each(['sqlite', 'postgres'] as const)('holds the same rows in SQL on %s, with the recusal in its own batch', async (dialect) => {
    const t = await testSql(dialect);
    try {
      await projectIntoSql(t.client, [councilTallyProjection], lateEvents.slice(0, -1));
      await projectIntoSql(t.client, [councilTallyProjection], lateEvents.slice(-1));
      const memory = (await projectInMemory(lateEvents, [councilTallyProjection])).get('council_tally')!;
      expect(readModelDigest(await loadModelRows(t.client, councilTallyProjection))).toBe(readModelDigest(memory));
    } finally {
      await t.cleanup();
    }
  });
});

describe.each(['sqlite', 'postgres'] as const)('council tally on %s', (dialect) => {
  let t: TestSql;
  beforeAll(async () => {
    t = await testSql(dialect);
    await projectIntoSql(t.client, [councilTallyProjection], events);
  });
  afterAll(() => t.cleanup());

  it('holds the same rows as the in-memory projection, by nomination and by session', async () => {
    const memory = (await projectInMemory(events, [councilTallyProjection])).get('council_tally')!;
    expect(readModelDigest(await loadModelRows(t.client, councilTallyProjection))).toBe(readModelDigest(memory));
    expect((await tallies(t.client, { sessionId: 's-1' })).map((r) => r.nominationId)).toEqual(['n-1', 'n-2']);
    expect((await tallies(t.client, { nominationId: 'n-2' })).map((r) => r.passed)).toEqual([true]);
    expect(await tallies(t.client, { sessionId: 's-9' })).toEqual([]);
    for (const q of [{ sessionId: 's-1' }, { nominationId: 'n-1' }, { campaignId: 'c-2026' }]) expect(talliesFromRows(memory, q)).toEqual(await tallies(t.client, q));
  });
});
