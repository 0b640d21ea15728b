import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner, acceptedOrThrow, workflowResult, type WorkflowResult } from '../kit';
import { MarkCampaignDeadlineMissedCommand } from './mark-campaign-deadline-missed.command';

@CommandHandler(MarkCampaignDeadlineMissedCommand)
export class MarkCampaignDeadlineMissedHandler implements ICommandHandler<MarkCampaignDeadlineMissedCommand> {
  constructor(private readonly runner: CommandRunner) {}

  async execute({ type, data, metadata }: MarkCampaignDeadlineMissedCommand): Promise<WorkflowResult> {
    return workflowResult(acceptedOrThrow(await this.runner.campaign({ type, data, metadata })));
  }
}
