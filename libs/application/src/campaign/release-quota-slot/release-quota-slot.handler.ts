import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner, acceptedOrThrow, workflowResult, type WorkflowResult } from '../kit';
import { ReleaseQuotaSlotCommand } from './release-quota-slot.command';

@CommandHandler(ReleaseQuotaSlotCommand)
export class ReleaseQuotaSlotHandler implements ICommandHandler<ReleaseQuotaSlotCommand> {
  constructor(private readonly runner: CommandRunner) {}

  async execute({ type, data, metadata }: ReleaseQuotaSlotCommand): Promise<WorkflowResult> {
    return workflowResult(acceptedOrThrow(await this.runner.campaign({ type, data, metadata })));
  }
}
