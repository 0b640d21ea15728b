import type { ReleaseQuotaSlot } from '@vinhdanh/domain';
import { WorkflowCommand, type WorkflowResult } from '../kit';

export class ReleaseQuotaSlotCommand extends WorkflowCommand<ReleaseQuotaSlot['data'], WorkflowResult> {
  readonly type = 'ReleaseQuotaSlot' as const;
}
