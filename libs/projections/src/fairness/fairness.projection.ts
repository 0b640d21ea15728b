import { quotaBreach, type DomainEvent, type QuotaSlot } from '@vinhdanh/domain';
import type { StoredEvent } from '@vinhdanh/event-store';
import { campaignIdOf, collect, councilIdOf, domainEvent, nominationIdOf } from '../core/event-data';
import { cite, type Cite, type Projection, type Row, type RowLoader, type RowView } from '../core/projection';
import { awardOf, CAMPAIGNS_TABLE, prepareScopes, SCOPES_TABLE, trackScope, type CampaignScope } from '../shared/scope';
import { runChecks, type CheckResult, type CheckRow, type FairnessCheckCode } from './fairness-checks';
import type { CouncilDoc, FairnessWork, SlotsDoc } from './fairness-work';

export const FAIRNESS = 'fairness';

/** A check as stored: its evidence as log positions, whose hashes the verdicts row holds once. */
export type StoredCheck = { check: FairnessCheckCode; result: CheckResult; detail: string; evidence: number[] };

/**
 * Every check of one decision; `failed` names the checks that failed. The nine checks cite
 * mostly the same few events (the council, the vote, the ballots), so each hash is kept once
 * in `hashes` and the checks cite positions: the row is still self-contained evidence, at
 * under half the bytes of nine full citation lists. `checksOf` gives the checks back in full.
 */
export type Verdicts = Row & {
  campaignId: string;
  nominationId: string;
  failed: FairnessCheckCode[];
  failedCount: number;
  hashes: Record<string, string>;
  checks: StoredCheck[];
};

export function packVerdicts(campaignId: string, nominationId: string, checks: readonly CheckRow[]): Verdicts {
  const hashes: Record<string, string> = {};
  const stored = checks.map(({ check, result, detail, evidence }) => {
    for (const c of evidence) hashes[c.position] = c.hash;
    return { check, result, detail, evidence: evidence.map((c) => c.position) };
  });
  const failed = checks.filter((c) => c.result === 'fail').map((c) => c.check);
  return { campaignId, nominationId, failed, failedCount: failed.length, hashes, checks: stored };
}

export function checksOf(verdicts: Verdicts): CheckRow[] {
  const { campaignId, nominationId, hashes } = verdicts;
  return verdicts.checks.map(({ check, result, detail, evidence }) => ({
    campaignId,
    nominationId,
    check,
    result,
    detail,
    evidence: evidence.map((position) => ({ position, hash: hashes[position] })),
  }));
}

/** One award given (or revoked) for the distribution figures. */
export type AwardRow = Row & {
  campaignId: string;
  nominationId: string;
  unitId: string;
  awardCode: string;
  level: string | null;
  recipientKind: string | null;
  nomineeRole: string | null;
  status: 'approved' | 'published' | 'revoked';
  evidence: Cite[];
};

function quotaVerdict(campaign: CampaignScope, slots: SlotsDoc, nominationId: string, awardCode: string, unitId: string): { passed: boolean; detail: string } {
  const award = awardOf(campaign, awardCode);
  if (!award) return { passed: false, detail: `${awardCode} is not in the campaign's catalog` };
  if (award.quotas.length === 0) return { passed: true, detail: `${awardCode} has no quota` };
  // quotaBreach counts slots; rebuild just this unit's relevant slots from the recounted totals.
  const counts = slots.counts[unitId] ?? {};
  const local: Record<string, QuotaSlot> = {};
  for (const code of new Set([awardCode, ...award.quotas.map((q) => q.prerequisiteAwardCode)])) {
    for (let i = 0; i < (counts[code] ?? 0); i++) local[`${code}#${i}`] = { nominationId: `${code}#${i}`, awardCode: code, unitId };
  }
  const breach = quotaBreach(campaign.catalog, local, awardCode, unitId, nominationId);
  return breach
    ? { passed: false, detail: `slot ${breach.held + 1} for ${awardCode} in ${unitId}, limit ${breach.limit} (${breach.holders} holder(s) of ${breach.rule.prerequisiteAwardCode})` }
    : { passed: true, detail: `within the quota of ${awardCode} in ${unitId}` };
}

