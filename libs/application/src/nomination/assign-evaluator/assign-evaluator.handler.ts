import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner, acceptedOrThrow, workflowResult, type WorkflowResult } from '../kit';
import { AssignEvaluatorCommand } from './assign-evaluator.command';

@CommandHandler(AssignEvaluatorCommand)
export class AssignEvaluatorHandler implements ICommandHandler<AssignEvaluatorCommand> {
  constructor(private readonly runner: CommandRunner) {}

  async execute({ type, data, metadata }: AssignEvaluatorCommand): Promise<WorkflowResult> {
    return workflowResult(acceptedOrThrow(await this.runner.nomination({ type, data, metadata })));
  }
}
