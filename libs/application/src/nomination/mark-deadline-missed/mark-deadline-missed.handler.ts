import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner, acceptedOrThrow, workflowResult, type WorkflowResult } from '../kit';
import { MarkDeadlineMissedCommand } from './mark-deadline-missed.command';

@CommandHandler(MarkDeadlineMissedCommand)
export class MarkDeadlineMissedHandler implements ICommandHandler<MarkDeadlineMissedCommand> {
  constructor(private readonly runner: CommandRunner) {}

  async execute({ type, data, metadata }: MarkDeadlineMissedCommand): Promise<WorkflowResult> {
    return workflowResult(acceptedOrThrow(await this.runner.nomination({ type, data, metadata })));
  }
}
