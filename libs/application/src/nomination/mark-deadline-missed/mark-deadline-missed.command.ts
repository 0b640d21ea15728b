import type { MarkDeadlineMissed } from '@vinhdanh/domain';
import { WorkflowCommand, type WorkflowResult } from '../kit';

export class MarkDeadlineMissedCommand extends WorkflowCommand<MarkDeadlineMissed['data'], WorkflowResult> {
  readonly type = 'MarkDeadlineMissed' as const;
}
