import type { DomainError } from '../shared/domain-error';
import { refuse } from '../errors';
import { hasRole } from '../roles';
import type { AwardType } from '../catalog/award-catalog';
import type { NominationContext } from './nomination-context';
import type { AssignEvaluator, ScoreEvaluation } from './nomination-commands';
import type { CriterionResult, CriterionScore, NominationEvaluated, NominationEvent } from './nomination-events';
import type { NominationState } from './nomination-state';
import { beforeDeadline, inStatus, nonEmpty, scopeOf } from './guards';

type Result = NominationEvent[] | DomainError;

const round2 = (x: number) => Math.round(x * 100) / 100;

/**
 * The evaluation result from all evaluators' scores: per criterion the mean (passes at or above
 * its minScore), and the weighted total Σ w·mean/max ÷ Σ w × 100 (passes at or above passMark).
 * Pure and exported so a report can recompute it from EvaluationScored events.
 */
export function evaluate(
  award: AwardType,
  scores: Record<string, CriterionScore[]>,
): Pick<NominationEvaluated['data'], 'evaluatorIds' | 'criteria' | 'weightedTotal' | 'passMark' | 'passed'> {
  const evaluatorIds = Object.keys(scores).sort();
  const criteria: CriterionResult[] = award.criteria.map((c) => {
    const values = evaluatorIds.map((id) => scores[id].find((s) => s.criterionCode === c.code)?.score ?? 0);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    return {
      criterionCode: c.code,
      weight: c.weight,
      maxScore: c.maxScore,
      minScore: c.minScore,
      meanScore: round2(mean),
      passed: mean >= c.minScore,
    };
  });
  const totalWeight = award.criteria.reduce((a, c) => a + c.weight, 0);
  const raw = award.criteria.reduce((a, c, i) => a + (c.weight * criteria[i].meanScore) / c.maxScore, 0);
  const weightedTotal = round2((raw / totalWeight) * 100);
  const passed = weightedTotal >= award.passMark && criteria.every((c) => c.passed);
  return { evaluatorIds, criteria, weightedTotal, passMark: award.passMark, passed };
}

export function assignEvaluator(command: AssignEvaluator, state: NominationState, context: NominationContext): Result {
  const { actor, now } = command.metadata;
  const { evaluatorId, evaluatorUnitId } = command.data;
  if (!hasRole(actor, 'council_secretary', 'admin')) {
    return refuse('FORBIDDEN_ROLE', 'Only the council secretary or an administrator assigns evaluators.');
  }
  const order = inStatus(state, ['submitted'], 'take an evaluator');
  if (order) return order;
  const scope = scopeOf(state, context);
  if ('code' in scope) return scope;
  const late = beforeDeadline(now, scope.campaign, 'evaluation');
  if (late) return late;
  if (!nonEmpty(evaluatorId) || !nonEmpty(evaluatorUnitId)) return refuse('INVALID_COMMAND', 'Name the evaluator and their unit.');
  if (state.evaluators.some((e) => e.evaluatorId === evaluatorId)) {
    return refuse('ALREADY_ASSIGNED', 'This evaluator is already assigned to the nomination.');
  }
  if (state.evaluators.length >= scope.award.evaluatorsRequired) {
    return refuse('EVALUATORS_COMPLETE', `${scope.award.nameEn} takes ${scope.award.evaluatorsRequired} evaluator(s); all are assigned.`);
  }
  if (evaluatorUnitId === state.nominee?.unitId || evaluatorId === state.nominee?.id) {
    return refuse('CONFLICT_OF_INTEREST', "An evaluator never scores a nominee of their own unit.");
  }
  if (evaluatorId === state.submittedBy) {
    return refuse('CONFLICT_OF_INTEREST', 'An evaluator never scores a nomination they submitted.');
  }
  return [
    {
      type: 'EvaluatorAssigned',
      data: { nominationId: state.nominationId, evaluatorId, evaluatorUnitId, assignedBy: actor.id, assignedAt: now },
    },
  ];
}

export function scoreEvaluation(command: ScoreEvaluation, state: NominationState, context: NominationContext): Result {
  const { actor, now } = command.metadata;
  if (!hasRole(actor, 'evaluator')) return refuse('FORBIDDEN_ROLE', 'Only an evaluator scores.');
  const order = inStatus(state, ['submitted'], 'be scored');
  if (order) return order;
  const scope = scopeOf(state, context);
  if ('code' in scope) return scope;
  const { award } = scope;
  const late = beforeDeadline(now, scope.campaign, 'evaluation');
  if (late) return late;
  const assignment = state.evaluators.find((e) => e.evaluatorId === actor.id);
  if (!assignment) return refuse('NOT_ASSIGNED', 'You are not assigned to evaluate this nomination.');
  if (state.scores[actor.id]) return refuse('ALREADY_SCORED', 'You have already scored this nomination.');
  // Checked again at scoring: the actor's unit today may differ from the one given at assignment.
  if (actor.id === state.submittedBy || actor.id === state.nominee?.id || (actor.unit !== undefined && actor.unit === state.nominee?.unitId)) {
    return refuse('CONFLICT_OF_INTEREST', 'An evaluator never scores their own unit, nor a nomination they submitted.');
  }
  const scores = command.data.scores;
  const codes = scores.map((s) => s.criterionCode);
  const expected = award.criteria.map((c) => c.code);
  if (codes.length !== expected.length || new Set(codes).size !== codes.length || !expected.every((c) => codes.includes(c))) {
    return refuse('INVALID_SCORES', `Score each criterion exactly once: ${expected.join(', ')}.`);
  }
  for (const s of scores) {
    const c = award.criteria.find((x) => x.code === s.criterionCode);
    if (!c || typeof s.score !== 'number' || !Number.isFinite(s.score) || s.score < 0 || s.score > c.maxScore) {
      return refuse('INVALID_SCORES', `The score for ${s.criterionCode} must be between 0 and ${c?.maxScore ?? 0}.`);
    }
  }
  const ordered = expected.map((code) => ({ criterionCode: code, score: scores.find((s) => s.criterionCode === code)!.score }));
  const events: NominationEvent[] = [
    { type: 'EvaluationScored', data: { nominationId: state.nominationId, evaluatorId: actor.id, scores: ordered, scoredAt: now } },
  ];
  const all = { ...state.scores, [actor.id]: ordered };
  if (Object.keys(all).length >= award.evaluatorsRequired) {
    events.push({ type: 'NominationEvaluated', data: { nominationId: state.nominationId, ...evaluate(award, all), evaluatedAt: now } });
  }
  return events;
}
