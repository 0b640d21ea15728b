import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner, acceptedOrThrow, workflowResult, type WorkflowResult } from '../kit';
import { ClosePublicNoticeCommand } from './close-public-notice.command';

@CommandHandler(ClosePublicNoticeCommand)
export class ClosePublicNoticeHandler implements ICommandHandler<ClosePublicNoticeCommand> {
  constructor(private readonly runner: CommandRunner) {}

  async execute({ type, data, metadata }: ClosePublicNoticeCommand): Promise<WorkflowResult> {
    return workflowResult(acceptedOrThrow(await this.runner.nomination({ type, data, metadata })));
  }
}
