import type { DeclareConflict } from '@vinhdanh/domain';
import { WorkflowCommand, type WorkflowResult } from '../kit';

export class DeclareConflictCommand extends WorkflowCommand<DeclareConflict['data'], WorkflowResult> {
  readonly type = 'DeclareConflict' as const;
}
