import type { ConstituteCouncil } from '@vinhdanh/domain';
import { WorkflowCommand, type WorkflowResult } from '../kit';

export class ConstituteCouncilCommand extends WorkflowCommand<ConstituteCouncil['data'], WorkflowResult> {
  readonly type = 'ConstituteCouncil' as const;
}
