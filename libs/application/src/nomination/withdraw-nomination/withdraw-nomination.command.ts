import type { WithdrawNomination } from '@vinhdanh/domain';
import { WorkflowCommand, type WorkflowResult } from '../kit';

export class WithdrawNominationCommand extends WorkflowCommand<WithdrawNomination['data'], WorkflowResult> {
  readonly type = 'WithdrawNomination' as const;
}
