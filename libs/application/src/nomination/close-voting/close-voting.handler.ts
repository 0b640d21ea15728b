import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CloseVoting, NominationState } from '@vinhdanh/domain';
import type { StoredEvent } from '@vinhdanh/event-store';
import { BallotBoxStore, CommandRunner, DomainRefusal, workflowResult, type LoadedStream } from '../kit';
import { CloseVotingCommand, type CloseVotingResult } from './close-voting.command';

/** Participation events of the vote, by event id: the only ballots that may be revealed. */
function participationIds(stored: StoredEvent[], sessionId: string): string[] {
  return stored
    .filter((e) => e.type === 'BallotCast')
    .filter((e) => {
      const d = e.data as { ballot?: string; sessionId?: string };
      return d.ballot === 'secret' && d.sessionId === sessionId;
    })
    .map((e) => e.eventId);
}

/**
 * Reveals a secret vote: on every attempt (a late ballot may have been cast meanwhile) the box
 * is opened for the ballots whose participation event is in the stream, shuffled with a
 * CSPRNG, and handed to CloseVoting, which appends them all at once with VotingClosed. Then the
 * box is emptied; if a crash comes first, the next CloseVoting (refused VOTING_CLOSED) empties it.
 */
@CommandHandler(CloseVotingCommand)
export class CloseVotingHandler implements ICommandHandler<CloseVotingCommand> {
  constructor(
    private readonly runner: CommandRunner,
    @Inject(BallotBoxStore) private readonly box: BallotBoxStore,
  ) {}

  async execute({ type, data, metadata }: CloseVotingCommand): Promise<CloseVotingResult> {
    let ballotsRevealed: number | null = null;
    const prepare = async (command: CloseVoting, loaded: LoadedStream<NominationState>): Promise<CloseVoting> => {
      if (loaded.state.voting?.ballot !== 'secret') return command;
      const ballots = await this.box.reveal(data.nominationId, participationIds(loaded.stored, loaded.state.voting.sessionId));
      ballotsRevealed = ballots.length;
      return { ...command, data: { ...command.data, ballots } };
    };
    const outcome = await this.runner.nomination({ type, data, metadata }, {}, { prepare });
    if (!outcome.ok) {
      if (outcome.error.code === 'VOTING_CLOSED') await this.box.empty(data.nominationId);
      throw new DomainRefusal(outcome.error);
    }
    await this.box.empty(data.nominationId);
    return { ...workflowResult(outcome), ballotsRevealed: outcome.replayed ? null : ballotsRevealed };
  }
}
