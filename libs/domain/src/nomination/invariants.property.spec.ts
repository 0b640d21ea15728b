import fc from 'fast-check';
import { fold } from '../shared/decider';
import { isDomainError } from '../shared/domain-error';
import { defaultCatalog } from '../catalog/default-catalog';
import { addWorkingDays, localDate } from '../catalog/working-days';
import { campaignDecider } from '../campaign/campaign-decider';
import type { CampaignEvent } from '../campaign/campaign-events';
import { quotaBreach } from '../campaign/quota';
import { councilDecider } from '../council/council-decider';
import type { CouncilCommand } from '../council/council-commands';
import type { CouncilEvent } from '../council/council-events';
import { ACTORS, AT, CAMPAIGN_ID, COUNCIL_ID, MEMBERS, campaignOpened, councilConstituted, memberActor, meta, SHA, type Who } from '../testing/fixtures';
import { nominationDecider } from './nomination-decider';
import type { NominationCommand } from './nomination-commands';
import type { Choice, NominationEvent, SecretBallot } from './nomination-events';
import type { NominationState } from './nomination-state';

/**
 * Random command sequences, run the way the handlers run them (load, decide with context,
 * append; approvals allocate a campaign quota slot first; secret ballots go to a box that is
 * handed back, sometimes tampered with, at close), must never produce a history that breaks
 * an invariant. Steps are biased towards each nomination's next step so that runs reach votes,
 * approvals and publication, and are otherwise random: any command, actor, time and payload.
 */

const UNIT = 'u-health';
const catalog = defaultCatalog();
// A 50% quota so that two advanced workers allow one grassroots fighter: approvals race for it.
catalog.awardTypes.find((t) => t.code === 'grassroots_emulation_fighter')!.quotas[0].maxShare = { parts: 1, of: 2 };

const NOMINATIONS = [
  { id: 'n-1', award: 'chair_certificate_of_merit', nominee: 'p-1', unit: UNIT },
  { id: 'n-2', award: 'advanced_worker', nominee: 'p-2', unit: UNIT },
  { id: 'n-3', award: 'advanced_worker', nominee: 'p-3', unit: 'u-a' },
  { id: 'n-4', award: 'grassroots_emulation_fighter', nominee: 'p-4', unit: UNIT },
  { id: 'n-5', award: 'grassroots_emulation_fighter', nominee: 'p-5', unit: UNIT },
  { id: 'n-6', award: 'advanced_worker', nominee: 'p-6', unit: UNIT },
];
const EVALUATORS: Who[] = [ACTORS.eval1, ACTORS.eval2, ACTORS.eval3, { id: 'eval-h', roles: ['evaluator'], unit: UNIT }];
const ACTOR_POOL: Who[] = [
  ...Object.values(ACTORS),
  ...EVALUATORS,
  ...MEMBERS.map((m) => memberActor(m.memberId)),
  { id: 'officer-a', roles: ['unit_officer'], unit: 'u-a' },
  { id: 'p-1', roles: ['approver'], unit: UNIT },
];
const TIMES = [
  AT.pledging,
  AT.nominating,
  AT.evaluating,
  AT.notice,
  '2026-09-25T02:00:00Z',
  AT.council,
  '2026-10-20T02:00:00Z',
  AT.publication,
  '2026-12-15T02:00:00Z',
  '2027-03-01T02:00:00Z',
];
const KINDS = [
  'PledgeNomination', 'SubmitNomination', 'ReturnNomination', 'ResubmitNomination', 'AssignEvaluator', 'ScoreEvaluation',
  'OpenPublicNotice', 'FileObjection', 'ResolveObjection', 'ClosePublicNotice', 'DeclareConflict', 'OpenVoting', 'CastBallot',
  'CloseVoting', 'ApproveNomination', 'RejectNomination', 'PublishNomination', 'RevokeAward', 'WithdrawNomination',
  'MarkDeadlineMissed', 'OpenSession', 'CloseSession',
] as const;
type Kind = (typeof KINDS)[number];

type Step = { guided: boolean; kind: number; nom: number; actor: number; time: number; x: number };

