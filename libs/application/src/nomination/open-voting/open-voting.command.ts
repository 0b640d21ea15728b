import type { OpenVoting } from '@vinhdanh/domain';
import { WorkflowCommand, type WorkflowResult } from '../kit';

export class OpenVotingCommand extends WorkflowCommand<OpenVoting['data'], WorkflowResult> {
  readonly type = 'OpenVoting' as const;
}
