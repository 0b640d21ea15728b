import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { BallotBoxStore, CommandRunner, ConcurrencyConflict, DomainRefusal, workflowResult } from '../kit';
import { CastBallotCommand, type CastBallotResult } from './cast-ballot.command';

/**
 * A secret ballot: the log gets only the participation event (BallotCast without a choice);
 * {ballotId, choice} is sealed in the ballot box under that event's id, pre-drawn, before the
 * append. If the append then definitely did not happen (a refusal after a lost race, or every
 * attempt lost), the sealed ballot is discarded; if the outcome is unknown (the store failed),
 * it stays, and CloseVoting leaves it out unless its participation event is in the stream.
 */
@CommandHandler(CastBallotCommand)
export class CastBallotHandler implements ICommandHandler<CastBallotCommand> {
  constructor(
    private readonly runner: CommandRunner,
    @Inject(BallotBoxStore) private readonly box: BallotBoxStore,
  ) {}

  async execute({ type, data, metadata }: CastBallotCommand): Promise<CastBallotResult> {
    const ballotId = randomUUID(); // crypto.randomUUID: 122 bits from the CSPRNG
    const participationId = randomUUID();
    let sealed = false;
    const seal = async () => {
      await this.box.seal({ eventId: participationId, nominationId: data.nominationId, ballotId, choice: data.choice });
      sealed = true;
    };
    let outcome;
    try {
      outcome = await this.runner.nomination(
        { type, data: { ...data, ballotId }, metadata },
        { council: true },
        {
          eventId: () => participationId,
          beforeAppend: async (_events, decided) => {
            const cast = decided[0];
            if (cast?.type === 'BallotCast' && cast.data.ballot === 'secret') await seal();
          },
        },
      );
    } catch (error) {
      if (sealed && error instanceof ConcurrencyConflict) await this.box.discard(participationId);
      throw error;
    }
    if (!outcome.ok) {
      if (sealed) await this.box.discard(participationId);
      throw new DomainRefusal(outcome.error);
    }
    if (outcome.replayed) {
      // The same request already went through (same idempotency key): hand back its receipt.
      if (sealed) await this.box.discard(participationId);
      return { ...workflowResult(outcome), receipt: await this.box.receiptOf(outcome.appended[0].eventId) };
    }
    return { ...workflowResult(outcome), receipt: sealed ? ballotId : null };
  }
}
