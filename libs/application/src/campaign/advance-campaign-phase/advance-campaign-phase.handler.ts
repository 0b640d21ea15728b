import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner, acceptedOrThrow, workflowResult, type WorkflowResult } from '../kit';
import { AdvanceCampaignPhaseCommand } from './advance-campaign-phase.command';

@CommandHandler(AdvanceCampaignPhaseCommand)
export class AdvanceCampaignPhaseHandler implements ICommandHandler<AdvanceCampaignPhaseCommand> {
  constructor(private readonly runner: CommandRunner) {}

  async execute({ type, data, metadata }: AdvanceCampaignPhaseCommand): Promise<WorkflowResult> {
    return workflowResult(acceptedOrThrow(await this.runner.campaign({ type, data, metadata })));
  }
}
