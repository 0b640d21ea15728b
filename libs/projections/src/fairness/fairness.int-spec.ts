import type { StoredEvent } from '@vinhdanh/event-store';
import { loadModelRows, readModelDigest } from '../core/digest';
import { projectInMemory } from '../core/project-in-memory';
import { projectIntoSql } from '../testing/project-into-sql';
import { SeasonBuilder, toStored, type SeasonEvent } from '../testing/season-builder';
import { testSql, type TestSql } from '../testing/test-sql';
import { FAIRNESS_CHECKS, type CheckRow, type FairnessCheckCode } from './fairness-checks';
import { buildFairnessReport, fairnessChecks, fairnessReport } from './fairness-report';
import { checksOf as unpackChecks, fairnessProjection, packVerdicts, type AwardRow, type Verdicts } from './fairness.projection';

/**
 * Each violation is written straight into the event list, as a writer bypassing the domain
 * would; the report must flag it from the raw events alone.
 */
type Data = Record<string, unknown>;
const season = new SeasonBuilder();
const sessionTwo = new SeasonBuilder({ salt: 's2', sessionId: 's-2' });

function edit(events: SeasonEvent[], type: string, change: (data: Data, e: SeasonEvent) => void, nth = 0): SeasonEvent[] {
  const found = events.filter((e) => e.type === type)[nth];
  if (!found) throw new Error(`no ${type}`);
  change(found.data as Data, found);
  return events;
}
const move = (events: SeasonEvent[], type: string, afterType: string): SeasonEvent[] => {
  const moving = events.find((e) => e.type === type)!;
  const rest = events.filter((e) => e !== moving);
  const at = rest.findIndex((e) => e.type === afterType);
  return [...rest.slice(0, at + 1), moving, ...rest.slice(at + 1)];
};
const nom = (nominationId: string, extra: Partial<Parameters<SeasonBuilder['nomination']>[0]> = {}) =>
  season.nomination({ nominationId, awardCode: 'chair_certificate_of_merit', unitId: 'u-health', ...extra });

const violations: Record<FairnessCheckCode, () => SeasonEvent[]> = {
  // Session s-2 has two members present; VotingOpened claims four.
  quorum: () => [
    ...sessionTwo.session(['m-1', 'm-2'], 's-2'),
    ...edit(sessionTwo.nomination({ nominationId: 'v-quorum', awardCode: 'chair_certificate_of_merit', unitId: 'u-health' }), 'VotingOpened', (d) => (d.present = ['m-1', 'm-2', 'm-3', 'm-4'])),
  ],
  // Two yes of four present needs three (70%); NominationVoted claims a pass.
  threshold: () => edit(nom('v-threshold', { choices: ['yes', 'yes', 'no', 'no'], until: 'voted' }), 'NominationVoted', (d) => (d.passed = true)),
  // m-5 sits in the nominee's unit (recused) and votes anyway; m-1 votes twice.
  ballots: () => {
    const events = nom('v-ballots', { until: 'voted' });
    const cast = events.find((e) => e.type === 'BallotCast')!;
    const i = events.indexOf(cast);
    const twice = { ...cast, eventId: `${cast.eventId.slice(0, -4)}aaaa` };
    const recused = { ...cast, eventId: `${cast.eventId.slice(0, -4)}bbbb`, data: { ...(cast.data as Data), memberId: 'm-5' } } as SeasonEvent;
    return [...events.slice(0, i + 1), twice, recused, ...events.slice(i + 1)];
  },
  // Closed the day after opening: 5 working days not over.
  notice: () => edit(nom('v-notice', { until: 'voted' }), 'PublicNoticeClosed', (d) => (d.closedAt = '2026-09-08T02:00:00Z')),
  // The objection is resolved only after voting opened.
  objections: () => move(nom('v-objections', { objections: [{ objectionId: 'o-1', outcome: 'dismissed' }], until: 'approved' }), 'ObjectionResolved', 'VotingOpened'),
  // The nominee signs their own approval.
  segregation: () => edit(nom('v-segregation', { until: 'approved' }), 'NominationApproved', (d, e) => {
    d.signerId = 'p-v-segregation';
    e.metadata.actor = { id: 'p-v-segregation', roles: ['approver'] };
  }),
  // A score above the criterion's maximum.
  scores: () => edit(nom('v-scores', { until: 'voted' }), 'EvaluationScored', (d) => {
    const scores = d.scores as { criterionCode: string; score: number }[];
    scores[0] = { ...scores[0], score: 1000 };
  }),
  // Emulation fighter in a unit with no advanced workers: 15% of 0 is 0.
  quota: () => season.nomination({ nominationId: 'v-quota', awardCode: 'grassroots_emulation_fighter', unitId: 'u-lonely', until: 'approved' }),
  // Published after the publication deadline.
  schedule: () => edit(nom('v-schedule'), 'NominationPublished', (d, e) => {
    d.publishedAt = '2026-12-15T02:00:00Z';
    e.metadata.recordedAt = '2026-12-15T02:00:00Z';
  }),
};

const opening = season.opening();
const fine = [
  ...nom('ok-1', { objections: [{ objectionId: 'o-9', outcome: 'dismissed' }] }),
  ...season.nomination({ nominationId: 'ok-2', awardCode: 'advanced_worker', unitId: 'u-b', nomineeRole: 'manager' }),
  ...season.nomination({ nominationId: 'ok-3', awardCode: 'advanced_worker', unitId: 'u-b' }),
  ...season.nomination({ nominationId: 'ok-4', awardCode: 'chair_certificate_of_merit', unitId: 'u-c', choices: ['no', 'no', 'no', 'yes'] }),
];

