import type { PublishNomination } from '@vinhdanh/domain';
import { WorkflowCommand, type WorkflowResult } from '../kit';

export class PublishNominationCommand extends WorkflowCommand<PublishNomination['data'], WorkflowResult> {
  readonly type = 'PublishNomination' as const;
}
