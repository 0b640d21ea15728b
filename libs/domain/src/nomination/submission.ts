import type { DomainError } from '../shared/domain-error';
import { refuse } from '../errors';
import { hasRole } from '../roles';
import { isPast, isValidInstant } from '../shared/time';
import type { CommandMetadata } from '../shared/command-metadata';
import type { NominationContext } from './nomination-context';
import type {
  PledgeNomination,
  ResubmitNomination,
  ReturnNomination,
  SubmitNomination,
  WithdrawNomination,
} from './nomination-commands';
import type { Evidence, NominationEvent } from './nomination-events';
import type { NominationState } from './nomination-state';
import { SHA256_HEX, beforeDeadline, inStatus, nonEmpty, scopeOf } from './guards';

type Result = NominationEvent[] | DomainError;

/** Only an officer of the nominee's own unit speaks for the nominee. */
function ownUnitOfficer(metadata: CommandMetadata, unitId: string): DomainError | null {
  if (!hasRole(metadata.actor, 'unit_officer')) return refuse('FORBIDDEN_ROLE', 'Only a unit officer does this.');
  if (metadata.actor.unit !== unitId) return refuse('NOT_OWN_UNIT', "Only an officer of the nominee's own unit does this.");
  return null;
}

function dossierIssue(achievements: string[], evidence: Evidence[]): DomainError | null {
  if (achievements.length === 0 || !achievements.every(nonEmpty)) {
    return refuse('INVALID_COMMAND', 'List the achievements the nomination rests on.');
  }
  if (evidence.length === 0) return refuse('EVIDENCE_REQUIRED', 'Attach at least one evidence document.');
  if (!evidence.every((e) => nonEmpty(e.name) && SHA256_HEX.test(e.sha256) && nonEmpty(e.mediaType))) {
    return refuse('INVALID_COMMAND', 'Each evidence document needs a name, a media type and a lowercase hex SHA-256.');
  }
  const hashes = evidence.map((e) => e.sha256);
  if (new Set(hashes).size !== hashes.length) return refuse('INVALID_COMMAND', 'The same document is attached twice.');
  return null;
}

export function pledge(command: PledgeNomination, state: NominationState, context: NominationContext): Result {
  const d = command.data;
  const { actor, now } = command.metadata;
  const refused = ownUnitOfficer(command.metadata, d.unitId);
  if (refused) return refused;
  if (state.status !== 'none') return refuse('ALREADY_EXISTS', 'This nomination already exists.');
  const scope = scopeOf(state, context, d);
  if ('code' in scope) return scope;
  const late = beforeDeadline(now, scope.campaign, 'pledge');
  if (late) return late;
  if (!nonEmpty(d.nomineeId) || !nonEmpty(d.nomineeName) || d.targets.length === 0 || !d.targets.every(nonEmpty)) {
    return refuse('INVALID_COMMAND', 'A pledge names the nominee and at least one target.');
  }
  return [
    {
      type: 'NominationPledged',
      data: {
        nominationId: d.nominationId,
        campaignId: d.campaignId,
        awardCode: d.awardCode,
        unitId: d.unitId,
        nomineeId: d.nomineeId,
        nomineeName: d.nomineeName,
        targets: d.targets,
        pledgedBy: actor.id,
        pledgedAt: now,
      },
    },
  ];
}

export function submit(command: SubmitNomination, state: NominationState, context: NominationContext): Result {
  const d = command.data;
  const { actor, now } = command.metadata;
  const refused = ownUnitOfficer(command.metadata, d.nomineeUnitId);
  if (refused) return refused;
  if (state.status !== 'none' && state.status !== 'pledged') {
    return refuse('ALREADY_EXISTS', `This nomination was already submitted (it is ${state.status}).`, { status: state.status });
  }
  const scope = scopeOf(state, context, d);
  if ('code' in scope) return scope;
  const { campaign, award } = scope;
  if (state.status === 'pledged') {
    if (state.awardCode !== d.awardCode || state.pledge?.nomineeId !== d.nomineeId || state.pledge.unitId !== d.nomineeUnitId) {
      return refuse('INVALID_COMMAND', 'The submission must be for the award, nominee and unit that were pledged.');
    }
  } else if (award.requiresPledge) {
    return refuse('PLEDGE_REQUIRED', `${award.nameEn} needs a pledge before a nomination.`);
  }
  const late = beforeDeadline(now, campaign, 'nomination');
  if (late) return late;
  if (!nonEmpty(d.nomineeId) || !nonEmpty(d.nomineeName)) return refuse('INVALID_COMMAND', 'Name the nominee.');
  if ((award.recipientKind === 'individual') !== (d.nomineeRole !== undefined)) {
    return refuse(
      'RECIPIENT_KIND_MISMATCH',
      award.recipientKind === 'individual'
        ? `${award.nameEn} is for individuals: give the nominee's role.`
        : `${award.nameEn} is for collectives: a collective has no role.`,
    );
  }
  const dossier = dossierIssue(d.achievements, d.evidence);
  if (dossier) return dossier;
  const history = context.nomineeHistory ?? [];
  for (const rule of award.prerequisites) {
    for (let year = campaign.year - rule.years; year < campaign.year; year += 1) {
      if (!history.some((h) => h.awardCode === rule.awardCode && h.year === year)) {
        return refuse('PREREQUISITE_NOT_MET', `The nominee needs ${rule.awardCode} in each of the ${rule.years} years before.`, {
          awardCode: rule.awardCode,
          missingYear: year,
        });
      }
    }
  }
  return [
    {
      type: 'NominationSubmitted',
      data: {
        nominationId: d.nominationId,
        campaignId: d.campaignId,
        awardCode: d.awardCode,
        recipientKind: award.recipientKind,
        nomineeId: d.nomineeId,
        nomineeName: d.nomineeName,
        nomineeUnitId: d.nomineeUnitId,
        nomineeRole: d.nomineeRole ?? null,
        achievements: d.achievements,
        evidence: d.evidence.map((e) => ({ name: e.name, sha256: e.sha256, mediaType: e.mediaType })),
        submittedBy: actor.id,
        submitterUnitId: actor.unit as string,
        submittedAt: now,
      },
    },
  ];
}

