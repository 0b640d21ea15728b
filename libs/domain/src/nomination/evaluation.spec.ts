import { DeciderSpecification } from '../testing/decider-specification';
import { ACTORS, AT, NOMINATION_ID, NOMINEE_UNIT, campaignState, happyPath, history, meta, type Who } from '../testing/fixtures';
import { nominationDecider } from './nomination-decider';
import type { NominationCommand } from './nomination-commands';
import type { NominationContext } from './nomination-context';
import type { CriterionScore, NominationEvent } from './nomination-events';

const spec = DeciderSpecification(nominationDecider);
const ctx: NominationContext = { campaign: campaignState() };
const n = { nominationId: NOMINATION_ID };
const path = happyPath('chair_certificate_of_merit');
const submitted = history(path.submit, ctx);

const assign = (evaluatorId: string, evaluatorUnitId: string, actor: Who = ACTORS.secretary, now = AT.evaluating): NominationCommand => ({
  type: 'AssignEvaluator',
  data: { ...n, evaluatorId, evaluatorUnitId },
  metadata: meta(actor, now),
});
const assigned = (evaluatorId: string): NominationEvent => ({
  type: 'EvaluatorAssigned',
  data: { ...n, evaluatorId, evaluatorUnitId: 'u-board', assignedBy: 'sec-1', assignedAt: AT.evaluating },
});
const scores = (task: number, initiative: number, ethics: number): CriterionScore[] => [
  { criterionCode: 'task_completion', score: task },
  { criterionCode: 'initiative', score: initiative },
  { criterionCode: 'ethics_discipline', score: ethics },
];
const score = (actor: Who, s: CriterionScore[], now = AT.evaluating): NominationCommand => ({
  type: 'ScoreEvaluation',
  data: { ...n, scores: s },
  metadata: meta(actor, now),
});
const scored = (evaluatorId: string, s: CriterionScore[]): NominationEvent => ({
  type: 'EvaluationScored',
  data: { ...n, evaluatorId, scores: s, scoredAt: AT.evaluating },
});
const bothAssigned = [...submitted, assigned('eval-1'), assigned('eval-2')];

describe('AssignEvaluator', () => {
  it('assigns an evaluator from outside the nominee’s unit', () => {
    spec.given(submitted).when(assign('eval-1', 'u-board'), ctx).then([assigned('eval-1')]);
  });
  it('refuses an evaluator from the nominee’s own unit, the submitter, or the nominee', () => {
    spec.given(submitted).when(assign('eval-9', NOMINEE_UNIT), ctx).thenFails('CONFLICT_OF_INTEREST');
    spec.given(submitted).when(assign('officer-1', 'u-board'), ctx).thenFails('CONFLICT_OF_INTEREST');
    spec.given(submitted).when(assign('p-1', 'u-board'), ctx).thenFails('CONFLICT_OF_INTEREST');
  });
  it('refuses the same evaluator twice, and more evaluators than the award needs', () => {
    spec.given([...submitted, assigned('eval-1')]).when(assign('eval-1', 'u-board'), ctx).thenFails('ALREADY_ASSIGNED');
    spec.given(bothAssigned).when(assign('eval-3', 'u-board'), ctx).thenFails('EVALUATORS_COMPLETE');
  });
  it('refuses a unit officer, an unsubmitted nomination, after the evaluation deadline, missing names', () => {
    spec.given(submitted).when(assign('eval-1', 'u-board', ACTORS.officer), ctx).thenFails('FORBIDDEN_ROLE');
    spec.given([]).when(assign('eval-1', 'u-board'), ctx).thenFails('NOMINATION_NOT_FOUND');
    spec.given(submitted).when(assign('eval-1', 'u-board', ACTORS.secretary, '2026-09-01T00:00:00Z'), ctx).thenFails('DEADLINE_PASSED');
    spec.given(submitted).when(assign('', 'u-board'), ctx).thenFails('INVALID_COMMAND');
  });
});

