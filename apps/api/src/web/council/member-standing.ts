import type { TallyRow } from '@vinhdanh/projections';
import type { MessageKey } from '../i18n/i18n';

export type Standing = 'canVote' | 'voted' | 'recused' | 'absent' | 'notMember' | 'votingClosed';

/**
 * Why a member may or may not vote on this tally, in the order the rules apply. The tally row
 * lists every recusal from the nomination, including one declared while the vote is open.
 */
export function standingOf(tally: TallyRow, memberId: string): Standing {
  if (tally.participation.includes(memberId)) return 'voted';
  if (tally.recused.some((r) => r.memberId === memberId)) return 'recused';
  if (tally.status !== 'open') return 'votingClosed';
  if (!tally.members.includes(memberId)) return 'notMember';
  if (!tally.present.includes(memberId)) return 'absent';
  if (!tally.eligible.includes(memberId)) return 'notMember';
  return 'canVote';
}

export const STANDING_MESSAGE: Record<Standing, MessageKey> = {
  canVote: 'council.canVote',
  voted: 'council.voted',
  recused: 'council.recused',
  absent: 'council.absent',
  notMember: 'council.notMember',
  votingClosed: 'council.votingClosed',
};
