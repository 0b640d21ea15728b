import { addWorkingDays, evaluate, localDate, shareOf, type AwardType, type Choice } from '@vinhdanh/domain';
import type { Cite, Row } from '../core/projection';
import type { CampaignScope } from '../shared/scope';
import type { FairnessWork } from './fairness-work';

export const FAIRNESS_CHECKS = ['quorum', 'threshold', 'ballots', 'notice', 'objections', 'segregation', 'scores', 'quota', 'schedule'] as const;
export type FairnessCheckCode = (typeof FAIRNESS_CHECKS)[number];
export type CheckResult = 'pass' | 'fail' | 'pending';

export type CheckRow = Row & {
  campaignId: string;
  nominationId: string;
  check: FairnessCheckCode;
  result: CheckResult;
  detail: string;
  /** The events the verdict rests on. */
  evidence: Cite[];
};

/**
 * Each cited event once, by position. An insertion sort in place: the lists are a handful of
 * cites, and a rebuild builds hundreds of thousands of them, where a Map and a sorted copy per
 * list were a twentieth of everything it allocated.
 */
export const uniqueCites = (cites: readonly (Cite | null | undefined)[]): Cite[] => {
  const out: Cite[] = [];
  for (const c of cites) {
    if (!c) continue;
    let i = out.length;
    while (i > 0 && out[i - 1].position > c.position) i--;
    if (i > 0 && out[i - 1].position === c.position) continue;
    out.push(c);
    for (let j = out.length - 1; j > i; j--) out[j] = out[j - 1];
    out[i] = { position: c.position, hash: c.hash };
  }
  return out;
};

type Derived = { eligible: string[]; present: string[]; quorumRequired: number; quorumMet: boolean };

/** Who could vote and who was there, recomputed from the council's own events and the recusals. */
function derive(work: FairnessWork, award: AwardType): Derived | null {
  const v = work.voting;
  if (!v) return null;
  const recused = new Set(work.recusals.filter((r) => r.source.position < v.opened.position).map((r) => r.memberId));
  const eligible = v.councilMembers.filter((m) => !recused.has(m.memberId) && m.unitId !== work.unitId).map((m) => m.memberId);
  const inSession = v.sessionPresent ? new Set(v.sessionPresent) : null;
  const present = eligible.filter((id) => v.claimedPresent.includes(id) && (!inSession || inSession.has(id)));
  const quorumRequired = shareOf(eligible.length, award.quorum);
  return { eligible, present, quorumRequired, quorumMet: present.length > 0 && present.length >= quorumRequired };
}

/**
 * Every check for one decided (or voted) nomination, recomputed from raw facts and the
 * campaign's catalog snapshot; no number a summary event claims is taken on trust.
 */
