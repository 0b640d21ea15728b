import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner, acceptedOrThrow, workflowResult, type WorkflowResult } from '../kit';
import { OpenVotingCommand } from './open-voting.command';

/** Needs the council: its members, their units (same-unit recusal) and the open session. */
@CommandHandler(OpenVotingCommand)
export class OpenVotingHandler implements ICommandHandler<OpenVotingCommand> {
  constructor(private readonly runner: CommandRunner) {}

  async execute({ type, data, metadata }: OpenVotingCommand): Promise<WorkflowResult> {
    return workflowResult(acceptedOrThrow(await this.runner.nomination({ type, data, metadata }, { council: true })));
  }
}
