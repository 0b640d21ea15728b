import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner, acceptedOrThrow, workflowResult, type WorkflowResult } from '../kit';
import { OpenPublicNoticeCommand } from './open-public-notice.command';

@CommandHandler(OpenPublicNoticeCommand)
export class OpenPublicNoticeHandler implements ICommandHandler<OpenPublicNoticeCommand> {
  constructor(private readonly runner: CommandRunner) {}

  async execute({ type, data, metadata }: OpenPublicNoticeCommand): Promise<WorkflowResult> {
    return workflowResult(acceptedOrThrow(await this.runner.nomination({ type, data, metadata })));
  }
}
