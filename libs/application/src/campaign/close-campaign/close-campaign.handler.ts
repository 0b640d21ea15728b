import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner, acceptedOrThrow, workflowResult, type WorkflowResult } from '../kit';
import { CloseCampaignCommand } from './close-campaign.command';

@CommandHandler(CloseCampaignCommand)
export class CloseCampaignHandler implements ICommandHandler<CloseCampaignCommand> {
  constructor(private readonly runner: CommandRunner) {}

  async execute({ type, data, metadata }: CloseCampaignCommand): Promise<WorkflowResult> {
    return workflowResult(acceptedOrThrow(await this.runner.campaign({ type, data, metadata })));
  }
}
