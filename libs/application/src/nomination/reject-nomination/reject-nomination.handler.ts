import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner, acceptedOrThrow, workflowResult } from '../kit';
import { releaseSlotIfFinal } from '../quota-slot';
import { RejectNominationCommand, type RejectNominationResult } from './reject-nomination.command';

@CommandHandler(RejectNominationCommand)
export class RejectNominationHandler implements ICommandHandler<RejectNominationCommand> {
  constructor(private readonly runner: CommandRunner) {}

  async execute({ type, data, metadata }: RejectNominationCommand): Promise<RejectNominationResult> {
    const result = workflowResult(acceptedOrThrow(await this.runner.nomination({ type, data, metadata })));
    const quotaSlotReleased = await releaseSlotIfFinal(this.runner, data.nominationId, metadata, 'nomination rejected');
    return { ...result, quotaSlotReleased };
  }
}
