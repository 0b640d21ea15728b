import type { CloseCampaign } from '@vinhdanh/domain';
import { WorkflowCommand, type WorkflowResult } from '../kit';

export class CloseCampaignCommand extends WorkflowCommand<CloseCampaign['data'], WorkflowResult> {
  readonly type = 'CloseCampaign' as const;
}
