import type { AssignEvaluator } from '@vinhdanh/domain';
import { WorkflowCommand, type WorkflowResult } from '../kit';

export class AssignEvaluatorCommand extends WorkflowCommand<AssignEvaluator['data'], WorkflowResult> {
  readonly type = 'AssignEvaluator' as const;
}