export function runChecks(work: FairnessWork, campaign: CampaignScope, award: AwardType): CheckRow[] {
  const row = (check: FairnessCheckCode, result: CheckResult, detail: string, evidence: (Cite | null | undefined)[]): CheckRow => ({
    campaignId: work.campaignId,
    nominationId: work.nominationId,
    check,
    result,
    detail,
    evidence: uniqueCites(evidence),
  });
  const v = work.voting;
  const d = derive(work, award);
  const recusalCites = work.recusals.map((r) => r.source);
  const out: CheckRow[] = [];

  // Quorum.
  if (!v || !d) out.push(row('quorum', 'pending', 'voting has not opened', []));
  else {
    const strangers = v.claimedPresent.filter((id) => !d.present.includes(id));
    const ok = d.quorumMet && strangers.length === 0;
    out.push(
      row(
        'quorum',
        ok ? 'pass' : 'fail',
        `${d.present.length} eligible member(s) present of ${d.eligible.length}; quorum ${award.quorum.parts}/${award.quorum.of} needs ${d.quorumRequired}` +
          (strangers.length ? `; counted as present but recused, ineligible or absent: ${strangers.join(', ')}` : ''),
        [campaign.source, v.opened, v.session, v.council, ...recusalCites],
      ),
    );
  }

  // Threshold, with the right denominator, from the revealed ballots.
  if (!v || !d || !work.closed) out.push(row('threshold', 'pending', 'the ballots are not revealed yet', []));
  else {
    const count = (c: Choice) => work.closed!.choices.filter((x) => x === c).length;
    const yes = count('yes');
    const denominator = award.thresholdBase === 'all_members' ? d.eligible.length : d.present.length;
    const yesRequired = Math.max(1, shareOf(denominator, award.threshold));
    const passed = d.quorumMet && yes >= yesRequired;
    const problems: string[] = [];
    if (!work.voted) problems.push('no result was recorded');
    else {
      if (work.voted.passed !== passed) problems.push(`the recorded result (${work.voted.passed ? 'passed' : 'failed'}) differs from the recount`);
      if (work.voted.thresholdDenominator !== denominator) problems.push(`the recorded denominator ${work.voted.thresholdDenominator} should be ${denominator} (${award.thresholdBase})`);
    }
    if (work.decision?.outcome === 'approved' && !passed) problems.push('approved although the recount fails');
    out.push(
      row(
        'threshold',
        problems.length ? 'fail' : 'pass',
        `${yes} yes of ${work.closed.choices.length} ballot(s); ${award.threshold.parts}/${award.threshold.of} of ${denominator} (${award.thresholdBase}) needs ${yesRequired}: ${passed ? 'passes' : 'fails'}` +
          (problems.length ? `; ${problems.join('; ')}` : ''),
        [campaign.source, v.opened, work.closed.source, work.voted?.source, work.decision?.source, ...recusalCites],
      ),
    );
  }

  // Recusals honoured, one ballot per member, as many ballots as voters.
  if (!v || !d) out.push(row('ballots', 'pending', 'voting has not opened', []));
  else {
    const problems: string[] = [];
    const seen = new Set<string>();
    for (const c of work.casts) {
      if (seen.has(c.memberId)) problems.push(`${c.memberId} voted more than once`);
      seen.add(c.memberId);
      if (!d.eligible.includes(c.memberId)) problems.push(`${c.memberId} voted while recused or not a member`);
      else if (!d.present.includes(c.memberId)) problems.push(`${c.memberId} voted while not present`);
    }
    if (work.closed) {
      if (work.closed.choices.length !== work.casts.length) problems.push(`${work.closed.choices.length} ballot(s) revealed for ${work.casts.length} voter(s)`);
      if (work.closed.openVotes) {
        const voters = work.closed.openVotes.map((x) => x.memberId).sort().join(',');
        if (voters !== work.casts.map((c) => c.memberId).sort().join(',')) problems.push('the roll call does not match who cast a ballot');
      }
    }
    out.push(
      row(
        'ballots',
        problems.length ? 'fail' : work.closed ? 'pass' : 'pending',
        problems.length ? problems.join('; ') : `${work.casts.length} ballot(s) from ${seen.size} distinct eligible, present member(s)`,
        [v.opened, ...work.casts.map((c) => c.source), work.closed?.source, ...recusalCites],
      ),
    );
  }

  // Notice period observed in full, recomputed with the catalog's calendar.
  const n = work.notice;
  if (!n) out.push(row('notice', v ? 'fail' : 'pending', 'no public notice was opened', [v?.opened]));
  else {
    const calendar = campaign.catalog.calendar;
    const startDate = localDate(n.openedAt, calendar.utcOffsetMinutes);
    const endDate = addWorkingDays(startDate, award.noticeWorkingDays, calendar);
    const problems: string[] = [];
    if (n.startDate !== startDate) problems.push(`the notice claims to start ${n.startDate} but was opened ${startDate}`);
    if (!n.closedAt || !n.closed) problems.push('the notice was never closed');
    else if (localDate(n.closedAt, calendar.utcOffsetMinutes) <= endDate) problems.push(`closed on ${localDate(n.closedAt, calendar.utcOffsetMinutes)}, before ${award.noticeWorkingDays} working days ran out (${endDate})`);
    if (v && n.closed && n.closed.position > v.opened.position) problems.push('voting opened before the notice closed');
    if (v && !n.closed) problems.push('voting opened during the notice');
    out.push(
      row(
        'notice',
        problems.length ? 'fail' : 'pass',
        problems.length ? problems.join('; ') : `${award.noticeWorkingDays} working days from ${startDate} to ${endDate}; closed after`,
        [campaign.source, n.opened, n.closed, v?.opened],
      ),
    );
  }

  // Objections resolved before the vote and the approval.
  {
    const problems: string[] = [];
    for (const o of work.objections) {
      if (!o.resolved) {
        if (v || work.decision) problems.push(`objection ${o.objectionId} was never resolved`);
      } else {
        if (v && o.resolved.position > v.opened.position) problems.push(`objection ${o.objectionId} was resolved after voting opened`);
        if (work.decision?.outcome === 'approved' && o.resolved.position > work.decision.source.position) problems.push(`objection ${o.objectionId} was resolved after the approval`);
      }
    }
    out.push(
      row(
        'objections',
        problems.length ? 'fail' : 'pass',
        problems.length ? problems.join('; ') : `${work.objections.length} objection(s), all resolved before the vote`,
        [...work.objections.flatMap((o) => [o.filed, o.resolved]), v?.opened, work.decision?.source],
      ),
    );
  }

  // Segregation of duties.
  {
    const problems: string[] = [];
    const evaluators = new Set([...work.assigned.map((a) => a.evaluatorId), ...work.scored.map((s) => s.evaluatorId)]);
    if (evaluators.has(work.submittedBy)) problems.push(`the submitter ${work.submittedBy} also evaluated`);
    const approver = work.decision?.outcome === 'approved' ? work.decision.by : null;
    if (approver && approver === work.submittedBy) problems.push(`the submitter ${approver} also approved`);
    if (approver && evaluators.has(approver)) problems.push(`the evaluator ${approver} also approved`);
    const nominee = work.nomineeId;
    if (nominee === work.submittedBy || evaluators.has(nominee) || approver === nominee || work.casts.some((c) => c.memberId === nominee) || work.selfActions.length) {
      problems.push(`the nominee ${nominee} acted on their own nomination`);
    }
    out.push(
      row(
        'segregation',
        problems.length ? 'fail' : 'pass',
        problems.length ? problems.join('; ') : 'submitter, evaluators and approver are different people; the nominee never acted',
        [work.submitted, ...work.assigned.map((a) => a.source), ...work.scored.map((s) => s.source), work.decision?.source, ...work.selfActions],
      ),
    );
  }

  // Scores within the catalog's bounds, only from assigned evaluators; result recomputed.
  {
    const problems: string[] = [];
    const scores: Record<string, { criterionCode: string; score: number }[]> = {};
    for (const s of work.scored) {
      const assignedAt = work.assigned.find((a) => a.evaluatorId === s.evaluatorId);
      if (!assignedAt || assignedAt.source.position > s.source.position) problems.push(`${s.evaluatorId} scored without being assigned`);
      if (scores[s.evaluatorId]) problems.push(`${s.evaluatorId} scored twice`);
      scores[s.evaluatorId] = s.scores;
      const codes = s.scores.map((x) => x.criterionCode);
      if (codes.length !== award.criteria.length || new Set(codes).size !== codes.length || !award.criteria.every((c) => codes.includes(c.code))) {
        problems.push(`${s.evaluatorId} did not score each criterion exactly once`);
      }
      for (const x of s.scores) {
        const c = award.criteria.find((k) => k.code === x.criterionCode);
        if (c && (typeof x.score !== 'number' || !(x.score >= 0 && x.score <= c.maxScore))) problems.push(`${s.evaluatorId} gave ${x.score} for ${c.code} (0..${c.maxScore})`);
      }
    }
    if (work.evaluated && Object.keys(scores).length) {
      const recount = evaluate(award, scores);
      if (recount.passed !== work.evaluated.passed || recount.weightedTotal !== work.evaluated.weightedTotal) {
        problems.push(`the recorded evaluation (${work.evaluated.weightedTotal}) differs from the recount (${recount.weightedTotal})`);
      }
    }
    if (work.evaluated && Object.keys(scores).length < award.evaluatorsRequired) problems.push(`${Object.keys(scores).length} evaluator(s) scored; ${award.evaluatorsRequired} required`);
    out.push(
      row(
        'scores',
        problems.length ? 'fail' : 'pass',
        problems.length ? problems.join('; ') : `${work.scored.length} evaluator(s), every score within bounds`,
        [campaign.source, ...work.assigned.map((a) => a.source), ...work.scored.map((s) => s.source), work.evaluated?.source],
      ),
    );
  }

  // Quotas respected at allocation.
  if (work.decision?.outcome !== 'approved') out.push(row('quota', work.decision ? 'pass' : 'pending', work.decision ? 'rejected: no slot needed' : 'not decided yet', [work.decision?.source, work.quota?.source]));
  else if (!work.quota) out.push(row('quota', 'fail', 'approved without a quota slot', [work.decision.source]));
  else out.push(row('quota', work.quota.passed ? 'pass' : 'fail', work.quota.detail, [campaign.source, work.quota.source, work.decision.source]));

  // On schedule.
  {
    const s = campaign.schedule;
    const problems: string[] = [];
    const late = (at: string, due: string) => Date.parse(at) > Date.parse(due);
    if (work.voted && late(work.voted.at, s.decisionDeadline)) problems.push(`voted ${work.voted.at}, after ${s.decisionDeadline}`);
    if (work.decision && late(work.decision.at, s.decisionDeadline)) problems.push(`decided ${work.decision.at}, after ${s.decisionDeadline}`);
    if (work.publication && late(work.publication.at, s.publicationDeadline)) problems.push(`published ${work.publication.at}, after ${s.publicationDeadline}`);
    const waiting = !work.decision || (work.decision.outcome === 'approved' && !work.publication);
    out.push(
      row(
        'schedule',
        problems.length ? 'fail' : waiting ? 'pending' : 'pass',
        problems.length ? problems.join('; ') : waiting ? 'on time so far' : 'decided and published on schedule',
        [campaign.source, work.voted?.source, work.decision?.source, work.publication?.source],
      ),
    );
  }
  return out;
}
