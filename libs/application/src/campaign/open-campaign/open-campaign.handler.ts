import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner, acceptedOrThrow, workflowResult, type WorkflowResult } from '../kit';
import { OpenCampaignCommand } from './open-campaign.command';

@CommandHandler(OpenCampaignCommand)
export class OpenCampaignHandler implements ICommandHandler<OpenCampaignCommand> {
  constructor(private readonly runner: CommandRunner) {}

  async execute({ type, data, metadata }: OpenCampaignCommand): Promise<WorkflowResult> {
    const catalog = data.catalog ?? this.runner.options.catalog;
    return workflowResult(acceptedOrThrow(await this.runner.campaign({ type, data: { ...data, catalog }, metadata })));
  }
}
