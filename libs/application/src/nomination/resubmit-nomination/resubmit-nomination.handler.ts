import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner, acceptedOrThrow, workflowResult, type WorkflowResult } from '../kit';
import { ResubmitNominationCommand } from './resubmit-nomination.command';

@CommandHandler(ResubmitNominationCommand)
export class ResubmitNominationHandler implements ICommandHandler<ResubmitNominationCommand> {
  constructor(private readonly runner: CommandRunner) {}

  async execute({ type, data, metadata }: ResubmitNominationCommand): Promise<WorkflowResult> {
    return workflowResult(acceptedOrThrow(await this.runner.nomination({ type, data, metadata })));
  }
}
