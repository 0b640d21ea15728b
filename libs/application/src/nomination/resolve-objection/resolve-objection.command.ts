import type { ResolveObjection } from '@vinhdanh/domain';
import { WorkflowCommand, type WorkflowResult } from '../kit';

export class ResolveObjectionCommand extends WorkflowCommand<ResolveObjection['data'], WorkflowResult> {
  readonly type = 'ResolveObjection' as const;
}
