import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner, acceptedOrThrow, workflowResult, type WorkflowResult } from '../kit';
import { CloseSessionCommand } from './close-session.command';

@CommandHandler(CloseSessionCommand)
export class CloseSessionHandler implements ICommandHandler<CloseSessionCommand> {
  constructor(private readonly runner: CommandRunner) {}

  async execute({ type, data, metadata }: CloseSessionCommand): Promise<WorkflowResult> {
    return workflowResult(acceptedOrThrow(await this.runner.council({ type, data, metadata })));
  }
}
