import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner, acceptedOrThrow, workflowResult, type WorkflowResult } from '../kit';
import { OpenSessionCommand } from './open-session.command';

@CommandHandler(OpenSessionCommand)
export class OpenSessionHandler implements ICommandHandler<OpenSessionCommand> {
  constructor(private readonly runner: CommandRunner) {}

  async execute({ type, data, metadata }: OpenSessionCommand): Promise<WorkflowResult> {
    return workflowResult(acceptedOrThrow(await this.runner.council({ type, data, metadata })));
  }
}
