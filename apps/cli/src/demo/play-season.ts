import { SYSTEM_SCHEDULER, type Role } from '@vinhdanh/domain';
import { DemoHttp, DemoRequestFailed, inPool, type Caller } from './demo-http';
import { AWARDS, ballotOf, type PlannedNomination, type SeasonPlan } from './season-plan';

/** The clock the server decides with: in-process the demo holds it, remotely it asks /demo/clock. */
export interface ClockControl {
  now(): Promise<Date>;
  advanceTo(at: Date): Promise<Date>;
}

export interface PlayOptions {
  http: DemoHttp;
  clock: ClockControl;
  plan: SeasonPlan;
  /** Requests in flight at most. */
  concurrency: number;
  say: (line: string) => void;
  /** The local calendar's offset (the catalog's, Viet Nam: +07:00). */
  utcOffsetMinutes?: number;
  /** How long to wait for jobs and read models before giving up. */
  waitMs?: number;
}

export interface HonourRow {
  nominationId: string;
  awardCode: string;
  nomineeName: string;
  unitId: string;
  decisionNumber: string;
  rank: number;
  status: 'published' | 'revoked';
}

type Step = { type: string; actorId: string; at: string };
interface DossierView {
  nominationId: string;
  status: string;
  steps: Step[];
  objections: { objectionId: string; outcome?: string | null; status?: string }[];
  recusals: { memberId: string; ground: string }[];
  tally: { eligible: number; participated: number; yes: number; passed: boolean } | null;
  decision: { outcome: string } | null;
}

export interface FairnessSummary {
  summary: Record<string, { pass: number; fail: number; pending: number }>;
  decisions: { nominationId: string; failed: string[] }[];
  distribution: { awards: number; byUnit: { unitId: string; count: number; share: number; outlier: boolean }[] };
}

export interface SeasonCheck {
  what: string;
  ok: boolean;
  detail: string;
}

