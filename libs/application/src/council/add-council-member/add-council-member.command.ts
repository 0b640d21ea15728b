import type { AddCouncilMember } from '@vinhdanh/domain';
import { WorkflowCommand, type WorkflowResult } from '../kit';

export class AddCouncilMemberCommand extends WorkflowCommand<AddCouncilMember['data'], WorkflowResult> {
  readonly type = 'AddCouncilMember' as const;
}