class World {
  campaign: CampaignEvent[] = [{ ...campaignOpened(catalog) }];
  council: CouncilEvent[] = [councilConstituted()];
  streams = new Map<string, NominationEvent[]>(NOMINATIONS.map((n) => [n.id, []]));
  boxes = new Map<string, SecretBallot[]>();
  ballotSeq = 0;
  sessionSeq = 0;

  campaignState = () => fold(campaignDecider.evolve, campaignDecider.initialState, this.campaign);
  councilState = () => fold(councilDecider.evolve, councilDecider.initialState, this.council);
  state = (id: string): NominationState => fold(nominationDecider.evolve, nominationDecider.initialState, this.streams.get(id)!);
  context = () => ({ campaign: this.campaignState(), council: this.councilState(), nomineeHistory: [] });

  runCouncil(command: CouncilCommand) {
    const result = councilDecider.decide(command, this.councilState(), undefined);
    if (!isDomainError(result)) this.council.push(...result);
  }

  /** What a handler does: decide with context, append on success; approvals hold a slot first. */
  runNomination(command: NominationCommand) {
    const id = command.data.nominationId;
    if (command.type === 'ApproveNomination') {
      const dry = nominationDecider.decide(command, this.state(id), this.context());
      if (isDomainError(dry) && dry.code !== 'QUOTA_SLOT_NOT_FOUND') return;
      const s = this.state(id);
      if (s.nominee) {
        const slot = campaignDecider.decide(
          { type: 'AllocateQuotaSlot', data: { campaignId: CAMPAIGN_ID, nominationId: id, awardCode: s.awardCode, unitId: s.nominee.unitId }, metadata: command.metadata },
          this.campaignState(),
          undefined,
        );
        if (!isDomainError(slot)) this.campaign.push(...slot);
      }
    }
    const result = nominationDecider.decide(command, this.state(id), this.context());
    if (isDomainError(result)) return;
    if (command.type === 'CastBallot' && result.some((e) => e.type === 'BallotCast' && e.data.ballot === 'secret')) {
      this.boxes.set(id, [...(this.boxes.get(id) ?? []), { ballotId: command.data.ballotId!, choice: command.data.choice }]);
    }
    if (command.type === 'CloseVoting') this.boxes.delete(id);
    this.streams.get(id)!.push(...result);
  }
}

const scoresFor = (award: string, x: number) =>
  catalog.awardTypes.find((t) => t.code === award)!.criteria.map((c, i) => ({ criterionCode: c.code, score: Math.min(c.maxScore, (x % 6 === 0 ? 40 : 75) + ((x >> i) % 26)) }));

/** The step a handler would see next for this nomination, with the right actor and time. */
function guidedKind(world: World, nom: (typeof NOMINATIONS)[number], x: number): Kind {
  const s = world.state(nom.id);
  const award = catalog.awardTypes.find((t) => t.code === nom.award)!;
  switch (s.status) {
    case 'none':
      return award.requiresPledge ? 'PledgeNomination' : 'SubmitNomination';
    case 'pledged':
      return 'SubmitNomination';
    case 'submitted':
      if (x % 53 === 0) return 'WithdrawNomination';
      return x % 13 === 0 ? 'ReturnNomination' : s.evaluators.length < award.evaluatorsRequired ? 'AssignEvaluator' : 'ScoreEvaluation';
    case 'returned':
      return 'ResubmitNomination';
    case 'evaluated':
      return 'OpenPublicNotice';
    case 'notice_open':
      return x % 3 === 0 ? 'FileObjection' : 'ClosePublicNotice';
    case 'notice_closed':
      if (Object.values(s.objections).includes('open')) return 'ResolveObjection';
      if (world.councilState().status === 'none' || !(world.councilState() as { session: unknown }).session) return 'OpenSession';
      return x % 7 === 0 ? 'DeclareConflict' : x % 5 === 0 ? 'CloseSession' : 'OpenVoting';
    case 'voting': {
      const allIn = s.voting!.present.every((id) => s.voting!.participants.includes(id));
      const c = world.councilState();
      const sessionGone = c.status === 'none' || c.session?.sessionId !== s.voting!.sessionId;
      return allIn || sessionGone || x % 29 === 0 ? 'CloseVoting' : x % 31 === 0 ? 'DeclareConflict' : 'CastBallot';
    }
    case 'voted':
      return x % 9 === 0 ? 'RejectNomination' : 'ApproveNomination';
    case 'vote_failed':
    case 'evaluation_failed':
      return 'RejectNomination';
    case 'approved':
      return 'PublishNomination';
    case 'published':
      return x % 4 === 0 ? 'RevokeAward' : 'CloseSession';
    default:
      return 'MarkDeadlineMissed';
  }
}