async function checksOf(events: StoredEvent[], nominationId: string): Promise<Map<FairnessCheckCode, CheckRow>> {
  const verdicts = (await projectInMemory(events, [fairnessProjection])).get('fairness')!.get('verdicts')!.get(nominationId) as Verdicts;
  const checks = unpackChecks(verdicts);
  expect(verdicts.failed).toEqual(checks.filter((c) => c.result === 'fail').map((c) => c.check));
  return new Map(checks.map((c) => [c.check, c]));
}

describe('fairness report: given events → checks', () => {
  it('passes every check on decisions that kept every rule, citing the events', async () => {
    const events = toStored([...opening, ...fine]);
    for (const id of ['ok-1', 'ok-2', 'ok-3', 'ok-4']) {
      const checks = await checksOf(events, id);
      expect([...checks.keys()].sort()).toEqual([...FAIRNESS_CHECKS].sort());
      for (const c of checks.values()) {
        expect([c.nominationId, c.check, c.result]).toEqual([id, c.check, 'pass']);
        for (const ev of c.evidence) expect(events[ev.position].hash).toBe(ev.hash);
        // Each cited event once, in log order.
        expect(c.evidence.every((ev, i) => i === 0 || c.evidence[i - 1].position < ev.position)).toBe(true);
      }
    }
  });

  it('stores each cited hash once per decision and gives the checks back whole', async () => {
    const events = toStored([...opening, ...fine]);
    const verdicts = (await projectInMemory(events, [fairnessProjection])).get('fairness')!.get('verdicts')!.get('ok-1') as Verdicts;
    const checks = unpackChecks(verdicts);
    const cited = new Set(checks.flatMap((c) => c.evidence.map((e) => e.position)));
    expect(Object.keys(verdicts.hashes).map(Number).sort((a, b) => a - b)).toEqual([...cited].sort((a, b) => a - b));
    expect(checks.reduce((n, c) => n + c.evidence.length, 0)).toBeGreaterThan(cited.size);
    expect(packVerdicts('c-2026', 'ok-1', checks)).toEqual(verdicts);
  });

  it.each(FAIRNESS_CHECKS)('flags a %s violation written straight to the store', async (check) => {
    const bad = violations[check]();
    const nominationId = (bad.find((e) => e.type === 'NominationSubmitted')!.data as Data).nominationId as string;
    const events = toStored([...opening, ...fine, ...bad]);
    const checks = await checksOf(events, nominationId);
    expect(checks.get(check)).toMatchObject({ result: 'fail' });
    expect(checks.get(check)!.evidence.length).toBeGreaterThan(0);
    // The violation is pinned on this nomination only.
    for (const id of ['ok-1', 'ok-2', 'ok-3', 'ok-4']) for (const c of (await checksOf(events, id)).values()) expect(c.result).toBe('pass');
  });

  it('gives distribution figures and flags outliers by the configured bounds', async () => {
    const model = (await projectInMemory(toStored([...opening, ...fine]), [fairnessProjection])).get('fairness')!;
    const report = buildFairnessReport('c-2026', [...(model.get('verdicts')!.values() as Iterable<Verdicts>)].flatMap(unpackChecks), model.get('awards')!.values() as Iterable<AwardRow>, {
      maxUnitShare: 0.5,
      maxManagerShare: 0.4,
      maxLevelShare: 1,
    });
    expect(report.distribution.awards).toBe(3);
    expect(report.distribution.byUnit).toEqual([
      { unitId: 'u-b', count: 2, share: 0.6667, outlier: true },
      { unitId: 'u-health', count: 1, share: 0.3333, outlier: false },
    ]);
    expect(report.distribution.byLevel).toEqual([
      { level: 'grassroots', count: 2, share: 0.6667, outlier: false },
      { level: 'provincial', count: 1, share: 0.3333, outlier: false },
    ]);
    expect(report.distribution.byRole).toEqual({ directWorkers: 2, managers: 1, unrecorded: 0, managerShare: 0.3333, outlier: false });
    expect(report.decisions.map((d) => [d.nominationId, d.failed])).toEqual([
      ['ok-1', []],
      ['ok-2', []],
      ['ok-3', []],
      ['ok-4', []],
    ]);
    expect(report.summary.quorum).toEqual({ pass: 4, fail: 0, pending: 0 });
  });
});

describe.each(['sqlite', 'postgres'] as const)('fairness report on %s', (dialect) => {
  let t: TestSql;
  const events = toStored([...opening, ...fine, ...FAIRNESS_CHECKS.flatMap((c) => violations[c]())]);
  beforeAll(async () => {
    t = await testSql(dialect);
    await projectIntoSql(t.client, [fairnessProjection], events);
  });
  afterAll(() => t.cleanup());

  it('holds the same rows as the in-memory projection and reports every violation', async () => {
    const memory = (await projectInMemory(events, [fairnessProjection])).get('fairness')!;
    expect(readModelDigest(await loadModelRows(t.client, fairnessProjection))).toBe(readModelDigest(memory));
    const report = await fairnessReport(t.client, 'c-2026');
    const failed = Object.fromEntries(report.decisions.map((d) => [d.nominationId, d.failed]));
    for (const check of FAIRNESS_CHECKS) expect(failed[`v-${check}`]).toContain(check);
    for (const id of ['ok-1', 'ok-2', 'ok-3', 'ok-4']) expect(failed[id]).toEqual([]);
    expect((await fairnessChecks(t.client, 'v-notice')).map((c) => c.check)).toEqual([...FAIRNESS_CHECKS]);
  });
});

