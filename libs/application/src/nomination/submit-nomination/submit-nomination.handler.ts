import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner, acceptedOrThrow, workflowResult, type WorkflowResult } from '../kit';
import { SubmitNominationCommand } from './submit-nomination.command';

/** Loads the nominee's earlier titles when the award has prerequisites (AwardHistory port). */
@CommandHandler(SubmitNominationCommand)
export class SubmitNominationHandler implements ICommandHandler<SubmitNominationCommand> {
  constructor(private readonly runner: CommandRunner) {}

  async execute({ type, data, metadata }: SubmitNominationCommand): Promise<WorkflowResult> {
    return workflowResult(acceptedOrThrow(await this.runner.nomination({ type, data, metadata }, { history: true })));
  }
}
