import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner, acceptedOrThrow, workflowResult, type WorkflowResult } from '../kit';
import { ScoreEvaluationCommand } from './score-evaluation.command';

@CommandHandler(ScoreEvaluationCommand)
export class ScoreEvaluationHandler implements ICommandHandler<ScoreEvaluationCommand> {
  constructor(private readonly runner: CommandRunner) {}

  async execute({ type, data, metadata }: ScoreEvaluationCommand): Promise<WorkflowResult> {
    return workflowResult(acceptedOrThrow(await this.runner.nomination({ type, data, metadata })));
  }
}
