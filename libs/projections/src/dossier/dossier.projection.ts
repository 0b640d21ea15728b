import type { NominationStatus, CriterionResult, Evidence, NomineeRole, RecusalGround, Share, ThresholdBase } from '@vinhdanh/domain';
import type { StoredEvent } from '@vinhdanh/event-store';
import { collect, domainEvent, nominationIdOf } from '../core/event-data';
import { cite, type Cite, type Projection, type Row, type RowLoader, type RowView } from '../core/projection';
import { describeEvent } from '../shared/describe';
import { awardOf, CAMPAIGNS_TABLE, prepareScopes, SCOPES_TABLE, trackScope } from '../shared/scope';

export const DOSSIER = 'dossier';

/** A step of the story; its readable line is in the audit trail, at the same position. */
export type DossierStep = Cite & { type: string; actorId: string; at: string; rule: string | null; evidence: string[] };

/**
 * A step as stored: a row of its own, written once. Keeping steps out of the dossier document
 * keeps that document small, so that what a new event rewrites (and what the projection holds
 * in memory) does not grow with the nomination's history.
 */
export type DossierStepRow = DossierStep & { nominationId: string };


/** Steps sort by position within a nomination under their key (12 digits outlast any log). */
export const stepKey = (nominationId: string, position: number): string => `${nominationId}@${String(position).padStart(12, '0')}`;

/** A dossier as readers see it: the document with its steps in log order, a score per criterion. */
export function assembleDossier(doc: DossierDoc, steps: readonly DossierStepRow[]): Dossier {
  const ordered = [...steps].sort((a, b) => a.position - b.position);
  const scores = doc.scores.flatMap(({ evaluatorId, scores: given, source }) => given.map(({ criterionCode, score }) => ({ evaluatorId, criterionCode, score, source })));
  return { ...doc, scores, steps: ordered.map(({ nominationId: _n, ...step }) => step) };
}

/** The domain's own statuses: a read model never invents a step of its own. */
export type DossierStatus = Exclude<NominationStatus, 'none'>;

/** One evaluator's score on one criterion, citing the event that gave it. */
export type DossierScore = { evaluatorId: string; criterionCode: string; score: number; source: Cite };

/** Everything about one nomination, each part citing the events it rests on. */
export type Dossier = Row & Omit<DossierFields, 'scores'> & { scores: DossierScore[]; steps: DossierStep[] };

/** The dossier document as stored: everything but the steps. */
export type DossierDoc = Row & DossierFields;

type DossierFields = {
  nominationId: string;
  campaignId: string | null;
  awardCode: string | null;
  awardNameEn: string | null;
  recipientKind: string | null;
  nominee: { id: string; name: string; unitId: string; role: NomineeRole | null } | null;
  submittedBy: string | null;
  status: DossierStatus;
  evidence: (Evidence & { source: Cite })[];
  evaluators: { evaluatorId: string; evaluatorUnitId: string; assignedBy: string; source: Cite }[];
  /**
   * One entry per scoring (an evaluator's scores on every criterion), citing its event once;
   * readers get one per evaluator and criterion (assembleDossier). Forty evaluators' citations
   * repeated per criterion made this the largest part of the document, rewritten at each score.
   */
  scores: { evaluatorId: string; scores: { criterionCode: string; score: number }[]; source: Cite }[];
  evaluation: { weightedTotal: number; passMark: number; passed: boolean; criteria: CriterionResult[]; source: Cite } | null;
  notice: { startDate: string; endDate: string; requiredWorkingDays: number; opened: Cite; closedAt: string | null; closed: Cite | null } | null;
  objections: {
    objectionId: string;
    summary: string;
    filedAt: string;
    filed: Cite;
    outcome: 'upheld' | 'dismissed' | null;
    reason: string | null;
    resolvedBy: string | null;
    resolvedAt: string | null;
    resolved: Cite | null;
  }[];
  recusals: { memberId: string; ground: RecusalGround; source: Cite }[];
  tally: {
    sessionId: string;
    ballot: string;
    eligible: number;
    present: number;
    participated: number;
    yes: number;
    no: number;
    abstain: number;
    quorumRequired: number;
    quorumMet: boolean;
    threshold: Share;
    thresholdBase: ThresholdBase;
    thresholdDenominator: number;
    yesRequired: number;
    passed: boolean;
    source: Cite;
  } | null;
  decision: {
    outcome: 'approved' | 'rejected';
    decisionNumber: string | null;
    decisionDate: string | null;
    signerId: string;
    signerRole: string | null;
    reason: string | null;
    at: string;
    source: Cite;
  } | null;
  publication: { honourListId: string; rank: number; publishedBy: string; publishedAt: string; source: Cite } | null;
  revocation: { legalGround: string; decisionNumber: string; decisionDate: string; revokedBy: string; revokedAt: string; source: Cite } | null;
  withdrawal: { reason: string; withdrawnBy: string; withdrawnAt: string; source: Cite } | null;
  missedDeadlines: { deadline: string; dueAt: string; outstanding: string; source: Cite }[];
};