export interface SeasonOutcome {
  campaignId: string;
  honourList: HonourRow[];
  fairness: FairnessSummary;
  checks: SeasonCheck[];
  ok: boolean;
  requests: number;
  elapsedMs: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The first local midnight strictly after `at`, in a zone `offsetMinutes` east of UTC. */
export function nextLocalMidnight(at: Date, offsetMinutes: number): Date {
  const local = at.getTime() + offsetMinutes * MINUTE;
  return new Date((Math.floor(local / DAY) + 1) * DAY - offsetMinutes * MINUTE);
}

const localDate = (at: Date, offsetMinutes: number) => new Date(at.getTime() + offsetMinutes * MINUTE).toISOString().slice(0, 10);
const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/**
 * Plays the season through the HTTP API, phase by phase, the way its people would: officers
 * pledge and nominate, the secretariat assigns evaluators, evaluators score, the public objects,
 * the council votes by secret ballot, the chair decides, the office publishes — and the worker's
 * deadline jobs close the public notices and the last votes on their own. The clock is moved
 * forward only over idle stretches, and only before anything the jobs must time is scheduled.
 */
export async function playSeason(options: PlayOptions): Promise<SeasonOutcome> {
  const { http, clock, plan, say } = options;
  const offset = options.utcOffsetMinutes ?? 420;
  const waitMs = options.waitMs ?? 3 * MINUTE;
  const started = Date.now();
  const pool = <T>(items: readonly T[], work: (item: T, index: number) => Promise<void>, limit = options.concurrency) => inPool(items, limit, work);
  const as = (person: { sub: string; unit: string }, ...roles: Role[]): Caller => ({ sub: person.sub, roles, unit: person.unit });
  const admin = as(plan.admin, 'admin');
  const secretary = as(plan.secretary, 'council_secretary');
  const approver = as(plan.approver, 'approver');
  const publisher = as(plan.publisher, 'publisher');
  const auditor = as(plan.auditor, 'auditor');
  const officer = (n: PlannedNomination) => as(plan.officers.get(n.unit.id)!, 'unit_officer');
  const members = plan.council.map((m) => as(m, 'council_member'));
  const evaluatorsOf = (n: PlannedNomination, i: number) =>
    Array.from({ length: AWARDS[n.award].evaluators }, (_, k) => plan.evaluators[(i + k) % plan.evaluators.length]);
  const { campaignId, councilId, sessionId } = plan;
  const noms = plan.nominations;
  const phase = (to: string) => http.post(admin, `/campaigns/${campaignId}/phase`, { to });
  let step = 0;
  const heading = (text: string) => say(`\n[${++step}] ${text}`);
  const timed = async (label: string, count: number, work: () => Promise<void>) => {
    const t0 = Date.now();
    const before = http.sent;
    await work();
    const seconds = (Date.now() - t0) / 1000;
    say(`    ${label}: ${count} in ${seconds.toFixed(1)} s (${http.sent - before} requests, ${Math.round((http.sent - before) / Math.max(seconds, 0.001))}/s)`);
    return (http.sent - before) / Math.max(seconds, 0.001);
  };

  // The schedule: a day D whose evening holds the notices, then D+1 for the council and decisions.
  const v0 = await clock.now();
  const midnight = nextLocalMidnight(new Date(v0.getTime() + 2 * HOUR), offset);
  const at = (ms: number) => new Date(midnight.getTime() + ms);
  const schedule = {
    pledgeDeadline: at(-50 * MINUTE),
    nominationDeadline: at(-40 * MINUTE),
    evaluationDeadline: at(-30 * MINUTE),
    noticeStart: at(-20 * MINUTE),
    noticeEnd: at(10 * MINUTE),
    councilSessionAt: at(8.5 * HOUR),
    decisionDeadline: at(17 * HOUR),
    publicationDeadline: at(17 * HOUR + 7 * DAY),
  };
  const year = Number(localDate(midnight, offset).slice(0, 4));

  heading(`Council of ${plan.council.length} and campaign ${campaignId} (clock ${v0.toISOString()}; notices end at local midnight ${midnight.toISOString()})`);
  await http.post(admin, '/councils', {
    councilId,
    name: 'Hội đồng Thi đua – Khen thưởng tỉnh',
    members: plan.council.map((m) => ({ memberId: m.sub, name: m.name, councilRole: m.councilRole, unitId: m.unit })),
  });
  await http.post(admin, '/campaigns', {
    campaignId,
    name: `Phong trào thi đua năm ${year} (demo)`,
    year,
    councilId,
    schedule: Object.fromEntries(Object.entries(schedule).map(([k, d]) => [k, d.toISOString()])),
  });
  const units = new Set(noms.map((n) => n.unit.id));
  say(`    ${noms.length} nominations from ${units.size} units: ${countBy(noms, (n) => AWARDS[n.award].code)}`);

  heading('Pledges (flag and fighter need one), then nominations with evidence');
  const pledged = noms.filter((n) => AWARDS[n.award].pledge);
  await timed('pledges', pledged.length, () =>
    pool(pledged, (n) =>
      http.post(officer(n), '/nominations/pledges', {
        nominationId: n.id,
        campaignId,
        awardCode: AWARDS[n.award].code,
        unitId: n.unit.id,
        nomineeId: n.nominee.id,
        nomineeName: n.nominee.name,
        targets: ['Hoàn thành xuất sắc nhiệm vụ được giao', 'Có sáng kiến được công nhận cấp tỉnh'],
      }),
    ),
  );
  await phase('nominating');
  await timed('nominations', noms.length, () =>
    pool(noms, (n) =>
      http.post(officer(n), '/nominations', {
        nominationId: n.id,
        campaignId,
        awardCode: AWARDS[n.award].code,
        nomineeId: n.nominee.id,
        nomineeName: n.nominee.name,
        nomineeUnitId: n.unit.id,
        ...(n.nominee.role ? { nomineeRole: n.nominee.role } : {}),
        achievements: ['Hoàn thành xuất sắc nhiệm vụ năm', 'Dẫn đầu phong trào thi đua của khối'],
        evidence: [{ name: 'bao-cao-thanh-tich.pdf', sha256: n.evidenceSha256, mediaType: 'application/pdf' }],
      }),
    ),
  );
  await phase('evaluating');

  heading('Evaluation: the secretariat assigns evaluators from the emulation board; each scores every criterion');
  const throughput = await timed('evaluations', noms.length, () =>
    pool(noms, async (n, i) => {
      const evaluators = evaluatorsOf(n, i);
      for (const e of evaluators) await http.post(secretary, `/nominations/${n.id}/evaluators`, { evaluatorId: e.sub, evaluatorUnitId: e.unit });
      for (const e of evaluators) {
        await http.post(as(e, 'evaluator'), `/nominations/${n.id}/scores`, {
          scores: AWARDS[n.award].criteria.map((criterionCode, k) => ({ criterionCode, score: n.scores[k] })),
        });
      }
    }),
  );
  const failedEvaluation = noms.filter((n) => n.fate === 'fails_evaluation');
  const passed = noms.filter((n) => n.fate !== 'fails_evaluation');
  say(`    ${passed.length} passed, ${failedEvaluation.length} below the pass mark`);

  // The notices must all open before local midnight, and the clock must not jump once they have:
  // the close jobs are timed on it. Leave three times the time the work should take.
  const noticeWork = passed.length + 4;
  const marginMs = clamp(Math.ceil((3 * noticeWork) / throughput) * 1000 + 10_000, 20_000, 120_000);
  const evening = await clock.advanceTo(new Date(midnight.getTime() - marginMs));
  heading(`Public notice (clock moved to ${evening.toISOString()}, ${Math.round(marginMs / 1000)} s before local midnight)`);
  await phase('public_notice');
  await timed('notices opened', passed.length, () => pool(passed, (n) => http.post(secretary, `/nominations/${n.id}/public-notice`)));
  const objected = noms.filter((n) => n.objection);
  for (const n of objected) {
    const filed = await http.post<{ objectionId: string }>(null, `/nominations/${n.id}/objections`, {
      summary: n.objection === 'upheld' ? 'Số liệu thành tích trong báo cáo không khớp với quyết toán năm.' : 'Đề nghị xem xét lại thành tích sáng kiến.',
      filer: { name: 'Một người dân', contact: 'nguoidan@example.vn' },
    });
    await http.post(secretary, `/nominations/${n.id}/objections/${filed.objectionId}/resolution`, {
      outcome: n.objection,
      reason: n.objection === 'upheld' ? 'Đã xác minh: số liệu kê khai sai.' : 'Đã xác minh: thành tích đúng như kê khai.',
    });
    say(`    objection against ${n.id} (anonymous, no account) filed and ${n.objection}`);
  }
  const afterNotices = await clock.now();
  if (afterNotices.getTime() >= midnight.getTime()) {
    throw new Error(`the notices took past local midnight (${afterNotices.toISOString()}); the machine is slower than the ${Math.round(marginMs / 1000)} s allowed`);
  }
  say(`    nobody closes the notices: at local midnight (in ${Math.round((midnight.getTime() - afterNotices.getTime()) / 1000)} s) the worker's deadline jobs do`);
  await waitFor(say, 'the deadline jobs to close every notice', waitMs, async () => {
    const closed = await listDossiers(http, secretary, campaignId, 'notice_closed');
    return closed.length === passed.length ? `${closed.length} notices closed` : null;
  });

  const sessionAt = await clock.advanceTo(schedule.councilSessionAt);
  heading(`Council session (clock moved to ${sessionAt.toISOString()}): secret ballots, one recusal`);
  await phase('council');
  for (const n of noms.filter((x) => x.conflictOf)) {
    const member = members.find((m) => m.sub === n.conflictOf)!;
    await http.post(member, `/nominations/${n.id}/conflicts`, { reason: 'Nguyên là lãnh đạo của tập thể được đề nghị.' });
    say(`    ${member.sub} declares a conflict on ${n.id} and is recused`);
  }
  await http.post(secretary, `/councils/${councilId}/sessions`, { sessionId, present: members.map((m) => m.sub) });
  const voteNow = passed.filter((n) => n.fate !== 'vote_closed_by_job');
  const voteLater = passed.filter((n) => n.fate === 'vote_closed_by_job');
  const castAll = async (n: PlannedNomination, closesAt?: Date) => {
    await http.post(secretary, `/nominations/${n.id}/voting`, { sessionId, ...(closesAt ? { closesAt: closesAt.toISOString() } : {}) });
    for (const [index, member] of members.entries()) {
      if (member.sub === n.conflictOf) continue;
      await http.post(member, `/nominations/${n.id}/ballots`, { sessionId, choice: ballotOf(n, index) });
    }
  };
  const ballotRate = await timed('votes', voteNow.length, () =>
    pool(voteNow, async (n) => {
      await castAll(n);
      await http.post(secretary, `/nominations/${n.id}/voting/close`, { sessionId });
    }),
  );

  heading('Decisions: the chair approves within quota, rejects the rest with reasons');
  await phase('decision');
  const decisionDate = localDate(await clock.now(), offset);
  const awarded = noms.filter((n) => n.fate === 'awarded');
  const decisionNumber = (n: PlannedNomination) => (n.award === 'flag' ? `2101/QĐ-UBND` : `2102/QĐ-UBND`);
  // Every approval holds a quota slot on the one campaign stream: in parallel they only collide
  // and retry, so the chair signs them one after another.
  await timed('approvals', awarded.length, () =>
    pool(awarded, (n) => http.post(approver, `/nominations/${n.id}/approval`, { decisionNumber: decisionNumber(n), decisionDate }), 1),
  );
  for (const n of noms.filter((x) => x.fate === 'objection_upheld')) {
    try {
      await http.post(approver, `/nominations/${n.id}/approval`, { decisionNumber: decisionNumber(n), decisionDate });
      throw new Error(`${n.id} was approved although an objection against it was upheld`);
    } catch (error) {
      if (!(error instanceof DemoRequestFailed) || error.code !== 'OBJECTION_UPHELD') throw error;
      say(`    approving ${n.id} is refused: ${error.code} (${error.status}), as the rule says`);
    }
  }
  const rejected = noms.filter((n) => n.fate === 'fails_evaluation' || n.fate === 'fails_vote' || n.fate === 'objection_upheld');
  const reasons: Record<string, string> = {
    fails_evaluation: 'Điểm đánh giá dưới mức đạt.',
    fails_vote: 'Không đạt tỷ lệ phiếu đồng ý của Hội đồng.',
    objection_upheld: 'Khiếu nại về thành tích đã được xác minh là đúng.',
  };
  await pool(rejected, (n) => http.post(approver, `/nominations/${n.id}/rejection`, { reason: reasons[n.fate] }));
  say(`    ${awarded.length} approved, ${rejected.length} rejected (${countBy(rejected, (n) => n.fate)})`);

  heading('Publication on the honour lists');
  await phase('publication');
  const ranks = new Map<string, number>();
  const listId = (n: PlannedNomination) => `${campaignId}-${n.award === 'flag' ? 'co-thi-dua' : 'bang-khen'}`;
  const ranked = awarded.map((n) => {
    const rank = (ranks.get(n.award) ?? 0) + 1;
    ranks.set(n.award, rank);
    return { n, rank };
  });
  await timed('published', ranked.length, () => pool(ranked, ({ n, rank }) => http.post(publisher, `/nominations/${n.id}/publication`, { honourListId: listId(n), rank })));

  // The fighters' secret ballots stay open until the end the secretary sets, a few seconds
  // before the decision deadline, so the vote is recorded on schedule. Their close jobs are
  // scheduled when voting opens, so the clock moves first and never after.
  const ballotsLater = voteLater.length * members.length + voteLater.length;
  const closeMarginMs = clamp(Math.ceil((3 * ballotsLater) / ballotRate) * 1000 + 10_000, 15_000, 120_000);
  const lateAt = await clock.advanceTo(new Date(schedule.decisionDeadline.getTime() - closeMarginMs));
  const votingEnds = new Date(lateAt.getTime() + Math.round((closeMarginMs * 2) / 3));
  heading(`Emulation fighters: secret ballots open until ${votingEnds.toISOString()} (clock moved to ${lateAt.toISOString()})`);
  await timed('ballots cast', voteLater.length, () => pool(voteLater, (n) => castAll(n, votingEnds)));
  say(`    nobody closes these votes: when they end (in ${Math.round((votingEnds.getTime() - (await clock.now()).getTime()) / 1000)} s) the deadline job does`);
  await waitFor(say, 'the deadline job to close the open votes', waitMs, async () => {
    const failedVotes = await listDossiers(http, secretary, campaignId, 'vote_failed');
    const closed = failedVotes.filter((d) => voteLater.some((n) => n.id === d.nominationId));
    return closed.length === voteLater.length ? `${closed.length} votes closed` : null;
  });
  await http.post(secretary, `/councils/${councilId}/sessions/${sessionId}/close`);
  await http.post(admin, `/campaigns/${campaignId}/close`);
  say('    session and campaign closed');

  const laterAt = await clock.advanceTo(new Date(schedule.decisionDeadline.getTime() + 45 * DAY));
  heading(`Later (clock moved to ${laterAt.toISOString()}): a decision is annulled and its award revoked`);
  for (const n of noms.filter((x) => x.revoked)) {
    await http.post(approver, `/nominations/${n.id}/revocation`, {
      legalGround: 'Điều 19 Luật Thi đua, Khen thưởng 2022: thành tích kê khai không trung thực',
      decisionNumber: '88/QĐ-UBND',
      decisionDate: localDate(laterAt, offset),
    });
    say(`    ${n.id} (${n.nominee.name}) revoked`);
  }

  heading('Outcome, read back through the public and audit endpoints');
  const revokedIds = new Set(noms.filter((n) => n.revoked).map((n) => n.id));
  let honourList: HonourRow[] = [];
  await waitFor(say, 'the read models to catch up', waitMs, async () => {
    honourList = await http.get<HonourRow[]>(null, `/campaigns/${campaignId}/honour-list`);
    const revoked = honourList.filter((e) => e.status === 'revoked').length;
    return honourList.length === awarded.length && revoked === revokedIds.size ? `${honourList.length} entries` : null;
  });
  const dossiers = new Map<string, DossierView>();
  await pool(noms, async (n) => {
    dossiers.set(n.id, await http.get<DossierView>(auditor, `/nominations/${n.id}/dossier`));
  });
  const fairness = await http.get<FairnessSummary>(auditor, `/campaigns/${campaignId}/fairness`);
  const checks = checkOutcome(plan, honourList, dossiers);
  return { campaignId, honourList, fairness, checks, ok: checks.every((c) => c.ok), requests: http.sent, elapsedMs: Date.now() - started };
}

function countBy<T>(items: readonly T[], key: (item: T) => string): string {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return [...counts].map(([k, v]) => `${v} ${k}`).join(', ');
}

async function listDossiers(http: DemoHttp, caller: Caller, campaignId: string, status: string): Promise<{ nominationId: string }[]> {
  const all: { nominationId: string }[] = [];
  for (let after = ''; ; ) {
    const page = await http.get<{ nominationId: string }[]>(caller, `/campaigns/${campaignId}/dossiers?status=${status}&limit=500${after ? `&after=${encodeURIComponent(after)}` : ''}`);
    all.push(...page);
    if (page.length < 500) return all;
    after = page[page.length - 1].nominationId;
  }
}

async function waitFor(say: (line: string) => void, what: string, timeoutMs: number, probe: () => Promise<string | null>): Promise<void> {
  const t0 = Date.now();
  say(`    waiting for ${what} ...`);
  for (;;) {
    const done = await probe();
    if (done) {
      say(`    ... ${done} after ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      return;
    }
    if (Date.now() - t0 > timeoutMs) throw new Error(`gave up waiting for ${what} after ${Math.round(timeoutMs / 1000)} s`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** The scripted outcome, checked against what the API now says. */
export function checkOutcome(plan: SeasonPlan, honourList: HonourRow[], dossiers: Map<string, DossierView>): SeasonCheck[] {
  const checks: SeasonCheck[] = [];
  const check = (what: string, ok: boolean, detail: string) => checks.push({ what, ok, detail });
  const count = (code: string) => honourList.filter((e) => e.awardCode === code).length;
  check('provincial emulation flags on the honour list', count(AWARDS.flag.code) === plan.expected.flags, `${count(AWARDS.flag.code)} (expected ${plan.expected.flags})`);
  check('certificates of merit on the honour list', count(AWARDS.merit.code) === plan.expected.certificates, `${count(AWARDS.merit.code)} (expected ${plan.expected.certificates})`);
  const revoked = honourList.filter((e) => e.status === 'revoked');
  const plannedRevoked = plan.nominations.filter((n) => n.revoked).map((n) => n.id);
  check('one award revoked, and it is the annulled one', revoked.length === 1 && revoked[0].nominationId === plannedRevoked[0], revoked.map((e) => e.nominationId).join(', ') || 'none');
  const listed = new Set(honourList.map((e) => e.nominationId));
  const intruders = plan.nominations.filter((n) => n.fate !== 'awarded' && listed.has(n.id));
  check('no nomination that fell is listed', intruders.length === 0, intruders.map((n) => n.id).join(', ') || 'none');

  for (const n of plan.nominations.filter((x) => x.fate === 'objection_upheld')) {
    const d = dossiers.get(n.id);
    const upheld = d?.objections.some((o) => (o.outcome ?? o.status) === 'upheld');
    check(`upheld objection keeps ${n.id} from approval`, Boolean(upheld) && d?.decision?.outcome === 'rejected' && d.status === 'rejected', `status ${d?.status}, decision ${d?.decision?.outcome}`);
  }
  for (const n of plan.nominations.filter((x) => x.conflictOf)) {
    const d = dossiers.get(n.id);
    const recusal = d?.recusals.find((r) => r.memberId === n.conflictOf);
    check(
      `recusal of ${n.conflictOf} on ${n.id} recorded`,
      recusal?.ground === 'declared_conflict' && d?.tally?.participated === plan.council.length - 1,
      `ground ${recusal?.ground ?? 'none'}, ${d?.tally?.participated ?? 0} ballots of ${plan.council.length} members`,
    );
  }
  const byJob = (d: DossierView | undefined, type: string) => d?.steps.find((s) => s.type === type)?.actorId === SYSTEM_SCHEDULER.id;
  const noticed = plan.nominations.filter((n) => n.fate !== 'fails_evaluation');
  const closedByJob = noticed.filter((n) => byJob(dossiers.get(n.id), 'PublicNoticeClosed'));
  check('every public notice closed by the deadline job, none by a request', closedByJob.length === noticed.length, `${closedByJob.length} of ${noticed.length} by ${SYSTEM_SCHEDULER.id}`);
  const jobVotes = plan.nominations.filter((n) => n.fate === 'vote_closed_by_job');
  const votesByJob = jobVotes.filter((n) => byJob(dossiers.get(n.id), 'VotingClosed') && dossiers.get(n.id)?.status === 'vote_failed');
  check('open secret ballots closed by the deadline job', votesByJob.length === jobVotes.length, `${votesByJob.length} of ${jobVotes.length} by ${SYSTEM_SCHEDULER.id}`);
  return checks;
}
