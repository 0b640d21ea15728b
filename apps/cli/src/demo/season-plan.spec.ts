import { evaluate, findAwardType, tally, type Choice } from '@vinhdanh/domain';
import { demoCatalog } from './demo-catalog';
import { nextLocalMidnight } from './play-season';
import { AWARDS, ballotOf, FULL_SEASON, planSeason, type PlannedNomination } from './season-plan';

/**
 * The script must agree with the rules it plays under: if the catalog's pass marks or vote
 * thresholds change, these fail before the demo goes off script at run time.
 */
describe('the demo season script', () => {
  const plan = planSeason('demo-spec');
  const catalog = demoCatalog();
  const award = (n: PlannedNomination) => findAwardType(catalog, AWARDS[n.award].code)!;

  it('is the provincial report\'s year: 19 flags, 61 certificates of merit, about 90 nominations from 20 units', () => {
    expect(plan.nominations.filter((n) => n.award === 'flag' && n.fate === 'awarded')).toHaveLength(19);
    expect(plan.nominations.filter((n) => n.award === 'merit' && n.fate === 'awarded')).toHaveLength(61);
    expect(plan.nominations).toHaveLength(90);
    expect(new Set(plan.nominations.map((n) => n.unit.id)).size).toBe(20);
    expect(new Set(plan.nominations.map((n) => n.id)).size).toBe(90);
    expect(plan.council).toHaveLength(15);
    expect(plan.expected).toEqual({ flags: FULL_SEASON.flags, certificates: FULL_SEASON.certificates, revoked: 1, nominations: 90 });
  });

  it('has one upheld and one dismissed objection, one declared conflict and one revocation, each on a nomination that fits', () => {
    const objections = plan.nominations.filter((n) => n.objection);
    expect(objections.map((n) => [n.fate, n.objection]).sort()).toEqual([
      ['awarded', 'dismissed'],
      ['objection_upheld', 'upheld'],
    ]);
    const conflicts = plan.nominations.filter((n) => n.conflictOf);
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0].fate).toBe('awarded');
    const revoked = plan.nominations.filter((n) => n.revoked);
    expect(revoked).toHaveLength(1);
    expect(revoked[0].fate).toBe('awarded');
  });

  it('keeps council members out of the nominating units, so the only recusal is the declared one', () => {
    const nominating = new Set(plan.units.map((u) => u.id));
    expect(plan.council.filter((m) => nominating.has(m.unit))).toEqual([]);
    expect(plan.evaluators.filter((e) => nominating.has(e.unit))).toEqual([]);
  });

  it('scores each nomination to the fate the script gives it, under the demo catalog', () => {
    for (const n of plan.nominations) {
      const a = award(n);
      const scores = Object.fromEntries(
        ['e1', 'e2', 'e3'].slice(0, a.evaluatorsRequired).map((e) => [e, a.criteria.map((c, k) => ({ criterionCode: c.code, score: n.scores[k] }))]),
      );
      expect({ id: n.id, passed: evaluate(a, scores).passed }).toEqual({ id: n.id, passed: n.fate !== 'fails_evaluation' });
    }
  });

  it('casts ballots that pass or fail each vote as scripted, the recused member left out', () => {
    const members = plan.council.map((m) => m.sub);
    for (const n of plan.nominations.filter((x) => x.fate !== 'fails_evaluation')) {
      const eligible = members.filter((m) => m !== n.conflictOf);
      const choices: Choice[] = members.flatMap((m, i) => (m === n.conflictOf ? [] : [ballotOf(n, i)]));
      const result = tally(award(n), { members, eligible, present: eligible, ballot: 'secret' }, choices);
      expect({ id: n.id, passed: result.passed }).toEqual({ id: n.id, passed: n.fate === 'awarded' || n.fate === 'objection_upheld' });
    }
  });

  it('compresses notices to 0 working days and keeps every other number of the default catalog', () => {
    for (const a of catalog.awardTypes) expect(a.noticeWorkingDays).toBe(0);
    expect(findAwardType(catalog, AWARDS.fighter.code)!.prerequisites).toEqual([]);
    expect(findAwardType(catalog, AWARDS.flag.code)!.threshold).toEqual({ parts: 80, of: 100 });
  });

  it('finds the next local midnight in Viet Nam (UTC+7)', () => {
    expect(nextLocalMidnight(new Date('2026-11-26T15:00:00Z'), 420).toISOString()).toBe('2026-11-26T17:00:00.000Z');
    expect(nextLocalMidnight(new Date('2026-11-26T17:00:00Z'), 420).toISOString()).toBe('2026-11-27T17:00:00.000Z');
    expect(nextLocalMidnight(new Date('2026-11-26T18:00:00Z'), 420).toISOString()).toBe('2026-11-27T17:00:00.000Z');
  });
});
