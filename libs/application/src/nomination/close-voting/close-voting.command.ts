import type { CloseVoting } from '@vinhdanh/domain';
import { WorkflowCommand, type WorkflowResult } from '../kit';

/** The sealed ballots are never the caller's to give: the handler takes them from the box. */
export type CloseVotingData = Omit<CloseVoting['data'], 'ballots'>;

export interface CloseVotingResult extends WorkflowResult {
  /** How many sealed ballots VotingClosed revealed; null for an open vote. */
  ballotsRevealed: number | null;
}

export class CloseVotingCommand extends WorkflowCommand<CloseVotingData, CloseVotingResult> {
  readonly type = 'CloseVoting' as const;
}