const GUIDED_TIME: Record<Kind, string> = {
  PledgeNomination: AT.pledging,
  SubmitNomination: AT.nominating,
  ReturnNomination: AT.evaluating,
  ResubmitNomination: '2026-07-10T02:00:00Z',
  AssignEvaluator: AT.evaluating,
  ScoreEvaluation: AT.evaluating,
  OpenPublicNotice: AT.notice,
  FileObjection: '2026-09-08T02:00:00Z',
  ResolveObjection: '2026-09-28T02:00:00Z',
  ClosePublicNotice: '2026-09-25T02:00:00Z',
  DeclareConflict: AT.council,
  OpenVoting: AT.council,
  CastBallot: AT.council,
  CloseVoting: AT.council,
  ApproveNomination: '2026-10-20T02:00:00Z',
  RejectNomination: '2026-10-20T02:00:00Z',
  PublishNomination: AT.publication,
  RevokeAward: '2027-03-01T02:00:00Z',
  WithdrawNomination: AT.evaluating,
  MarkDeadlineMissed: AT.publication,
  OpenSession: AT.council,
  CloseSession: AT.publication,
};

function guidedActor(world: World, kind: Kind, nom: (typeof NOMINATIONS)[number], x: number): Who {
  const s = world.state(nom.id);
  switch (kind) {
    case 'PledgeNomination':
    case 'SubmitNomination':
    case 'ResubmitNomination':
    case 'WithdrawNomination':
      return { id: `officer-${nom.unit}`, roles: ['unit_officer'], unit: nom.unit };
    case 'ScoreEvaluation':
      return EVALUATORS.find((e) => s.evaluators.some((a) => a.evaluatorId === e.id) && !s.scores[e.id]) ?? EVALUATORS[x % 4];
    case 'ReturnNomination':
    case 'AssignEvaluator':
    case 'OpenPublicNotice':
    case 'ResolveObjection':
    case 'ClosePublicNotice':
    case 'OpenVoting':
    case 'CloseVoting':
    case 'OpenSession':
    case 'CloseSession':
      return ACTORS.secretary;
    case 'DeclareConflict':
    case 'CastBallot': {
      // One time in four, any member: one who already voted, is recused, or is absent.
      const waiting = x % 4 === 0 ? [] : (s.voting?.present.filter((m) => !s.voting!.participants.includes(m)) ?? []);
      return memberActor(waiting.length ? waiting[x % waiting.length] : MEMBERS[(x >> 3) % MEMBERS.length].memberId);
    }
    case 'ApproveNomination':
    case 'RejectNomination':
      return ACTORS.approver;
    case 'PublishNomination':
    case 'RevokeAward':
      return ACTORS.publisher;
    default:
      return ACTORS.public;
  }
}

