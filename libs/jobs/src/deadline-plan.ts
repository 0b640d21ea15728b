import { DEADLINE_FIELD, type CampaignSchedule, type DeadlineKind } from '@vinhdanh/domain';
import type { StoredEvent } from '@vinhdanh/event-store';
import type { DeadlineJobData, ReminderJobData, WebhookJobData } from './job-data';
import { QUEUE_NAMES, compactInstant, jobId, type QueueKey } from './job-ids';

/** What the scheduler remembers of a campaign: its schedule and its local calendar offset. */
export interface CampaignInfo {
  campaignId: string;
  schedule: CampaignSchedule;
  utcOffsetMinutes: number;
}

/** What it remembers of a nomination: enough to find its deadlines and to describe a publication. */
export interface NominationInfo {
  nominationId: string;
  campaignId: string;
  awardCode: string;
  nomineeName: string;
}

export type PlannedJob =
  | { queue: 'deadlines'; name: string; id: string; slot: string; dueAt: string; data: DeadlineJobData }
  | { queue: 'reminders'; name: string; id: string; slot: string; dueAt: string; data: ReminderJobData }
  | { queue: 'webhooks'; name: string; id: string; slot: null; dueAt: string; data: WebhookJobData };

export type PlanStep =
  | { op: 'campaign'; campaign: CampaignInfo }
  | { op: 'nomination'; nomination: NominationInfo }
  | { op: 'schedule'; job: PlannedJob };

export interface PlanView {
  campaign(campaignId: string): CampaignInfo | undefined;
  nomination(nominationId: string): NominationInfo | undefined;
}

export interface PlanOptions {
  /** How long before a deadline people are reminded. */
  reminderLeadMs: number;
  /** Whether a portal webhook is configured: without one, publications are not queued. */
  portal: boolean;
}

/** Campaign deadlines also recorded per nomination (the pledge deadline never leaves a nomination step outstanding). */
const NOMINATION_DEADLINES: DeadlineKind[] = ['nomination', 'evaluation', 'notice', 'decision', 'publication'];

const minus = (iso: string, ms: number): string => new Date(Date.parse(iso) - ms).toISOString();

/** The first instant after a local date (YYYY-MM-DD) is over, in a zone `offset` minutes east of UTC. */
export function endOfLocalDate(date: string, utcOffsetMinutes: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + 1) - utcOffsetMinutes * 60_000).toISOString();
}

function deadlineJob(kind: string, subject: string, dueAt: string, data: DeadlineJobData): PlannedJob {
  return { queue: 'deadlines', name: data.action, id: jobId('deadline', kind, subject, compactInstant(dueAt)), slot: jobId('deadline', kind, subject), dueAt, data };
}

function reminderJob(data: ReminderJobData, leadMs: number): PlannedJob {
  return {
    queue: 'reminders',
    name: `remind-${data.kind}`,
    id: jobId('reminder', data.kind, data.nominationId, compactInstant(data.dueAt)),
    slot: jobId('reminder', data.kind, data.nominationId),
    dueAt: minus(data.dueAt, leadMs),
    data,
  };
}

/**
 * Pure: what one event of the log means for the job queues, given what earlier events told the
 * scheduler. Every job id is derived from the event, so planning the same event twice yields
 * the same jobs; `slot` names what a job is for, so a later event that moves that deadline
 * replaces the job instead of adding a second one.
 */
