import type { OpenPublicNotice } from '@vinhdanh/domain';
import { WorkflowCommand, type WorkflowResult } from '../kit';

export class OpenPublicNoticeCommand extends WorkflowCommand<OpenPublicNotice['data'], WorkflowResult> {
  readonly type = 'OpenPublicNotice' as const;
}
