import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner, DomainRefusal, workflowResult } from '../kit';
import { allocateSlotFor, releaseSlotIfFinal } from '../quota-slot';
import { ApproveNominationCommand, type ApproveNominationResult } from './approve-nomination.command';

/**
 * Approve, and if the only thing missing is the quota slot, hold one on the campaign stream
 * and approve again on the fresh campaign (see ../quota-slot.ts for why this is safe).
 */
@CommandHandler(ApproveNominationCommand)
export class ApproveNominationHandler implements ICommandHandler<ApproveNominationCommand> {
  constructor(private readonly runner: CommandRunner) {}

  async execute({ type, data, metadata }: ApproveNominationCommand): Promise<ApproveNominationResult> {
    const command = { type, data, metadata };
    const first = await this.runner.nomination(command);
    if (first.ok) return { ...workflowResult(first), quotaSlot: null };
    if (first.error.code !== 'QUOTA_SLOT_NOT_FOUND') throw new DomainRefusal(first.error);

    const quotaSlot = await allocateSlotFor(this.runner, first.state, metadata);
    const second = await this.runner.nomination(command);
    if (!second.ok) {
      await releaseSlotIfFinal(this.runner, data.nominationId, metadata, `approval refused: ${second.error.code}`);
      throw new DomainRefusal(second.error);
    }
    return { ...workflowResult(second), quotaSlot: quotaSlot.events.length > 0 ? quotaSlot : null };
  }
}
