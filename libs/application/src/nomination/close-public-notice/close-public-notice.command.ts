import type { ClosePublicNotice } from '@vinhdanh/domain';
import { WorkflowCommand, type WorkflowResult } from '../kit';

export class ClosePublicNoticeCommand extends WorkflowCommand<ClosePublicNotice['data'], WorkflowResult> {
  readonly type = 'ClosePublicNotice' as const;
}