function play(world: World, step: Step) {
  const nom = NOMINATIONS[step.nom % NOMINATIONS.length];
  const kind: Kind = step.guided ? guidedKind(world, nom, step.x) : KINDS[step.kind % KINDS.length];
  const actor = step.guided ? guidedActor(world, kind, nom, step.x) : ACTOR_POOL[step.actor % ACTOR_POOL.length];
  // Guided steps still come at a wrong time now and then (too early, too late).
  const early = kind === 'ClosePublicNotice' && step.x % 3 === 0 ? '2026-09-09T02:00:00Z' : GUIDED_TIME[kind];
  const now = step.guided && step.x % 8 !== 0 ? early : TIMES[step.time % TIMES.length];
  const m = meta(actor, now);
  const n = { nominationId: nom.id };
  const x = step.x;
  const s = world.state(nom.id);
  const choice: Choice = (['yes', 'yes', 'yes', 'yes', 'yes', 'no', 'abstain'] as const)[x % 7];
  switch (kind) {
    case 'OpenSession':
      world.sessionSeq += 1;
      return world.runCouncil({
        type: 'OpenSession',
        data: { councilId: COUNCIL_ID, sessionId: `s-${world.sessionSeq}`, present: MEMBERS.map((mm) => mm.memberId).filter((_, i) => (x >> i) % 6 !== 0) },
        metadata: m,
      });
    case 'CloseSession': {
      const c = world.councilState();
      const sessionId = c.status !== 'none' && c.session ? c.session.sessionId : 's-x';
      return world.runCouncil({ type: 'CloseSession', data: { councilId: COUNCIL_ID, sessionId }, metadata: m });
    }
    case 'PledgeNomination':
      return world.runNomination({ type: kind, data: { ...n, campaignId: CAMPAIGN_ID, awardCode: nom.award, unitId: nom.unit, nomineeId: nom.nominee, nomineeName: nom.nominee, targets: ['t'] }, metadata: m });
    case 'SubmitNomination':
      return world.runNomination({
        type: kind,
        data: {
          ...n, campaignId: CAMPAIGN_ID, awardCode: nom.award, nomineeId: nom.nominee, nomineeName: nom.nominee, nomineeUnitId: nom.unit,
          nomineeRole: 'direct_worker', achievements: ['a'], evidence: [{ name: 'e.pdf', sha256: SHA(x), mediaType: 'application/pdf' }],
        },
        metadata: m,
      });
    case 'ReturnNomination':
      return world.runNomination({ type: kind, data: { ...n, reason: 'r', resubmitBy: '2026-07-20T00:00:00Z' }, metadata: m });
    case 'ResubmitNomination':
      return world.runNomination({ type: kind, data: { ...n, achievements: ['a'], evidence: [{ name: 'e.pdf', sha256: SHA(x + 1), mediaType: 'application/pdf' }] }, metadata: m });
    case 'AssignEvaluator': {
      const free = EVALUATORS.filter((e) => !s.evaluators.some((a) => a.evaluatorId === e.id));
      const e = step.guided && x % 6 !== 0 ? free.find((f) => f.unit !== nom.unit) ?? EVALUATORS[0] : EVALUATORS[x % EVALUATORS.length];
      return world.runNomination({ type: kind, data: { ...n, evaluatorId: e.id, evaluatorUnitId: e.unit! }, metadata: m });
    }
    case 'ScoreEvaluation':
      return world.runNomination({ type: kind, data: { ...n, scores: scoresFor(nom.award, x) }, metadata: m });
    case 'OpenPublicNotice':
    case 'ClosePublicNotice':
      return world.runNomination({ type: kind, data: n, metadata: m });
    case 'FileObjection':
      return world.runNomination({ type: kind, data: { ...n, objectionId: `o-${x % 3}`, summary: 's', filerRef: 'r', filerCommitment: 'c' }, metadata: m });
    case 'ResolveObjection': {
      const open = Object.entries(s.objections).find(([, v]) => v === 'open')?.[0] ?? `o-${x % 3}`;
      return world.runNomination({ type: kind, data: { ...n, objectionId: open, outcome: x % 4 === 0 ? 'upheld' : 'dismissed', reason: 'r' }, metadata: m });
    }
    case 'DeclareConflict':
      return world.runNomination({ type: kind, data: { ...n, reason: 'kin' }, metadata: m });
    case 'OpenVoting': {
      const c = world.councilState();
      const sessionId = c.status !== 'none' && c.session ? c.session.sessionId : 's-x';
      return world.runNomination({ type: kind, data: { ...n, sessionId }, metadata: m });
    }
    case 'CastBallot': {
      world.ballotSeq += 1;
      return world.runNomination({ type: kind, data: { ...n, sessionId: s.voting?.sessionId ?? 's-x', choice, ballotId: `b-${world.ballotSeq}` }, metadata: m });
    }
    case 'CloseVoting': {
      let box = [...(world.boxes.get(nom.id) ?? [])];
      if (x % 17 === 0) box = box.slice(1); // a lost ballot
      if (x % 19 === 0) box.push({ ballotId: `stuffed-${x}`, choice: 'yes' }); // a stuffed one
      const ballots = s.voting?.ballot === 'open' ? undefined : box;
      return world.runNomination({ type: kind, data: { ...n, sessionId: s.voting?.sessionId ?? 's-x', ...(ballots ? { ballots } : {}) }, metadata: m });
    }
    case 'ApproveNomination':
      return world.runNomination({ type: kind, data: { ...n, decisionNumber: `${x}/QĐ`, decisionDate: '2026-10-20' }, metadata: m });
    case 'RejectNomination':
      return world.runNomination({ type: kind, data: { ...n, reason: 'r' }, metadata: m });
    case 'PublishNomination':
      return world.runNomination({ type: kind, data: { ...n, honourListId: 'hl', rank: 1 + (x % 9) }, metadata: m });
    case 'RevokeAward':
      return world.runNomination({ type: kind, data: { ...n, legalGround: 'g', decisionNumber: 'd', decisionDate: '2027-03-01' }, metadata: m });
    case 'WithdrawNomination':
      return world.runNomination({ type: kind, data: { ...n, reason: 'r' }, metadata: m });
    case 'MarkDeadlineMissed':
      return world.runNomination({ type: kind, data: { ...n, deadline: (['pledge', 'nomination', 'evaluation', 'notice', 'decision', 'publication'] as const)[x % 6] }, metadata: m });
    default: {
      const _exhaustive: never = kind;
      return _exhaustive;
    }
  }
}

