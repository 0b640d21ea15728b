import type { PledgeNomination } from '@vinhdanh/domain';
import { WorkflowCommand, type WorkflowResult } from '../kit';

export class PledgeNominationCommand extends WorkflowCommand<PledgeNomination['data'], WorkflowResult> {
  readonly type = 'PledgeNomination' as const;
}