function newWork(e: Extract<DomainEvent, { type: 'NominationSubmitted' }>, source: Cite): FairnessWork {
  const d = e.data;
  return {
    nominationId: d.nominationId,
    campaignId: d.campaignId,
    awardCode: d.awardCode,
    unitId: d.nomineeUnitId,
    nomineeId: d.nomineeId,
    nomineeRole: d.nomineeRole,
    submittedBy: d.submittedBy,
    submitted: source,
    assigned: [],
    scored: [],
    evaluated: null,
    notice: null,
    objections: [],
    recusals: [],
    voting: null,
    casts: [],
    closed: null,
    voted: null,
    quota: null,
    decision: null,
    publication: null,
    revoked: null,
    selfActions: [],
  };
}

export const fairnessProjection: Projection = {
  name: FAIRNESS,
  // 2: verdicts cite positions and keep each hash once (packVerdicts).
  revision: 2,
  tables: [
    {
      // One row per decision holding all its checks: nine rows per decision cost nine writes.
      name: 'verdicts',
      columns: [
        { name: 'campaign_id', type: 'text', field: 'campaignId' },
        { name: 'failed_count', type: 'int', field: 'failedCount' },
      ],
      indexes: [['campaign_id', 'failed_count']],
    },
    { name: 'awards', columns: [{ name: 'campaign_id', type: 'text', field: 'campaignId' }], indexes: [['campaign_id']] },
    { name: 'work', columns: [] },
    { name: 'councils', columns: [] },
    { name: 'slots', columns: [] },
    CAMPAIGNS_TABLE,
    SCOPES_TABLE,
  ],

  async prepare(events: readonly StoredEvent[], rows: RowLoader) {
    await prepareScopes(events, rows);
    await rows.load('work', collect(events, nominationIdOf));
    await rows.load('councils', collect(events, councilIdOf));
    await rows.load('slots', collect(events, (e) => (e.type === 'QuotaSlotAllocated' || e.type === 'QuotaSlotReleased' ? campaignIdOf(e) : null)));
  },

  apply(event: StoredEvent, rows: RowView) {
    const { campaign } = trackScope(event, rows);
    const e = domainEvent(event);
    if (!e) return;
    const source = cite(event);
    switch (e.type) {
      case 'CouncilConstituted':
        rows.put('councils', e.data.councilId, { councilId: e.data.councilId, members: e.data.members, sessions: {}, source } satisfies CouncilDoc);
        return;
      case 'MemberAdded':
      case 'MemberRemoved':
      case 'SessionOpened': {
        const council = rows.get<CouncilDoc>('councils', e.data.councilId);
        if (!council) return;
        if (e.type === 'MemberAdded') council.members = [...council.members, e.data.member];
        else if (e.type === 'MemberRemoved') council.members = council.members.filter((m) => m.memberId !== e.data.memberId);
        else council.sessions[e.data.sessionId] = { present: e.data.present, source };
        rows.put('councils', council.councilId, council);
        return;
      }
      default:
        break;
    }
    const nominationId = nominationIdOf(event);
    if (!nominationId) return;
    let work = rows.get<FairnessWork>('work', nominationId);
    if (e.type === 'NominationSubmitted') work = newWork(e, source);
    if (!work) return;
    if (event.metadata.actor.id === work.nomineeId) work.selfActions.push(source);
    switch (e.type) {
      case 'EvaluatorAssigned':
        work.assigned.push({ evaluatorId: e.data.evaluatorId, source });
        break;
      case 'EvaluationScored':
        work.scored.push({ evaluatorId: e.data.evaluatorId, scores: e.data.scores, source });
        break;
      case 'NominationEvaluated':
        work.evaluated = { passed: e.data.passed, weightedTotal: e.data.weightedTotal, source };
        break;
      case 'PublicNoticeOpened':
        work.notice = { startDate: e.data.startDate, endDate: e.data.endDate, openedAt: e.data.openedAt, opened: source, closedAt: null, closed: null };
        break;
      case 'PublicNoticeClosed':
        if (work.notice) Object.assign(work.notice, { closedAt: e.data.closedAt, closed: source });
        break;
      case 'ObjectionFiled':
        work.objections.push({ objectionId: e.data.objectionId, filed: source, resolved: null });
        break;
      case 'ObjectionResolved': {
        const o = work.objections.find((x) => x.objectionId === e.data.objectionId);
        if (o) o.resolved = source;
        break;
      }
      case 'MemberRecused':
        work.recusals.push({ memberId: e.data.memberId, ground: e.data.ground, source });
        break;
      case 'VotingOpened': {
        const council = rows.get<CouncilDoc>('councils', e.data.councilId);
        const session = council?.sessions[e.data.sessionId];
        work.voting = {
          sessionId: e.data.sessionId,
          councilId: e.data.councilId,
          ballot: e.data.ballot,
          claimedPresent: e.data.present,
          councilMembers: (council?.members ?? []).map(({ memberId, unitId }) => ({ memberId, unitId })),
          sessionPresent: session?.present ?? null,
          session: session?.source ?? null,
          council: council?.source ?? null,
          opened: source,
        };
        work.casts = [];
        work.closed = null;
        break;
      }
      case 'BallotCast':
        work.casts.push({ memberId: e.data.memberId, source });
        if (e.data.memberId === work.nomineeId && event.metadata.actor.id !== work.nomineeId) work.selfActions.push(source);
        break;
      case 'VotingClosed':
        work.closed =
          e.data.ballot === 'secret'
            ? { choices: e.data.ballots.map((b) => b.choice), openVotes: null, source }
            : { choices: e.data.votes.map((v) => v.choice), openVotes: e.data.votes, source };
        break;
      case 'NominationVoted':
        work.voted = { passed: e.data.passed, thresholdDenominator: e.data.thresholdDenominator, yesRequired: e.data.yesRequired, at: e.data.votedAt, source };
        break;
      case 'QuotaSlotAllocated': {
        const slots = rows.get<SlotsDoc>('slots', e.data.campaignId) ?? { campaignId: e.data.campaignId, counts: {} };
        const verdict = campaign ? quotaVerdict(campaign, slots, nominationId, e.data.awardCode, e.data.unitId) : { passed: false, detail: 'unknown campaign' };
        work.quota = { ...verdict, awardCode: e.data.awardCode, unitId: e.data.unitId, source };
        const unit = (slots.counts[e.data.unitId] ??= {});
        unit[e.data.awardCode] = (unit[e.data.awardCode] ?? 0) + 1;
        rows.put('slots', slots.campaignId, slots);
        break;
      }
      case 'QuotaSlotReleased': {
        const slots = rows.get<SlotsDoc>('slots', e.data.campaignId);
        const held = work.quota;
        if (slots && held) {
          slots.counts[held.unitId][held.awardCode] -= 1;
          rows.put('slots', slots.campaignId, slots);
        }
        work.quota = null;
        break;
      }
      case 'NominationApproved':
        work.decision = { outcome: 'approved', by: e.data.signerId, at: e.data.approvedAt, source };
        break;
      case 'NominationRejected':
        work.decision = { outcome: 'rejected', by: e.data.rejectedBy, at: e.data.rejectedAt, source };
        break;
      case 'NominationPublished':
        work.publication = { at: e.data.publishedAt, source };
        break;
      case 'AwardRevoked':
        work.revoked = source;
        break;
      default:
        break;
    }
    rows.put('work', nominationId, work);
    let touched = touchedIn.get(rows);
    if (!touched) touchedIn.set(rows, (touched = new Set()));
    touched.add(nominationId);
  },

  finish(rows: RowView) {
    const touched = touchedIn.get(rows);
    if (!touched) return;
    touchedIn.delete(rows);
    for (const nominationId of touched) writeVerdicts(rows, nominationId);
  },
};

/** Nominations changed in the batch under way, per row store. */
const touchedIn = new WeakMap<RowView, Set<string>>();

function writeVerdicts(rows: RowView, nominationId: string): void {
    const work = rows.get<FairnessWork>('work', nominationId)!;
    const campaign = rows.get<CampaignScope>(CAMPAIGNS_TABLE.name, work.campaignId) ?? null;
    const award = awardOf(campaign, work.awardCode);
    if (!campaign || !award || (!work.voting && !work.decision)) return;
    rows.put('verdicts', nominationId, packVerdicts(work.campaignId, nominationId, runChecks(work, campaign, award)));
    if (work.decision?.outcome === 'approved') {
      const awardRow: AwardRow = {
        campaignId: work.campaignId,
        nominationId,
        unitId: work.unitId,
        awardCode: work.awardCode,
        level: award.level,
        recipientKind: award.recipientKind,
        nomineeRole: work.nomineeRole,
        status: work.revoked ? 'revoked' : work.publication ? 'published' : 'approved',
        evidence: [work.submitted, work.decision.source, work.publication?.source, work.revoked].filter((c): c is Cite => !!c),
      };
      rows.put('awards', nominationId, awardRow);
    }
}