const before = (events: NominationEvent[], i: number, type: NominationEvent['type']) => events.slice(0, i).filter((e) => e.type === type);

function checkInvariants(world: World) {
  for (const nom of NOMINATIONS) {
    const events = world.streams.get(nom.id)!;
    const award = catalog.awardTypes.find((t) => t.code === nom.award)!;
    expect(JSON.parse(JSON.stringify(events))).toEqual(events); // plain JSON, no undefined
    events.forEach((e, i) => {
      switch (e.type) {
        case 'NominationPublished':
          expect(before(events, i, 'NominationApproved')).toHaveLength(1);
          break;
        case 'NominationApproved': {
          const votes = before(events, i, 'NominationVoted');
          expect(votes.length).toBe(1);
          expect(votes[0].type === 'NominationVoted' && votes[0].data.passed).toBe(true);
          expect(before(events, i, 'ObjectionResolved').some((r) => r.type === 'ObjectionResolved' && r.data.outcome === 'upheld')).toBe(false);
          expect(before(events, i, 'NominationWithdrawn')).toHaveLength(0);
          break;
        }
        case 'NominationWithdrawn':
        case 'NominationRejected':
          expect(before(events, i, 'NominationApproved')).toHaveLength(0);
          break;
        case 'AwardRevoked':
          expect(before(events, i, 'NominationPublished')).toHaveLength(1);
          break;
        case 'BallotCast': {
          const votesBefore = before(events, i, 'BallotCast').filter((b) => b.type === 'BallotCast' && b.data.memberId === e.data.memberId);
          const lastOpen = events.slice(0, i).map((x) => x.type).lastIndexOf('VotingOpened');
          // one ballot per member per vote
          expect(votesBefore.filter((_, k) => events.indexOf(votesBefore[k]) > lastOpen)).toHaveLength(0);
          expect(before(events, i, 'MemberRecused').some((r) => r.type === 'MemberRecused' && r.data.memberId === e.data.memberId)).toBe(false);
          expect(MEMBERS.find((mm) => mm.memberId === e.data.memberId)?.unitId).not.toBe(nom.unit);
          if (award.ballot === 'secret') expect(Object.keys(e.data)).not.toContain('choice');
          break;
        }
        case 'VotingClosed': {
          const lastOpen = events.slice(0, i).map((x) => x.type).lastIndexOf('VotingOpened');
          const cast = events.slice(lastOpen, i).filter((b) => b.type === 'BallotCast').length;
          expect(e.data.ballot === 'secret' ? e.data.ballots.length : e.data.votes.length).toBe(cast);
          break;
        }
        case 'NominationVoted': {
          const closed = events[i - 1];
          expect(closed.type).toBe('VotingClosed');
          if (e.data.passed) expect(e.data.quorumMet && e.data.yes >= e.data.yesRequired && e.data.yes > 0).toBe(true);
          break;
        }
        case 'NominationEvaluated': {
          const scored = events.slice(0, i).filter((x) => x.type === 'EvaluationScored');
          const lastReset = Math.max(events.slice(0, i).map((x) => x.type).lastIndexOf('NominationResubmitted'), -1);
          const since = scored.filter((x) => events.indexOf(x) > lastReset);
          expect(new Set(since.map((x) => x.type === 'EvaluationScored' && x.data.evaluatorId)).size).toBe(award.evaluatorsRequired);
          break;
        }
        case 'EvaluationScored': {
          const submitted = events.find((x) => x.type === 'NominationSubmitted');
          expect(e.data.evaluatorId).not.toBe(submitted?.type === 'NominationSubmitted' && submitted.data.submittedBy);
          expect(EVALUATORS.find((ev) => ev.id === e.data.evaluatorId)?.unit).not.toBe(nom.unit);
          break;
        }
        case 'PublicNoticeClosed': {
          const opened = before(events, i, 'PublicNoticeOpened')[0];
          expect(opened.type === 'PublicNoticeOpened' && opened.data.endDate).toBe(addWorkingDays(e.data.startDate, award.noticeWorkingDays, catalog.calendar));
          expect(localDate(e.data.closedAt, 420) > e.data.endDate).toBe(true);
          break;
        }
        default:
          break;
      }
    });
  }
  // Quota: every approval holds a slot, and no slot was allocated over the quota at the time.
  const slots: Record<string, { nominationId: string; awardCode: string; unitId: string }> = {};
  for (const e of world.campaign) {
    if (e.type === 'QuotaSlotAllocated') {
      expect(quotaBreach(catalog, slots, e.data.awardCode, e.data.unitId, e.data.nominationId)).toBeNull();
      slots[e.data.nominationId] = e.data;
    }
  }
  for (const nom of NOMINATIONS) {
    if (world.streams.get(nom.id)!.some((e) => e.type === 'NominationApproved')) expect(slots[nom.id]).toBeDefined();
  }
  const fighters = NOMINATIONS.filter((n) => n.award === 'grassroots_emulation_fighter' && world.streams.get(n.id)!.some((e) => e.type === 'NominationApproved'));
  expect(fighters.length).toBeLessThanOrEqual(1);
}