describe('ScoreEvaluation', () => {
  it('records one evaluator’s scores per criterion', () => {
    spec.given(bothAssigned).when(score(ACTORS.eval1, scores(90, 90, 90)), ctx).then([scored('eval-1', scores(90, 90, 90))]);
  });
  it('evaluates once the last required evaluator has scored: weighted total and per-criterion results', () => {
    spec
      .given([...bothAssigned, scored('eval-1', scores(90, 80, 100))])
      .when(score(ACTORS.eval2, scores(70, 60, 80)), ctx)
      .then([
        scored('eval-2', scores(70, 60, 80)),
        {
          type: 'NominationEvaluated',
          data: {
            ...n,
            evaluatorIds: ['eval-1', 'eval-2'],
            criteria: [
              { criterionCode: 'task_completion', weight: 50, maxScore: 100, minScore: 60, meanScore: 80, passed: true },
              { criterionCode: 'initiative', weight: 30, maxScore: 100, minScore: 50, meanScore: 70, passed: true },
              { criterionCode: 'ethics_discipline', weight: 20, maxScore: 100, minScore: 70, meanScore: 90, passed: true },
            ],
            // (50·0.8 + 30·0.7 + 20·0.9) / 100 × 100 = 79 < 80
            weightedTotal: 79,
            passMark: 80,
            passed: false,
            evaluatedAt: AT.evaluating,
          },
        },
      ]);
  });
  it('fails a nomination whose total passes but one criterion is under its minimum', () => {
    spec
      .given([...bothAssigned, scored('eval-1', scores(100, 40, 100))])
      .when(score(ACTORS.eval2, scores(100, 40, 100)), ctx)
      .thenMatches((events, state) => {
        const evaluated = events[1];
        expect(evaluated.type === 'NominationEvaluated' && evaluated.data.weightedTotal).toBe(82);
        expect(evaluated.type === 'NominationEvaluated' && evaluated.data.passed).toBe(false);
        expect(state.status).toBe('evaluation_failed');
      });
  });
  it('an evaluator scores once', () => {
    spec.given([...bothAssigned, scored('eval-1', scores(90, 90, 90))]).when(score(ACTORS.eval1, scores(90, 90, 90)), ctx).thenFails('ALREADY_SCORED');
  });
  it('only assigned evaluators score', () => {
    spec.given(bothAssigned).when(score(ACTORS.eval3, scores(90, 90, 90)), ctx).thenFails('NOT_ASSIGNED');
    spec.given(bothAssigned).when(score(ACTORS.officer, scores(90, 90, 90)), ctx).thenFails('FORBIDDEN_ROLE');
  });
  it('never scores a nominee of the evaluator’s own unit, nor a nomination they submitted, even if assigned', () => {
    // Assigned while in the board, the evaluator has since moved to the nominee's unit.
    const moved = { ...ACTORS.eval1, unit: NOMINEE_UNIT };
    spec.given(bothAssigned).when(score(moved, scores(90, 90, 90)), ctx).thenFails('CONFLICT_OF_INTEREST');
  });
  it('refuses scores that miss, repeat, invent or overflow a criterion', () => {
    spec.given(bothAssigned).when(score(ACTORS.eval1, scores(90, 90, 90).slice(0, 2)), ctx).thenFails('INVALID_SCORES');
    spec.given(bothAssigned).when(score(ACTORS.eval1, [...scores(90, 90, 90).slice(0, 2), { criterionCode: 'initiative', score: 1 }]), ctx).thenFails('INVALID_SCORES');
    spec.given(bothAssigned).when(score(ACTORS.eval1, [...scores(90, 90, 90).slice(0, 2), { criterionCode: 'charisma', score: 1 }]), ctx).thenFails('INVALID_SCORES');
    spec.given(bothAssigned).when(score(ACTORS.eval1, scores(101, 90, 90)), ctx).thenFails('INVALID_SCORES');
    spec.given(bothAssigned).when(score(ACTORS.eval1, scores(-1, 90, 90)), ctx).thenFails('INVALID_SCORES');
    spec.given(bothAssigned).when(score(ACTORS.eval1, scores(Number.NaN, 90, 90)), ctx).thenFails('INVALID_SCORES');
  });
  it('refuses after the evaluation deadline, and once evaluated', () => {
    spec.given(bothAssigned).when(score(ACTORS.eval1, scores(90, 90, 90), '2026-09-01T00:00:00Z'), ctx).thenFails('DEADLINE_PASSED');
    const evaluated = history(path.evaluate, ctx, submitted);
    spec.given(evaluated).when(score(ACTORS.eval1, scores(90, 90, 90)), ctx).thenFails('OUT_OF_ORDER');
  });
  it('a returned and resubmitted dossier is evaluated afresh', () => {
    const returned: NominationEvent = {
      type: 'NominationReturned',
      data: { ...n, reason: 'x', resubmitBy: '2026-07-20T00:00:00Z', returnedBy: 'eval-1', returnedAt: AT.evaluating },
    };
    const resubmitted: NominationEvent = {
      type: 'NominationResubmitted',
      data: { ...n, achievements: ['a'], evidence: [], resubmittedBy: 'officer-1', resubmittedAt: AT.evaluating },
    };
    const events = [...bothAssigned, scored('eval-1', scores(90, 90, 90)), returned, resubmitted];
    spec.given(events).when(score(ACTORS.eval1, scores(90, 90, 90)), ctx).thenFails('NOT_ASSIGNED');
    spec.given(events).when(assign('eval-1', 'u-board'), ctx).then([assigned('eval-1')]);
  });
});
