import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner, acceptedOrThrow, workflowResult, type WorkflowResult } from '../kit';
import { releaseSlotIfFinal } from '../quota-slot';
import { WithdrawNominationCommand } from './withdraw-nomination.command';

/** A withdrawn nomination gives back a quota slot an interrupted approval may have left. */
@CommandHandler(WithdrawNominationCommand)
export class WithdrawNominationHandler implements ICommandHandler<WithdrawNominationCommand> {
  constructor(private readonly runner: CommandRunner) {}

  async execute({ type, data, metadata }: WithdrawNominationCommand): Promise<WorkflowResult> {
    const result = workflowResult(acceptedOrThrow(await this.runner.nomination({ type, data, metadata })));
    await releaseSlotIfFinal(this.runner, data.nominationId, metadata, 'nomination withdrawn');
    return result;
  }
}
