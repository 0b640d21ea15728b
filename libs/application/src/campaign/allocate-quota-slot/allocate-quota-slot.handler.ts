import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner, acceptedOrThrow, workflowResult, type WorkflowResult } from '../kit';
import { AllocateQuotaSlotCommand } from './allocate-quota-slot.command';

@CommandHandler(AllocateQuotaSlotCommand)
export class AllocateQuotaSlotHandler implements ICommandHandler<AllocateQuotaSlotCommand> {
  constructor(private readonly runner: CommandRunner) {}

  async execute({ type, data, metadata }: AllocateQuotaSlotCommand): Promise<WorkflowResult> {
    return workflowResult(acceptedOrThrow(await this.runner.campaign({ type, data, metadata })));
  }
}
