import { loadModelRows, readModelDigest, type ModelRows } from '../core/digest';
import { projectInMemory } from '../core/project-in-memory';
import { projectIntoSql } from '../testing/project-into-sql';
import { SeasonBuilder, SHA, toStored } from '../testing/season-builder';
import { testSql, type TestSql } from '../testing/test-sql';
import { assembleDossier, dossierProjection, type Dossier, type DossierDoc, type DossierStepRow } from './dossier.projection';
import { dossier, dossiers } from './dossier.query';

const season = new SeasonBuilder();
const events = toStored([
  ...season.opening(),
  ...season.nomination({ nominationId: 'n-1', awardCode: 'chair_certificate_of_merit', unitId: 'u-health', objections: [{ objectionId: 'o-1', outcome: 'dismissed' }], until: 'revoked' }),
  ...season.nomination({ nominationId: 'n-2', awardCode: 'advanced_worker', unitId: 'u-b', choices: ['no', 'no', 'yes', 'no'] }),
]);
const inMemory = (rows: ModelRows, nominationId: string): Dossier => {
  const steps = [...rows.get('steps')!.values()].filter((r) => r.nominationId === nominationId) as DossierStepRow[];
  return assembleDossier(rows.get('dossiers')!.get(nominationId) as DossierDoc, steps);
};
const cited = (n: string, type: string, nth = 0) => {
  const e = events.filter((x) => x.type === type && (x.data as { nominationId?: string }).nominationId === n)[nth];
  return { position: e.position, hash: e.hash };
};

describe('dossier: given events → rows', () => {
  let d1: Dossier;
  let d2: Dossier;
  beforeAll(async () => {
    const rows = (await projectInMemory(events, [dossierProjection])).get('dossier')!;
    d1 = inMemory(rows, 'n-1');
    d2 = inMemory(rows, 'n-2');
  });

  it('names nominee, unit and award, and every step with actor, time, rule and evidence hashes', () => {
    expect(d1.nominee).toEqual({ id: 'p-n-1', name: 'Nominee n-1', unitId: 'u-health', role: 'direct_worker' });
    expect(d1.awardCode).toBe('chair_certificate_of_merit');
    expect(d1.status).toBe('revoked');
    const n1Events = events.filter((e) => (e.data as { nominationId?: string }).nominationId === 'n-1');
    expect(d1.steps.map((s) => s.position)).toEqual(n1Events.map((e) => e.position));
    const submitted = d1.steps.find((s) => s.type === 'NominationSubmitted')!;
    expect(submitted).toMatchObject({ ...cited('n-1', 'NominationSubmitted'), actorId: 'officer-u-health', at: '2026-05-04T02:00:00Z', evidence: [SHA(1)], rule: 'by the nominationDeadline (2026-06-30T16:59:59Z)' });
    expect(d1.steps.find((s) => s.type === 'EvaluatorAssigned')!.rule).toBe("2 evaluator(s), none from the nominee's unit, never the submitter");
  });

  it('holds scores per criterion and evaluator, objections and their resolution, tally, decision, publication and revocation', () => {
    const criteria = season.award('chair_certificate_of_merit').criteria;
    expect(d1.scores).toHaveLength(2 * criteria.length);
    expect(d1.scores[0]).toEqual({ evaluatorId: 'eval-1', criterionCode: criteria[0].code, score: criteria[0].maxScore * 0.9, source: cited('n-1', 'EvaluationScored') });
    expect(d1.objections).toEqual([
      { objectionId: 'o-1', summary: 'Thành tích chưa chính xác', filedAt: '2026-09-07T02:00:00Z', filed: cited('n-1', 'ObjectionFiled'), outcome: 'dismissed', reason: 'Đã xác minh', resolvedBy: 'sec-1', resolvedAt: '2026-09-20T02:00:00Z', resolved: cited('n-1', 'ObjectionResolved') },
    ]);
    expect(d1.recusals).toEqual([{ memberId: 'm-5', ground: 'same_unit', source: cited('n-1', 'MemberRecused') }]);
    expect(d1.tally).toMatchObject({ yes: 4, no: 0, eligible: 4, present: 4, yesRequired: 3, passed: true, source: cited('n-1', 'NominationVoted') });
    expect(d1.decision).toMatchObject({ outcome: 'approved', decisionNumber: 'QD-n-1', decisionDate: '2026-10-12', signerId: 'chair-1', source: cited('n-1', 'NominationApproved') });
    expect(d1.publication).toMatchObject({ rank: 1, source: cited('n-1', 'NominationPublished') });
    expect(d1.revocation).toMatchObject({ decisionNumber: 'QD-HUY-n-1', source: cited('n-1', 'AwardRevoked') });
    expect(d2.status).toBe('rejected');
    expect(d2.tally).toMatchObject({ yes: 1, no: 3, passed: false });
    expect(d2.decision).toMatchObject({ outcome: 'rejected', signerId: 'chair-1', reason: 'The council vote did not pass.' });
  });

  it('never puts a secret choice next to a member', () => {
    const text = JSON.stringify(d1);
    const casts = d1.steps.filter((s) => s.type === 'BallotCast');
    expect(casts).toHaveLength(4);
    for (const step of casts) expect(Object.keys(step).sort()).toEqual(['actorId', 'at', 'evidence', 'hash', 'position', 'rule', 'type']);
    expect(text).not.toMatch(/"memberId":"m-\d","choice"/);
  });
});

describe.each(['sqlite', 'postgres'] as const)('dossier on %s', (dialect) => {
  let t: TestSql;
  beforeAll(async () => {
    t = await testSql(dialect);
    await projectIntoSql(t.client, [dossierProjection], events);
  });
  afterAll(() => t.cleanup());

  it('holds the same rows as the in-memory projection, and answers the API', async () => {
    const memory = (await projectInMemory(events, [dossierProjection])).get('dossier')!;
    expect(readModelDigest(await loadModelRows(t.client, dossierProjection))).toBe(readModelDigest(memory));
    expect(await dossier(t.client, 'n-1')).toEqual(inMemory(memory, 'n-1'));
    expect((await dossier(t.client, 'n-1'))!.steps.map((s) => s.position)).toEqual(
      events.filter((e) => (e.data as { nominationId?: string }).nominationId === 'n-1').map((e) => e.position),
    );
    expect(await dossier(t.client, 'n-9')).toBeNull();
    expect((await dossiers(t.client, { campaignId: 'c-2026' })).map((d) => [d.nominationId, d.status])).toEqual([
      ['n-1', 'revoked'],
      ['n-2', 'rejected'],
    ]);
    expect((await dossiers(t.client, { campaignId: 'c-2026', status: 'rejected' })).map((d) => d.nominationId)).toEqual(['n-2']);
    const n2Unit = (await dossier(t.client, 'n-2'))!.nominee!.unitId;
    expect((await dossiers(t.client, { campaignId: 'c-2026', unitId: n2Unit })).map((d) => d.nominationId)).toEqual(['n-2']);
    expect(await dossiers(t.client, { campaignId: 'c-2026', unitId: 'u-nobody' })).toEqual([]);
  });
});
