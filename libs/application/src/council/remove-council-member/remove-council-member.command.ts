import type { RemoveCouncilMember } from '@vinhdanh/domain';
import { WorkflowCommand, type WorkflowResult } from '../kit';

export class RemoveCouncilMemberCommand extends WorkflowCommand<RemoveCouncilMember['data'], WorkflowResult> {
  readonly type = 'RemoveCouncilMember' as const;
}
