import type { ScoreEvaluation } from '@vinhdanh/domain';
import { WorkflowCommand, type WorkflowResult } from '../kit';

export class ScoreEvaluationCommand extends WorkflowCommand<ScoreEvaluation['data'], WorkflowResult> {
  readonly type = 'ScoreEvaluation' as const;
}
