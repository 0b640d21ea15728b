import type { ReturnNomination } from '@vinhdanh/domain';
import { WorkflowCommand, type WorkflowResult } from '../kit';

export class ReturnNominationCommand extends WorkflowCommand<ReturnNomination['data'], WorkflowResult> {
  readonly type = 'ReturnNomination' as const;
}
