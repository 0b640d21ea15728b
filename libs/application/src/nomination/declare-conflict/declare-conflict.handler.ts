import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner, acceptedOrThrow, workflowResult, type WorkflowResult } from '../kit';
import { DeclareConflictCommand } from './declare-conflict.command';

/** Needs the council: only its members declare conflicts. */
@CommandHandler(DeclareConflictCommand)
export class DeclareConflictHandler implements ICommandHandler<DeclareConflictCommand> {
  constructor(private readonly runner: CommandRunner) {}

  async execute({ type, data, metadata }: DeclareConflictCommand): Promise<WorkflowResult> {
    return workflowResult(acceptedOrThrow(await this.runner.nomination({ type, data, metadata }, { council: true })));
  }
}
