import type { RejectNomination } from '@vinhdanh/domain';
import { WorkflowCommand, type WorkflowResult } from '../kit';

export interface RejectNominationResult extends WorkflowResult {
  /** The QuotaSlotReleased appended when a slot was still held for this nomination (an approval that crashed half-way). */
  quotaSlotReleased: WorkflowResult | null;
}

export class RejectNominationCommand extends WorkflowCommand<RejectNomination['data'], RejectNominationResult> {
  readonly type = 'RejectNomination' as const;
}