function emptyDossier(nominationId: string): DossierDoc {
  return {
    nominationId,
    campaignId: null,
    awardCode: null,
    awardNameEn: null,
    recipientKind: null,
    nominee: null,
    submittedBy: null,
    status: 'pledged',
    evidence: [],
    evaluators: [],
    scores: [],
    evaluation: null,
    notice: null,
    objections: [],
    recusals: [],
    tally: null,
    decision: null,
    publication: null,
    revocation: null,
    withdrawal: null,
    missedDeadlines: [],
  };
}

export const dossierProjection: Projection = {
  name: DOSSIER,
  // 2: the nominee's unit is a column, so a unit officer's list is filtered in SQL, not after paging.
  // 3: scores are stored per scoring event, not per criterion (see DossierDoc.scores).
  revision: 3,
  tables: [
    {
      name: 'dossiers',
      columns: [
        { name: 'campaign_id', type: 'text', field: 'campaignId' },
        { name: 'status', type: 'text', field: 'status' },
        { name: 'unit_id', type: 'text', field: 'nominee.unitId' },
      ],
      indexes: [['campaign_id', 'status'], ['campaign_id', 'unit_id']],
    },
    {
      name: 'steps',
      columns: [
        { name: 'nomination_id', type: 'text', field: 'nominationId' },
        { name: 'position', type: 'int', field: 'position' },
      ],
      indexes: [['nomination_id', 'position']],
    },
    CAMPAIGNS_TABLE,
    SCOPES_TABLE,
  ],

  async prepare(events: readonly StoredEvent[], rows: RowLoader) {
    await prepareScopes(events, rows);
    await rows.load('dossiers', collect(events, nominationIdOf));
  },

  apply(event: StoredEvent, rows: RowView) {
    const { scope, campaign } = trackScope(event, rows);
    const e = domainEvent(event);
    if (!e || !scope) return;
    const d: DossierDoc = rows.get<DossierDoc>('dossiers', scope.nominationId) ?? emptyDossier(scope.nominationId);
    const source = cite(event);
    const award = awardOf(campaign, scope.awardCode);
    const described = describeEvent(e, event.metadata.actor.id, award, campaign?.schedule ?? null);
    const step: DossierStep = { ...source, type: event.type, actorId: event.metadata.actor.id, at: event.metadata.recordedAt, rule: described.rule, evidence: [] };
    d.campaignId = scope.campaignId;
    d.awardCode = scope.awardCode;
    d.awardNameEn = award?.nameEn ?? null;
    switch (e.type) {
      case 'NominationPledged':
        d.status = 'pledged';
        d.nominee = { id: e.data.nomineeId, name: e.data.nomineeName, unitId: e.data.unitId, role: null };
        break;
      case 'NominationSubmitted':
        d.status = 'submitted';
        d.recipientKind = e.data.recipientKind;
        d.nominee = { id: e.data.nomineeId, name: e.data.nomineeName, unitId: e.data.nomineeUnitId, role: e.data.nomineeRole };
        d.submittedBy = e.data.submittedBy;
        d.evidence.push(...e.data.evidence.map((x) => ({ ...x, source })));
        step.evidence = e.data.evidence.map((x) => x.sha256);
        break;
      case 'NominationReturned':
        d.status = 'returned';
        break;
      case 'NominationResubmitted':
        d.status = 'submitted';
        d.evidence.push(...e.data.evidence.map((x) => ({ ...x, source })));
        step.evidence = e.data.evidence.map((x) => x.sha256);
        break;
      case 'EvaluatorAssigned':
        d.evaluators.push({ evaluatorId: e.data.evaluatorId, evaluatorUnitId: e.data.evaluatorUnitId, assignedBy: e.data.assignedBy, source });
        break;
      case 'EvaluationScored':
        d.scores.push({ evaluatorId: e.data.evaluatorId, scores: e.data.scores.map(({ criterionCode, score }) => ({ criterionCode, score })), source });
        break;
      case 'NominationEvaluated':
        d.status = e.data.passed ? 'evaluated' : 'evaluation_failed';
        d.evaluation = { weightedTotal: e.data.weightedTotal, passMark: e.data.passMark, passed: e.data.passed, criteria: e.data.criteria, source };
        break;
      case 'PublicNoticeOpened':
        d.status = 'notice_open';
        d.notice = { startDate: e.data.startDate, endDate: e.data.endDate, requiredWorkingDays: e.data.requiredWorkingDays, opened: source, closedAt: null, closed: null };
        break;
      case 'ObjectionFiled':
        d.objections.push({ objectionId: e.data.objectionId, summary: e.data.summary, filedAt: e.data.filedAt, filed: source, outcome: null, reason: null, resolvedBy: null, resolvedAt: null, resolved: null });
        break;
      case 'ObjectionResolved': {
        const o = d.objections.find((x) => x.objectionId === e.data.objectionId);
        if (o) Object.assign(o, { outcome: e.data.outcome, reason: e.data.reason, resolvedBy: e.data.resolvedBy, resolvedAt: e.data.resolvedAt, resolved: source });
        break;
      }
      case 'PublicNoticeClosed':
        d.status = 'notice_closed';
        if (d.notice) Object.assign(d.notice, { closedAt: e.data.closedAt, closed: source });
        break;
      case 'MemberRecused':
        d.recusals.push({ memberId: e.data.memberId, ground: e.data.ground, source });
        break;
      case 'VotingOpened':
        d.status = 'voting';
        break;
      case 'NominationVoted': {
        const v = e.data;
        d.status = v.passed ? 'voted' : 'vote_failed';
        d.tally = {
          sessionId: v.sessionId,
          ballot: v.ballot,
          eligible: v.eligible.length,
          present: v.present.length,
          participated: v.participated,
          yes: v.yes,
          no: v.no,
          abstain: v.abstain,
          quorumRequired: v.quorumRequired,
          quorumMet: v.quorumMet,
          threshold: v.threshold,
          thresholdBase: v.thresholdBase,
          thresholdDenominator: v.thresholdDenominator,
          yesRequired: v.yesRequired,
          passed: v.passed,
          source,
        };
        break;
      }
      case 'NominationApproved':
        d.status = 'approved';
        d.decision = { outcome: 'approved', decisionNumber: e.data.decisionNumber, decisionDate: e.data.decisionDate, signerId: e.data.signerId, signerRole: e.data.signerRole, reason: null, at: e.data.approvedAt, source };
        break;
      case 'NominationRejected':
        d.status = 'rejected';
        d.decision = { outcome: 'rejected', decisionNumber: null, decisionDate: null, signerId: e.data.rejectedBy, signerRole: null, reason: e.data.reason, at: e.data.rejectedAt, source };
        break;
      case 'NominationPublished':
        d.status = 'published';
        d.publication = { honourListId: e.data.honourListId, rank: e.data.rank, publishedBy: e.data.publishedBy, publishedAt: e.data.publishedAt, source };
        break;
      case 'AwardRevoked':
        d.status = 'revoked';
        d.revocation = { legalGround: e.data.legalGround, decisionNumber: e.data.decisionNumber, decisionDate: e.data.decisionDate, revokedBy: e.data.revokedBy, revokedAt: e.data.revokedAt, source };
        break;
      case 'NominationWithdrawn':
        d.status = 'withdrawn';
        d.withdrawal = { reason: e.data.reason, withdrawnBy: e.data.withdrawnBy, withdrawnAt: e.data.withdrawnAt, source };
        break;
      case 'DeadlineMissed':
        d.missedDeadlines.push({ deadline: e.data.deadline, dueAt: e.data.dueAt, outstanding: e.data.outstanding, source });
        break;
      default:
        // Other events that name the nomination (quota slots, conflicts, ballots) are steps only.
        break;
    }
    rows.put('steps', stepKey(d.nominationId, event.position), { ...step, nominationId: d.nominationId } satisfies DossierStepRow);
    rows.put('dossiers', d.nominationId, d);
  },
};
