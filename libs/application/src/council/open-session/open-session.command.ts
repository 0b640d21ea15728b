import type { OpenSession } from '@vinhdanh/domain';
import { WorkflowCommand, type WorkflowResult } from '../kit';

export class OpenSessionCommand extends WorkflowCommand<OpenSession['data'], WorkflowResult> {
  readonly type = 'OpenSession' as const;
}
