import type { MarkCampaignDeadlineMissed } from '@vinhdanh/domain';
import { WorkflowCommand, type WorkflowResult } from '../kit';

export class MarkCampaignDeadlineMissedCommand extends WorkflowCommand<MarkCampaignDeadlineMissed['data'], WorkflowResult> {
  readonly type = 'MarkCampaignDeadlineMissed' as const;
}
