import type { Decider } from '../shared/decider';
import type { DomainError } from '../shared/domain-error';
import { refuse } from '../errors';
import type { NominationCommand } from './nomination-commands';
import type { NominationContext } from './nomination-context';
import type { NominationEvent } from './nomination-events';
import { evolveNomination, initialNominationState, type NominationState } from './nomination-state';
import { pledge, resubmit, returnForRevision, submit, withdraw } from './submission';
import { assignEvaluator, scoreEvaluation } from './evaluation';
import { closePublicNotice, fileObjection, openPublicNotice, resolveObjection } from './public-notice';
import { castBallot, closeVoting, declareConflict, openVoting } from './voting';
import { approve, publish, reject, revoke } from './decision';
import { markDeadlineMissed } from './deadlines';

export function decideNomination(
  command: NominationCommand,
  state: NominationState,
  context: NominationContext,
): NominationEvent[] | DomainError {
  if (state.status !== 'none' && command.data.nominationId !== state.nominationId) {
    return refuse('INVALID_COMMAND', 'The command names another nomination than this stream holds.');
  }
  switch (command.type) {
    case 'PledgeNomination':
      return pledge(command, state, context);
    case 'SubmitNomination':
      return submit(command, state, context);
    case 'ReturnNomination':
      return returnForRevision(command, state, context);
    case 'ResubmitNomination':
      return resubmit(command, state, context);
    case 'AssignEvaluator':
      return assignEvaluator(command, state, context);
    case 'ScoreEvaluation':
      return scoreEvaluation(command, state, context);
    case 'OpenPublicNotice':
      return openPublicNotice(command, state, context);
    case 'FileObjection':
      return fileObjection(command, state, context);
    case 'ResolveObjection':
      return resolveObjection(command, state, context);
    case 'ClosePublicNotice':
      return closePublicNotice(command, state, context);
    case 'DeclareConflict':
      return declareConflict(command, state, context);
    case 'OpenVoting':
      return openVoting(command, state, context);
    case 'CastBallot':
      return castBallot(command, state, context);
    case 'CloseVoting':
      return closeVoting(command, state, context);
    case 'ApproveNomination':
      return approve(command, state, context);
    case 'RejectNomination':
      return reject(command, state, context);
    case 'PublishNomination':
      return publish(command, state, context);
    case 'RevokeAward':
      return revoke(command, state, context);
    case 'WithdrawNomination':
      return withdraw(command, state, context);
    case 'MarkDeadlineMissed':
      return markDeadlineMissed(command, state, context);
    default: {
      const _exhaustive: never = command;
      return refuse('INVALID_COMMAND', 'Unknown command.');
    }
  }
}

export const nominationDecider: Decider<NominationCommand, NominationEvent, NominationState, NominationContext> = {
  initialState: initialNominationState,
  evolve: evolveNomination,
  decide: decideNomination,
};
