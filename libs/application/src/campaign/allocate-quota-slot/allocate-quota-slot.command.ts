import type { AllocateQuotaSlot } from '@vinhdanh/domain';
import { WorkflowCommand, type WorkflowResult } from '../kit';

export class AllocateQuotaSlotCommand extends WorkflowCommand<AllocateQuotaSlot['data'], WorkflowResult> {
  readonly type = 'AllocateQuotaSlot' as const;
}
