import type { NominationStatus, CampaignSchedule, DeadlineKind } from '@vinhdanh/domain';
import type { StoredEvent } from '@vinhdanh/event-store';
import { campaignIdOf, collect, domainEvent, nominationIdOf } from '../core/event-data';
import { cite, type Cite, type Projection, type Row, type RowLoader, type RowView } from '../core/projection';
import { prepareScopes, SCOPES_TABLE, CAMPAIGNS_TABLE, trackScope } from '../shared/scope';

export const CAMPAIGN_PROGRESS = 'campaign_progress';

/** The domain's own statuses: a read model never invents a step of its own. */
export type ProgressStage = Exclude<NominationStatus, 'none'>;

export const TERMINAL_STAGES: readonly ProgressStage[] = ['rejected', 'published', 'revoked', 'withdrawn'];

export type MissedDeadline = { deadline: DeadlineKind; dueAt: string; outstanding: string; recordedAt: string; source: Cite };

/** Where one nomination stands: its next step, when it is due, and who it waits on. */
export type ProgressItem = Row & {
  nominationId: string;
  campaignId: string;
  unitId: string;
  awardCode: string;
  stage: ProgressStage;
  nextStep: string | null;
  dueAt: string | null;
  /** Actor ids, or a role when no one person is named yet. */
  waitingOn: string[];
  /** When the nomination reached its stage. */
  since: string;
  missed: MissedDeadline[];
  missedCount: number;
  /** The event that set the stage. */
  source: Cite;
  /** Internal bookkeeping for `waitingOn`. */
  evaluators: string[];
  scored: string[];
  present: string[];
  voted: string[];
  submittedBy: string;
};

export type CampaignProgressRow = Row & {
  campaignId: string;
  name: string;
  year: number;
  phase: string;
  closed: boolean;
  schedule: CampaignSchedule;
  missed: { deadline: DeadlineKind; dueAt: string; phase: string; recordedAt: string; source: Cite }[];
  sources: Cite[];
};

type Next = { nextStep: string | null; due: keyof CampaignSchedule | null; waitingOn: (item: ProgressItem) => string[] };

const NEXT: Record<ProgressStage, Next> = {
  pledged: { nextStep: 'submission', due: 'nominationDeadline', waitingOn: (i) => [i.submittedBy] },
  submitted: {
    nextStep: 'evaluation',
    due: 'evaluationDeadline',
    waitingOn: (i) => {
      const pending = i.evaluators.filter((e) => !i.scored.includes(e));
      return pending.length ? pending : ['council_secretary'];
    },
  },
  returned: { nextStep: 'resubmission', due: 'nominationDeadline', waitingOn: (i) => [i.submittedBy] },
  evaluated: { nextStep: 'public notice', due: 'noticeEnd', waitingOn: () => ['council_secretary'] },
  evaluation_failed: { nextStep: 'rejection', due: 'decisionDeadline', waitingOn: () => ['approver'] },
  notice_open: { nextStep: 'notice close', due: 'noticeEnd', waitingOn: () => ['council_secretary'] },
  notice_closed: { nextStep: 'vote', due: 'decisionDeadline', waitingOn: () => ['council_secretary'] },
  voting: {
    nextStep: 'vote',
    due: 'decisionDeadline',
    waitingOn: (i) => {
      const pending = i.present.filter((m) => !i.voted.includes(m));
      return pending.length ? pending : ['council_secretary'];
    },
  },
  voted: { nextStep: 'approval', due: 'decisionDeadline', waitingOn: () => ['approver'] },
  vote_failed: { nextStep: 'rejection', due: 'decisionDeadline', waitingOn: () => ['approver'] },
  approved: { nextStep: 'publication', due: 'publicationDeadline', waitingOn: () => ['publisher'] },
  rejected: { nextStep: null, due: null, waitingOn: () => [] },
  published: { nextStep: null, due: null, waitingOn: () => [] },
  revoked: { nextStep: null, due: null, waitingOn: () => [] },
  withdrawn: { nextStep: null, due: null, waitingOn: () => [] },
};

const STAGE_OF: Partial<Record<string, (data: Record<string, unknown>) => ProgressStage>> = {
  NominationPledged: () => 'pledged',
  NominationSubmitted: () => 'submitted',
  NominationReturned: () => 'returned',
  NominationResubmitted: () => 'submitted',
  NominationEvaluated: (d) => (d.passed ? 'evaluated' : 'evaluation_failed'),
  PublicNoticeOpened: () => 'notice_open',
  PublicNoticeClosed: () => 'notice_closed',
  VotingOpened: () => 'voting',
  NominationVoted: (d) => (d.passed ? 'voted' : 'vote_failed'),
  NominationApproved: () => 'approved',
  NominationRejected: () => 'rejected',
  NominationPublished: () => 'published',
  AwardRevoked: () => 'revoked',
  NominationWithdrawn: () => 'withdrawn',
};