export function returnForRevision(command: ReturnNomination, state: NominationState, context: NominationContext): Result {
  const { actor, now } = command.metadata;
  if (!hasRole(actor, 'evaluator', 'council_secretary')) {
    return refuse('FORBIDDEN_ROLE', 'Only an evaluator or the council secretary returns a dossier.');
  }
  const order = inStatus(state, ['submitted'], 'be returned');
  if (order) return order;
  const scope = scopeOf(state, context);
  if ('code' in scope) return scope;
  const late = beforeDeadline(now, scope.campaign, 'evaluation');
  if (late) return late;
  const { reason, resubmitBy } = command.data;
  if (!nonEmpty(reason)) return refuse('INVALID_COMMAND', 'Say what must be revised.');
  if (!isValidInstant(resubmitBy) || !isPast(resubmitBy, now) || isPast(resubmitBy, scope.campaign.schedule.evaluationDeadline)) {
    return refuse('INVALID_COMMAND', 'The resubmission deadline must be after now and no later than the evaluation deadline.');
  }
  return [
    {
      type: 'NominationReturned',
      data: { nominationId: state.nominationId, reason, resubmitBy, returnedBy: actor.id, returnedAt: now },
    },
  ];
}

export function resubmit(command: ResubmitNomination, state: NominationState, context: NominationContext): Result {
  const { actor, now } = command.metadata;
  const order = inStatus(state, ['returned'], 'be resubmitted');
  if (order) return order;
  const refused = ownUnitOfficer(command.metadata, state.nominee?.unitId ?? '');
  if (refused) return refused;
  const scope = scopeOf(state, context);
  if ('code' in scope) return scope;
  if (state.resubmitBy && isPast(now, state.resubmitBy)) {
    return refuse('DEADLINE_PASSED', 'The resubmission deadline has passed.', { deadline: 'resubmission', dueAt: state.resubmitBy });
  }
  const dossier = dossierIssue(command.data.achievements, command.data.evidence);
  if (dossier) return dossier;
  return [
    {
      type: 'NominationResubmitted',
      data: {
        nominationId: state.nominationId,
        achievements: command.data.achievements,
        evidence: command.data.evidence.map((e) => ({ name: e.name, sha256: e.sha256, mediaType: e.mediaType })),
        resubmittedBy: actor.id,
        resubmittedAt: now,
      },
    },
  ];
}

/**
 * Withdrawal only before a decision. Not while a vote is open either: sealed secret ballots
 * would be left in the box with no tally to reveal them in.
 */
export function withdraw(command: WithdrawNomination, state: NominationState, context: NominationContext): Result {
  const { actor, now } = command.metadata;
  const order = inStatus(
    state,
    ['pledged', 'submitted', 'returned', 'evaluated', 'evaluation_failed', 'notice_open', 'notice_closed', 'voted', 'vote_failed'],
    'be withdrawn',
  );
  if (order) return order;
  const unitId = state.nominee?.unitId ?? state.pledge?.unitId ?? '';
  if (!hasRole(actor, 'admin')) {
    const refused = ownUnitOfficer(command.metadata, unitId);
    if (refused) return refused;
  }
  const scope = scopeOf(state, context);
  if ('code' in scope) return scope;
  if (!nonEmpty(command.data.reason)) return refuse('INVALID_COMMAND', 'Say why the nomination is withdrawn.');
  return [
    {
      type: 'NominationWithdrawn',
      data: { nominationId: state.nominationId, reason: command.data.reason, withdrawnBy: actor.id, withdrawnAt: now },
    },
  ];
}