const step = fc.record({
  guided: fc.integer({ min: 0, max: 19 }).map((v) => v < 17),
  kind: fc.nat(),
  nom: fc.nat(),
  actor: fc.nat(),
  time: fc.nat(),
  x: fc.nat({ max: 1 << 20 }),
});

describe('nomination invariants under random command sequences', () => {
  it('never publishes without approval and a passing vote, never counts two ballots from one member, never breaks a quota', () => {
    const reached = new Set<string>();
    fc.assert(
      fc.property(fc.array(step, { minLength: 50, maxLength: 300 }), (steps) => {
        const world = new World();
        for (const s of steps) play(world, s);
        checkInvariants(world);
        for (const e of [...world.streams.values()].flat()) {
          reached.add(e.type);
          if (e.type === 'NominationEvaluated' && !e.data.passed) reached.add('evaluation failed');
          if (e.type === 'NominationVoted') reached.add(e.data.passed ? 'vote passed' : 'vote failed');
        }
      }),
      // Shrinking 300-step histories takes minutes; the seed and path in the report replay a failure.
      { numRuns: 200, endOnFailure: true },
    );
    // The generator must reach deep states, or the property says little.
    expect([...reached]).toEqual(
      expect.arrayContaining([
        'NominationPublished', 'AwardRevoked', 'NominationRejected', 'NominationWithdrawn', 'ObjectionResolved', 'NominationReturned',
        'evaluation failed', 'vote passed', 'vote failed',
      ]),
    );
  });
});
