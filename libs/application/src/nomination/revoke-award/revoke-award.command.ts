import type { RevokeAward } from '@vinhdanh/domain';
import { WorkflowCommand, type WorkflowResult } from '../kit';

export class RevokeAwardCommand extends WorkflowCommand<RevokeAward['data'], WorkflowResult> {
  readonly type = 'RevokeAward' as const;
}
