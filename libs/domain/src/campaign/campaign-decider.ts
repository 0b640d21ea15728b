import type { Decider } from '../shared/decider';
import type { DomainError } from '../shared/domain-error';
import { refuse } from '../errors';
import { hasRole } from '../roles';
import { findAwardType } from '../catalog/award-catalog';
import { CatalogInvalidError, loadCatalog } from '../catalog/load-catalog';
import { isPast, isValidInstant } from '../shared/time';
import {
  CAMPAIGN_PHASES,
  evolveCampaign,
  initialCampaignState,
  type CampaignEvent,
  type CampaignPhase,
  type CampaignSchedule,
  type CampaignState,
  type DeadlineKind,
} from './campaign-events';
import type { CampaignCommand } from './campaign-commands';
import { quotaBreach } from './quota';

/**
 * Quota across the campaign, and why slots live on the campaign stream.
 *
 * A quota ("at most 15% of a unit's advanced workers") spans many nomination streams, so a
 * check made only against nomination streams races: two approvals read the same count and both
 * pass. Every approval therefore first holds a slot on the campaign stream (AllocateQuotaSlot →
 * QuotaSlotAllocated), appended with the campaign's expected revision; of two concurrent
 * allocations one fails on the revision, reloads, and is checked again against the new count.
 * ApproveNomination then refuses (QUOTA_SLOT_NOT_FOUND) unless the campaign holds a slot for it.
 * Handler order: dry-run ApproveNomination (any refusal other than QUOTA_SLOT_NOT_FOUND ends
 * it), AllocateQuotaSlot, ApproveNomination again with the fresh campaign; if that last step is
 * refused for good, ReleaseQuotaSlot. A crash between the two appends leaves a held slot and no
 * approval: the quota errs towards fewer awards, never more, and a repair job may release it.
 * Allocation is idempotent per nomination, so retries are safe.
 */

type Ctx = undefined;

const SCHEDULE_ORDER: (keyof CampaignSchedule)[] = [
  'pledgeDeadline',
  'nominationDeadline',
  'evaluationDeadline',
  'noticeStart',
  'noticeEnd',
  'councilSessionAt',
  'decisionDeadline',
  'publicationDeadline',
];

export const DEADLINE_FIELD: Record<DeadlineKind, keyof CampaignSchedule> = {
  pledge: 'pledgeDeadline',
  nomination: 'nominationDeadline',
  evaluation: 'evaluationDeadline',
  notice: 'noticeEnd',
  decision: 'decisionDeadline',
  publication: 'publicationDeadline',
};

/** The phase a campaign must have left by each deadline. */
const DEADLINE_PHASE: Record<DeadlineKind, CampaignPhase> = {
  pledge: 'pledging',
  nomination: 'nominating',
  evaluation: 'evaluating',
  notice: 'public_notice',
  decision: 'decision',
  publication: 'publication',
};

function scheduleIssue(schedule: CampaignSchedule): string | null {
  for (const field of SCHEDULE_ORDER) {
    if (!isValidInstant(schedule[field])) return `${field} is not an ISO-8601 instant`;
  }
  for (let i = 1; i < SCHEDULE_ORDER.length; i += 1) {
    const [before, after] = [SCHEDULE_ORDER[i - 1], SCHEDULE_ORDER[i]];
    if (isPast(schedule[before], schedule[after])) return `${before} must not be after ${after}`;
  }
  return null;
}

