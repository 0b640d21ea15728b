import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner, acceptedOrThrow, workflowResult, type WorkflowResult } from '../kit';
import { ConstituteCouncilCommand } from './constitute-council.command';

@CommandHandler(ConstituteCouncilCommand)
export class ConstituteCouncilHandler implements ICommandHandler<ConstituteCouncilCommand> {
  constructor(private readonly runner: CommandRunner) {}

  async execute({ type, data, metadata }: ConstituteCouncilCommand): Promise<WorkflowResult> {
    return workflowResult(acceptedOrThrow(await this.runner.council({ type, data, metadata })));
  }
}
