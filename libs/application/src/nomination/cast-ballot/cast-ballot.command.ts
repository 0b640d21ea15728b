import type { CastBallot } from '@vinhdanh/domain';
import { WorkflowCommand, type WorkflowResult } from '../kit';

/** The voter is the actor. The ballot id is never the caller's: the handler draws it. */
export type CastBallotData = Omit<CastBallot['data'], 'ballotId'>;

export interface CastBallotResult extends WorkflowResult {
  /**
   * Secret ballot: the random ballot id sealed with the choice, the voter's receipt to find
   * their ballot among those VotingClosed reveals. Null for an open (roll-call) vote, and on a
   * replay after the box was emptied.
   */
  receipt: string | null;
}

export class CastBallotCommand extends WorkflowCommand<CastBallotData, CastBallotResult> {
  readonly type = 'CastBallot' as const;
}
