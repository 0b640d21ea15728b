import type { AdvanceCampaignPhase } from '@vinhdanh/domain';
import { WorkflowCommand, type WorkflowResult } from '../kit';

export class AdvanceCampaignPhaseCommand extends WorkflowCommand<AdvanceCampaignPhase['data'], WorkflowResult> {
  readonly type = 'AdvanceCampaignPhase' as const;
}
