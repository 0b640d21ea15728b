import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner, acceptedOrThrow, workflowResult, type WorkflowResult } from '../kit';
import { AddCouncilMemberCommand } from './add-council-member.command';

@CommandHandler(AddCouncilMemberCommand)
export class AddCouncilMemberHandler implements ICommandHandler<AddCouncilMemberCommand> {
  constructor(private readonly runner: CommandRunner) {}

  async execute({ type, data, metadata }: AddCouncilMemberCommand): Promise<WorkflowResult> {
    return workflowResult(acceptedOrThrow(await this.runner.council({ type, data, metadata })));
  }
}
