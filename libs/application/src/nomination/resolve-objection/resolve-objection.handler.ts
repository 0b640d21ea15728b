import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner, acceptedOrThrow, workflowResult, type WorkflowResult } from '../kit';
import { ResolveObjectionCommand } from './resolve-objection.command';

@CommandHandler(ResolveObjectionCommand)
export class ResolveObjectionHandler implements ICommandHandler<ResolveObjectionCommand> {
  constructor(private readonly runner: CommandRunner) {}

  async execute({ type, data, metadata }: ResolveObjectionCommand): Promise<WorkflowResult> {
    return workflowResult(acceptedOrThrow(await this.runner.nomination({ type, data, metadata })));
  }
}