export function decideCampaign(command: CampaignCommand, state: CampaignState): CampaignEvent[] | DomainError {
  const { actor, now } = command.metadata;
  switch (command.type) {
    case 'OpenCampaign': {
      if (!hasRole(actor, 'admin')) return refuse('FORBIDDEN_ROLE', 'Only an administrator opens a campaign.');
      if (state.status !== 'none') return refuse('ALREADY_EXISTS', 'This campaign is already open.');
      const d = command.data;
      if (!d.name.trim() || !Number.isInteger(d.year) || !d.councilId) {
        return refuse('INVALID_COMMAND', 'A campaign needs a name, a year and a council.');
      }
      const issue = scheduleIssue(d.schedule);
      if (issue) return refuse('INVALID_SCHEDULE', `The schedule is not valid: ${issue}.`);
      let catalog;
      try {
        catalog = loadCatalog(d.catalog);
      } catch (e) {
        if (e instanceof CatalogInvalidError) {
          return refuse('INVALID_CATALOG', `The catalog is not valid: ${e.issues[0]}`, { issues: e.issues.length });
        }
        throw e;
      }
      return [
        {
          type: 'CampaignOpened',
          data: {
            campaignId: d.campaignId,
            name: d.name,
            year: d.year,
            councilId: d.councilId,
            catalogVersion: catalog.version,
            catalog,
            schedule: { ...d.schedule },
            openedBy: actor.id,
            openedAt: now,
          },
        },
      ];
    }
    case 'AdvanceCampaignPhase': {
      if (!hasRole(actor, 'admin', 'council_secretary')) {
        return refuse('FORBIDDEN_ROLE', 'Only an administrator or the council secretary advances a campaign.');
      }
      if (state.status === 'none') return refuse('CAMPAIGN_NOT_FOUND', 'There is no such campaign.');
      if (state.status === 'closed') return refuse('CAMPAIGN_CLOSED', 'The campaign is closed.');
      const from = CAMPAIGN_PHASES.indexOf(state.phase);
      const to = CAMPAIGN_PHASES.indexOf(command.data.to);
      if (to !== from + 1) {
        return refuse('PHASE_ORDER', `The campaign is in ${state.phase}; it can only move to the next phase.`, {
          phase: state.phase,
        });
      }
      return [
        {
          type: 'CampaignPhaseAdvanced',
          data: { campaignId: state.campaignId, from: state.phase, to: command.data.to, advancedBy: actor.id, advancedAt: now },
        },
      ];
    }
    case 'CloseCampaign': {
      if (!hasRole(actor, 'admin')) return refuse('FORBIDDEN_ROLE', 'Only an administrator closes a campaign.');
      if (state.status === 'none') return refuse('CAMPAIGN_NOT_FOUND', 'There is no such campaign.');
      if (state.status === 'closed') return refuse('CAMPAIGN_CLOSED', 'The campaign is already closed.');
      if (state.phase !== 'publication') {
        return refuse('PHASE_ORDER', 'A campaign closes only from its publication phase.', { phase: state.phase });
      }
      return [{ type: 'CampaignClosed', data: { campaignId: state.campaignId, closedBy: actor.id, closedAt: now } }];
    }
    case 'AllocateQuotaSlot': {
      if (state.status === 'none') return refuse('CAMPAIGN_NOT_FOUND', 'There is no such campaign.');
      const d = command.data;
      const award = findAwardType(state.catalog, d.awardCode);
      if (!award) return refuse('UNKNOWN_AWARD_TYPE', `This campaign has no award ${d.awardCode}.`);
      if (!actor.roles.includes(award.approverRole)) {
        return refuse('FORBIDDEN_ROLE', `Only the ${award.approverRole} allocates approval slots for this award.`);
      }
      if (state.status === 'closed') return refuse('CAMPAIGN_CLOSED', 'The campaign is closed.');
      if (isPast(now, state.schedule.decisionDeadline)) {
        return refuse('DEADLINE_PASSED', 'The decision deadline has passed.', { deadline: state.schedule.decisionDeadline });
      }
      const held = state.slots[d.nominationId];
      if (held) {
        if (held.awardCode === d.awardCode && held.unitId === d.unitId) return []; // a retry: already held
        return refuse('QUOTA_SLOT_HELD', 'This nomination already holds a slot for another award or unit.');
      }
      const breach = quotaBreach(state.catalog, state.slots, d.awardCode, d.unitId, d.nominationId);
      if (breach) {
        return refuse('QUOTA_EXCEEDED', `The unit's quota for ${d.awardCode} is full (${breach.held} of ${breach.limit}).`, {
          limit: breach.limit,
          held: breach.held,
          holders: breach.holders,
          prerequisiteAwardCode: breach.rule.prerequisiteAwardCode,
        });
      }
      return [
        {
          type: 'QuotaSlotAllocated',
          data: {
            campaignId: state.campaignId,
            nominationId: d.nominationId,
            awardCode: d.awardCode,
            unitId: d.unitId,
            allocatedBy: actor.id,
            allocatedAt: now,
          },
        },
      ];
    }
    case 'ReleaseQuotaSlot': {
      if (!hasRole(actor, 'approver', 'publisher', 'admin')) {
        return refuse('FORBIDDEN_ROLE', 'Only an approver, a publisher or an administrator releases a slot.');
      }
      if (state.status === 'none') return refuse('CAMPAIGN_NOT_FOUND', 'There is no such campaign.');
      const slot = state.slots[command.data.nominationId];
      if (!slot) return refuse('QUOTA_SLOT_NOT_FOUND', 'This nomination holds no slot.');
      if (!command.data.reason.trim()) return refuse('INVALID_COMMAND', 'Say why the slot is released.');
      return [
        {
          type: 'QuotaSlotReleased',
          data: { campaignId: state.campaignId, ...slot, reason: command.data.reason, releasedBy: actor.id, releasedAt: now },
        },
      ];
    }
    case 'MarkCampaignDeadlineMissed': {
      // No role: it only records a fact the decider itself verifies, whoever (usually a job) asks.
      if (state.status === 'none') return refuse('CAMPAIGN_NOT_FOUND', 'There is no such campaign.');
      const deadline = command.data.deadline;
      const dueAt = state.schedule[DEADLINE_FIELD[deadline]];
      if (!isPast(now, dueAt)) return refuse('DEADLINE_NOT_PASSED', `The ${deadline} deadline has not passed.`, { dueAt });
      if (state.missedDeadlines.includes(deadline)) return refuse('ALREADY_MARKED', `The ${deadline} deadline is already marked missed.`);
      const outstanding =
        state.status === 'open' && CAMPAIGN_PHASES.indexOf(state.phase) <= CAMPAIGN_PHASES.indexOf(DEADLINE_PHASE[deadline]);
      if (!outstanding) return refuse('NOTHING_OUTSTANDING', `The campaign had left that phase by the ${deadline} deadline.`);
      return [
        {
          type: 'CampaignDeadlineMissed',
          data: { campaignId: state.campaignId, deadline, dueAt, phase: state.phase, recordedAt: now },
        },
      ];
    }
    default: {
      const _exhaustive: never = command;
      return refuse('INVALID_COMMAND', 'Unknown command.');
    }
  }
}

export const campaignDecider: Decider<CampaignCommand, CampaignEvent, CampaignState, Ctx> = {
  initialState: initialCampaignState,
  evolve: evolveCampaign,
  decide: (command, state) => decideCampaign(command, state),
};
