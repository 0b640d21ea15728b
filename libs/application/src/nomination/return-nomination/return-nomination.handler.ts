import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner, acceptedOrThrow, workflowResult, type WorkflowResult } from '../kit';
import { ReturnNominationCommand } from './return-nomination.command';

@CommandHandler(ReturnNominationCommand)
export class ReturnNominationHandler implements ICommandHandler<ReturnNominationCommand> {
  constructor(private readonly runner: CommandRunner) {}

  async execute({ type, data, metadata }: ReturnNominationCommand): Promise<WorkflowResult> {
    return workflowResult(acceptedOrThrow(await this.runner.nomination({ type, data, metadata })));
  }
}
