import type { NominationState } from '@vinhdanh/domain';
import type { ReminderKind } from './job-data';

/**
 * Who still has to act before the deadline, from the nomination as it is now: evaluators
 * assigned who have not scored, members present and eligible who have not voted (participation
 * is public; a choice never is), or the submitter of a returned dossier. A reminder that no
 * longer matches the stream (deadline moved, step done) reminds no one.
 */
export function whoMustAct(kind: ReminderKind, state: NominationState, dueAt: string): string[] {
  switch (kind) {
    case 'evaluation':
      if (state.status !== 'submitted') return [];
      return state.evaluators.map((e) => e.evaluatorId).filter((id) => !state.scores[id]);
    case 'vote': {
      const voting = state.voting;
      if (state.status !== 'voting' || !voting) return [];
      const recused = new Set(state.recused.map((r) => r.memberId));
      return voting.present.filter((id) => voting.eligible.includes(id) && !recused.has(id) && !voting.participants.includes(id));
    }
    case 'resubmission':
      if (state.status !== 'returned' || state.resubmitBy === null || Date.parse(state.resubmitBy) !== Date.parse(dueAt)) return [];
      return state.submittedBy ? [state.submittedBy] : [];
    default: {
      const unknown: never = kind;
      return unknown;
    }
  }
}
