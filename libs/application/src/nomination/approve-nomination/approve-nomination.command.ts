import type { ApproveNomination } from '@vinhdanh/domain';
import { WorkflowCommand, type WorkflowResult } from '../kit';

export interface ApproveNominationResult extends WorkflowResult {
  /** The QuotaSlotAllocated this approval appended on the campaign stream; null when a slot was already held. */
  quotaSlot: WorkflowResult | null;
}

export class ApproveNominationCommand extends WorkflowCommand<ApproveNomination['data'], ApproveNominationResult> {
  readonly type = 'ApproveNomination' as const;
}
