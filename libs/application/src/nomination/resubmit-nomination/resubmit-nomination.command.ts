import type { ResubmitNomination } from '@vinhdanh/domain';
import { WorkflowCommand, type WorkflowResult } from '../kit';

export class ResubmitNominationCommand extends WorkflowCommand<ResubmitNomination['data'], WorkflowResult> {
  readonly type = 'ResubmitNomination' as const;
}
