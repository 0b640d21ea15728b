import { Command } from '@nestjs/cqrs';
import type { CommandMetadata } from '@vinhdanh/domain';

/**
 * The base of every command sent on the CommandBus: the data of the domain command of the same
 * name, and its metadata (actor with roles and unit, the command's clock, correlation and
 * idempotency keys), all of which lands in the metadata of the events it appends.
 * `R` is what the handler returns, so `commandBus.execute(cmd)` is typed.
 */
export abstract class WorkflowCommand<D, R> extends Command<R> {
  /** The domain command type, e.g. 'CastBallot'. */
  abstract readonly type: string;

  constructor(
    readonly data: D,
    readonly metadata: CommandMetadata,
  ) {
    super();
  }
}