export const campaignProgressProjection: Projection = {
  name: CAMPAIGN_PROGRESS,
  tables: [
    {
      name: 'items',
      columns: [
        { name: 'campaign_id', type: 'text', field: 'campaignId' },
        { name: 'unit_id', type: 'text', field: 'unitId' },
        { name: 'stage', type: 'text', field: 'stage' },
        { name: 'due_at', type: 'text', field: 'dueAt' },
        { name: 'missed_count', type: 'int', field: 'missedCount' },
      ],
      indexes: [['campaign_id', 'stage', 'unit_id'], ['campaign_id', 'due_at']],
    },
    { name: 'progress', columns: [] },
    CAMPAIGNS_TABLE,
    SCOPES_TABLE,
  ],

  async prepare(events: readonly StoredEvent[], rows: RowLoader) {
    await prepareScopes(events, rows);
    await rows.load('items', collect(events, nominationIdOf));
    await rows.load('progress', collect(events, (e) => (e.streamId.startsWith('campaign-') ? campaignIdOf(e) : null)));
  },

  apply(event: StoredEvent, rows: RowView) {
    const { scope, campaign } = trackScope(event, rows);
    const e = domainEvent(event);
    if (!e) return;
    const source = cite(event);
    switch (e.type) {
      case 'CampaignOpened': {
        const d = e.data;
        rows.put('progress', d.campaignId, { campaignId: d.campaignId, name: d.name, year: d.year, phase: 'pledging', closed: false, schedule: d.schedule, missed: [], sources: [source] } satisfies CampaignProgressRow);
        return;
      }
      case 'CampaignPhaseAdvanced':
      case 'CampaignClosed':
      case 'CampaignDeadlineMissed': {
        const row = rows.get<CampaignProgressRow>('progress', e.data.campaignId);
        if (!row) return;
        if (e.type === 'CampaignPhaseAdvanced') row.phase = e.data.to;
        else if (e.type === 'CampaignClosed') row.closed = true;
        else row.missed.push({ deadline: e.data.deadline, dueAt: e.data.dueAt, phase: e.data.phase, recordedAt: e.data.recordedAt, source });
        row.sources.push(source);
        rows.put('progress', row.campaignId, row);
        return;
      }
      default:
        break;
    }
    if (!scope || !scope.campaignId || !event.streamId.startsWith('nomination-')) return;
    let item = rows.get<ProgressItem>('items', scope.nominationId);
    const data = event.data as Record<string, unknown>;
    if (!item) {
      if (e.type !== 'NominationPledged' && e.type !== 'NominationSubmitted') return;
      item = {
        nominationId: scope.nominationId,
        campaignId: scope.campaignId,
        unitId: scope.unitId ?? '',
        awardCode: scope.awardCode ?? '',
        stage: 'pledged',
        nextStep: null,
        dueAt: null,
        waitingOn: [],
        since: event.metadata.recordedAt,
        missed: [],
        missedCount: 0,
        source,
        evaluators: [],
        scored: [],
        present: [],
        voted: [],
        submittedBy: event.metadata.actor.id,
      };
    }
    switch (e.type) {
      case 'EvaluatorAssigned':
        item.evaluators.push(e.data.evaluatorId);
        break;
      case 'EvaluationScored':
        item.scored.push(e.data.evaluatorId);
        break;
      case 'VotingOpened':
        item.present = e.data.present;
        item.voted = [];
        break;
      case 'BallotCast':
        item.voted.push(e.data.memberId);
        break;
      case 'NominationSubmitted':
        item.submittedBy = e.data.submittedBy;
        break;
      case 'DeadlineMissed':
        item.missed.push({ deadline: e.data.deadline, dueAt: e.data.dueAt, outstanding: e.data.outstanding, recordedAt: e.data.recordedAt, source });
        item.missedCount = item.missed.length;
        break;
      default:
        break;
    }
    const stageOf = STAGE_OF[e.type];
    if (stageOf) {
      item.stage = stageOf(data);
      item.since = event.metadata.recordedAt;
      item.source = source;
    }
    const next = NEXT[item.stage];
    item.nextStep = next.nextStep;
    item.dueAt = e.type === 'NominationReturned' ? e.data.resubmitBy : item.stage === 'returned' ? item.dueAt : next.due && campaign ? campaign.schedule[next.due] : null;
    item.waitingOn = next.waitingOn(item);
    rows.put('items', item.nominationId, item);
  },
};
