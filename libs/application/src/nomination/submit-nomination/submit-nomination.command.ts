import type { SubmitNomination } from '@vinhdanh/domain';
import { WorkflowCommand, type WorkflowResult } from '../kit';

export class SubmitNominationCommand extends WorkflowCommand<SubmitNomination['data'], WorkflowResult> {
  readonly type = 'SubmitNomination' as const;
}
