import type { CloseSession } from '@vinhdanh/domain';
import { WorkflowCommand, type WorkflowResult } from '../kit';

export class CloseSessionCommand extends WorkflowCommand<CloseSession['data'], WorkflowResult> {
  readonly type = 'CloseSession' as const;
}
