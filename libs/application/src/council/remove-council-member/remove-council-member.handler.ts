import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner, acceptedOrThrow, workflowResult, type WorkflowResult } from '../kit';
import { RemoveCouncilMemberCommand } from './remove-council-member.command';

@CommandHandler(RemoveCouncilMemberCommand)
export class RemoveCouncilMemberHandler implements ICommandHandler<RemoveCouncilMemberCommand> {
  constructor(private readonly runner: CommandRunner) {}

  async execute({ type, data, metadata }: RemoveCouncilMemberCommand): Promise<WorkflowResult> {
    return workflowResult(acceptedOrThrow(await this.runner.council({ type, data, metadata })));
  }
}