export function planEvent(event: StoredEvent, view: PlanView, options: PlanOptions): PlanStep[] {
  const data = event.data as Record<string, unknown>;
  switch (event.type) {
    case 'CampaignOpened': {
      const d = event.data as { campaignId: string; schedule: CampaignSchedule; catalog: { calendar: { utcOffsetMinutes: number } } };
      const campaign: CampaignInfo = { campaignId: d.campaignId, schedule: d.schedule, utcOffsetMinutes: d.catalog.calendar.utcOffsetMinutes };
      const steps: PlanStep[] = [{ op: 'campaign', campaign }];
      for (const [deadline, field] of Object.entries(DEADLINE_FIELD) as [DeadlineKind, keyof CampaignSchedule][]) {
        const dueAt = d.schedule[field];
        steps.push({
          op: 'schedule',
          job: deadlineJob(deadline, d.campaignId, dueAt, { action: 'mark-campaign-deadline-missed', campaignId: d.campaignId, deadline, dueAt }),
        });
      }
      return steps;
    }
    case 'NominationPledged':
    case 'NominationSubmitted': {
      const d = event.data as { nominationId: string; campaignId: string; awardCode: string; nomineeName: string };
      const nomination: NominationInfo = { nominationId: d.nominationId, campaignId: d.campaignId, awardCode: d.awardCode, nomineeName: d.nomineeName };
      const steps: PlanStep[] = [{ op: 'nomination', nomination }];
      const campaign = view.campaign(d.campaignId);
      if (!campaign || view.nomination(d.nominationId)) return steps;
      for (const deadline of NOMINATION_DEADLINES) {
        const dueAt = campaign.schedule[DEADLINE_FIELD[deadline]];
        steps.push({
          op: 'schedule',
          job: deadlineJob(deadline, d.nominationId, dueAt, { action: 'mark-deadline-missed', nominationId: d.nominationId, deadline, dueAt }),
        });
      }
      return steps;
    }
    case 'EvaluatorAssigned': {
      const campaign = campaignOf(String(data.nominationId), view);
      if (!campaign) return [];
      const dueAt = campaign.schedule.evaluationDeadline;
      return [{ op: 'schedule', job: reminderJob({ kind: 'evaluation', nominationId: String(data.nominationId), dueAt }, options.reminderLeadMs) }];
    }
    case 'NominationReturned': {
      const d = event.data as { nominationId: string; resubmitBy: string };
      return [{ op: 'schedule', job: reminderJob({ kind: 'resubmission', nominationId: d.nominationId, dueAt: d.resubmitBy }, options.reminderLeadMs) }];
    }
    case 'PublicNoticeOpened': {
      const d = event.data as { nominationId: string; endDate: string };
      const campaign = campaignOf(d.nominationId, view);
      if (!campaign) return [];
      const dueAt = endOfLocalDate(d.endDate, campaign.utcOffsetMinutes);
      return [{ op: 'schedule', job: deadlineJob('notice-close', d.nominationId, dueAt, { action: 'close-public-notice', nominationId: d.nominationId, dueAt }) }];
    }
    case 'VotingOpened': {
      const d = event.data as { nominationId: string; sessionId: string; closesAt?: string };
      const campaign = campaignOf(d.nominationId, view);
      if (!campaign) return [];
      // Ballots are refused after the vote's end (the decision deadline for votes opened before
      // VotingOpened carried closesAt), so that is when the job closes it.
      const dueAt = d.closesAt ?? campaign.schedule.decisionDeadline;
      return [
        { op: 'schedule', job: deadlineJob('voting', d.nominationId, dueAt, { action: 'close-voting', nominationId: d.nominationId, sessionId: d.sessionId, dueAt }) },
        { op: 'schedule', job: reminderJob({ kind: 'vote', nominationId: d.nominationId, dueAt }, options.reminderLeadMs) },
      ];
    }
    case 'NominationPublished': {
      if (!options.portal) return [];
      const d = event.data as { nominationId: string; honourListId: string; rank: number; publishedAt: string };
      const nomination = view.nomination(d.nominationId);
      const body = JSON.stringify({
        type: 'honour_list.entry_published',
        nominationId: d.nominationId,
        honourListId: d.honourListId,
        rank: d.rank,
        publishedAt: d.publishedAt,
        campaignId: nomination?.campaignId ?? null,
        awardCode: nomination?.awardCode ?? null,
        nomineeName: nomination?.nomineeName ?? null,
        eventId: event.eventId,
        position: event.position,
      });
      return [
        {
          op: 'schedule',
          job: {
            queue: 'webhooks',
            name: 'portal-publication',
            id: jobId('webhook', 'published', d.nominationId, event.eventId),
            slot: null,
            dueAt: d.publishedAt,
            data: { target: 'portal', topic: 'honour_list.entry_published', body },
          },
        },
      ];
    }
    default:
      return [];
  }
}

function campaignOf(nominationId: string, view: PlanView): CampaignInfo | undefined {
  const nomination = view.nomination(nominationId);
  return nomination ? view.campaign(nomination.campaignId) : undefined;
}

export const queueNameOf = (queue: QueueKey): string => QUEUE_NAMES[queue];
