import { createHash } from 'node:crypto';
import {
  addWorkingDays,
  campaignStream,
  councilStream,
  defaultCatalog,
  evaluate,
  localDate,
  nominationStream,
  shareOf,
  tally,
  type AwardCatalog,
  type AwardType,
  type CampaignSchedule,
  type Choice,
  type CouncilMember,
  type CriterionScore,
  type DomainEvent,
  type NomineeRole,
} from '@vinhdanh/domain';
import type { Actor, JsonValue, NewEvent, StoredEvent } from '@vinhdanh/event-store';
import { canonicalJson } from '@vinhdanh/ledger';

/**
 * Synthetic but rule-abiding event histories, written as raw events (no deciders), so tests can
 * also break one rule at a time by editing the list, exactly as a tampering writer would.
 */

export type SeasonEvent = NewEvent & { streamId: string };

export const SCHEDULE: CampaignSchedule = {
  pledgeDeadline: '2026-03-31T16:59:59Z',
  nominationDeadline: '2026-06-30T16:59:59Z',
  evaluationDeadline: '2026-08-31T16:59:59Z',
  noticeStart: '2026-09-01T00:00:00Z',
  noticeEnd: '2026-09-30T16:59:59Z',
  councilSessionAt: '2026-10-05T02:00:00Z',
  decisionDeadline: '2026-10-31T16:59:59Z',
  publicationDeadline: '2026-11-30T16:59:59Z',
};

export const AT = {
  opened: '2026-01-05T02:00:00Z',
  pledging: '2026-02-02T02:00:00Z',
  nominating: '2026-05-04T02:00:00Z',
  evaluating: '2026-07-06T02:00:00Z',
  notice: '2026-09-07T02:00:00Z',
  noticeClosed: '2026-09-20T02:00:00Z',
  council: '2026-10-05T02:00:00Z',
  approval: '2026-10-12T02:00:00Z',
  publication: '2026-11-02T02:00:00Z',
  revocation: '2027-03-01T02:00:00Z',
};

export const MEMBERS: CouncilMember[] = [
  { memberId: 'm-1', name: 'Member One', councilRole: 'chair', unitId: 'u-ppc' },
  { memberId: 'm-2', name: 'Member Two', councilRole: 'vice_chair', unitId: 'u-a' },
  { memberId: 'm-3', name: 'Member Three', councilRole: 'secretary', unitId: 'u-b' },
  { memberId: 'm-4', name: 'Member Four', councilRole: 'member', unitId: 'u-c' },
  { memberId: 'm-5', name: 'Member Five', councilRole: 'member', unitId: 'u-health' },
];

export const ACTORS = {
  admin: { id: 'admin-1', roles: ['admin'] },
  secretary: { id: 'sec-1', roles: ['council_secretary'], unit: 'u-board' },
  approver: { id: 'chair-1', roles: ['approver'], unit: 'u-ppc' },
  publisher: { id: 'pub-1', roles: ['publisher'], unit: 'u-board' },
  system: { id: 'system', roles: ['admin'] },
} satisfies Record<string, Actor>;

export const officerOf = (unitId: string): Actor => ({ id: `officer-${unitId}`, roles: ['unit_officer'], unit: unitId });
export const evaluatorActor = (id: string): Actor => ({ id, roles: ['evaluator'], unit: 'u-board' });
export const memberActor = (memberId: string): Actor => ({ id: memberId, roles: ['council_member'], unit: MEMBERS.find((m) => m.memberId === memberId)?.unitId });

export const SHA = (n: number): string => n.toString(16).padStart(64, '0');

export type SeasonOptions = { salt?: string; campaignId?: string; councilId?: string; sessionId?: string; catalog?: AwardCatalog; members?: CouncilMember[] };

export type NominationSpec = {
  nominationId: string;
  awardCode: string;
  unitId: string;
  nomineeId?: string;
  nomineeName?: string;
  nomineeRole?: NomineeRole | null;
  /** Where the lifecycle stops; default 'published'. */
  until?: 'submitted' | 'evaluated' | 'notice' | 'voted' | 'approved' | 'published' | 'revoked';
  /** Choices in member order (present, eligible members only); default all yes. */
  choices?: Choice[];
  objections?: { objectionId: string; outcome: 'upheld' | 'dismissed' }[];
  decisionNumber?: string;
  rank?: number;
  /** Salt for deterministic ballot ids and order. */
  seed?: number;
};

/** Every lifecycle phase of one nomination, each a list of events; concatenated it is the whole story. */
export type LifecyclePhases = SeasonEvent[][];

export class SeasonBuilder {
  readonly campaignId: string;
  readonly councilId: string;
  readonly sessionId: string;
  readonly catalog: AwardCatalog;
  readonly members: CouncilMember[];
  private counter = 0;
  private readonly salt: string;

  constructor(options: SeasonOptions = {}) {
    this.salt = options.salt ?? '';
    this.campaignId = options.campaignId ?? 'c-2026';
    this.councilId = options.councilId ?? 'council-prov';
    this.sessionId = options.sessionId ?? 's-1';
    this.catalog = options.catalog ?? defaultCatalog();
    this.members = options.members ?? MEMBERS;
  }

  award(code: string): AwardType {
    const award = this.catalog.awardTypes.find((a) => a.code === code);
    if (!award) throw new Error(`no award ${code}`);
    return award;
  }

  event(streamId: string, e: DomainEvent, actor: Actor, at: string): SeasonEvent {
    this.counter += 1;
    const id = createHash('sha256').update(`${this.salt}|${streamId}|${this.counter}|${e.type}`).digest('hex');
    const eventId = `${id.slice(0, 8)}-${id.slice(8, 12)}-4${id.slice(13, 16)}-8${id.slice(17, 20)}-${id.slice(20, 32)}`;
    return { streamId, eventId, type: e.type, data: e.data as unknown as JsonValue, metadata: { actor, correlationId: `corr-${this.counter}`, recordedAt: at } };
  }

  /** Campaign opened, council constituted, session opened with everyone present. */
  opening(present: string[] = this.members.map((m) => m.memberId)): SeasonEvent[] {
    const c = campaignStream(this.campaignId);
    const k = councilStream(this.councilId);
    return [
      this.event(c, { type: 'CampaignOpened', data: { campaignId: this.campaignId, name: 'Emulation 2026', year: 2026, councilId: this.councilId, catalogVersion: this.catalog.version, catalog: this.catalog, schedule: SCHEDULE, openedBy: ACTORS.admin.id, openedAt: AT.opened } }, ACTORS.admin, AT.opened),
      this.event(k, { type: 'CouncilConstituted', data: { councilId: this.councilId, name: 'Provincial council', members: this.members, constitutedBy: ACTORS.admin.id, constitutedAt: AT.opened } }, ACTORS.admin, AT.opened),
    ].concat(this.session(present));
  }

  session(present: string[], sessionId = this.sessionId, at = AT.council): SeasonEvent[] {
    return [
      this.event(councilStream(this.councilId), { type: 'SessionOpened', data: { councilId: this.councilId, sessionId, present, memberCount: this.members.length, openedBy: ACTORS.secretary.id, openedAt: at } }, ACTORS.secretary, at),
    ];
  }

  /** The phases of one nomination's story, following every rule of the default catalog. */
  lifecycle(spec: NominationSpec): LifecyclePhases {
    const award = this.award(spec.awardCode);
    const until = spec.until ?? 'published';
    const order = ['submitted', 'evaluated', 'notice', 'voted', 'approved', 'published', 'revoked'];
    const reach = (step: string) => order.indexOf(until) >= order.indexOf(step);
    const n = spec.nominationId;
    const s = nominationStream(n);
    const officer = officerOf(spec.unitId);
    const nomineeId = spec.nomineeId ?? `p-${n}`;
    const nomineeName = spec.nomineeName ?? `Nominee ${n}`;
    const phases: LifecyclePhases = [];
    const ev = (e: DomainEvent, actor: Actor, at: string) => this.event(s, e, actor, at);

    const submit: SeasonEvent[] = [];
    if (award.requiresPledge) {
      submit.push(ev({ type: 'NominationPledged', data: { nominationId: n, campaignId: this.campaignId, awardCode: award.code, unitId: spec.unitId, nomineeId, nomineeName, targets: ['Hoàn thành xuất sắc nhiệm vụ'], pledgedBy: officer.id, pledgedAt: AT.pledging } }, officer, AT.pledging));
    }
    submit.push(
      ev(
        {
          type: 'NominationSubmitted',
          data: {
            nominationId: n,
            campaignId: this.campaignId,
            awardCode: award.code,
            recipientKind: award.recipientKind,
            nomineeId,
            nomineeName,
            nomineeUnitId: spec.unitId,
            nomineeRole: award.recipientKind === 'individual' ? (spec.nomineeRole === undefined ? 'direct_worker' : spec.nomineeRole) : null,
            achievements: ['Hoàn thành xuất sắc nhiệm vụ năm 2026'],
            evidence: [{ name: 'report.pdf', sha256: SHA(1 + (spec.seed ?? 0)), mediaType: 'application/pdf' }],
            submittedBy: officer.id,
            submitterUnitId: spec.unitId,
            submittedAt: AT.nominating,
          },
        },
        officer,
        AT.nominating,
      ),
    );
    phases.push(submit);
    if (!reach('evaluated')) return phases;

    const evaluators = Array.from({ length: award.evaluatorsRequired }, (_, i) => `eval-${i + 1}`);
    const scores: Record<string, CriterionScore[]> = {};
    const evaluation: SeasonEvent[] = evaluators.map((id) =>
      ev({ type: 'EvaluatorAssigned', data: { nominationId: n, evaluatorId: id, evaluatorUnitId: 'u-board', assignedBy: ACTORS.secretary.id, assignedAt: AT.evaluating } }, ACTORS.secretary, AT.evaluating),
    );
    for (const id of evaluators) {
      scores[id] = award.criteria.map((c) => ({ criterionCode: c.code, score: c.maxScore * 0.9 }));
      evaluation.push(ev({ type: 'EvaluationScored', data: { nominationId: n, evaluatorId: id, scores: scores[id], scoredAt: AT.evaluating } }, evaluatorActor(id), AT.evaluating));
    }
    evaluation.push(ev({ type: 'NominationEvaluated', data: { nominationId: n, ...evaluate(award, scores), evaluatedAt: AT.evaluating } }, evaluatorActor(evaluators[evaluators.length - 1]), AT.evaluating));
    phases.push(evaluation);
    if (!reach('notice')) return phases;

    const calendar = this.catalog.calendar;
    const startDate = localDate(AT.notice, calendar.utcOffsetMinutes);
    const endDate = addWorkingDays(startDate, award.noticeWorkingDays, calendar);
    const notice: SeasonEvent[] = [
      ev({ type: 'PublicNoticeOpened', data: { nominationId: n, startDate, endDate, requiredWorkingDays: award.noticeWorkingDays, holidays: calendar.holidays, openedBy: ACTORS.secretary.id, openedAt: AT.notice } }, ACTORS.secretary, AT.notice),
    ];
    const objections = spec.objections ?? [];
    for (const o of objections) {
      notice.push(ev({ type: 'ObjectionFiled', data: { nominationId: n, objectionId: o.objectionId, summary: 'Thành tích chưa chính xác', filerRef: `pd-${o.objectionId}`, filerCommitment: SHA(99), filedAt: AT.notice } }, ACTORS.system, AT.notice));
    }
    for (const o of objections) {
      notice.push(ev({ type: 'ObjectionResolved', data: { nominationId: n, objectionId: o.objectionId, outcome: o.outcome, reason: 'Đã xác minh', resolvedBy: ACTORS.secretary.id, resolvedAt: AT.noticeClosed } }, ACTORS.secretary, AT.noticeClosed));
    }
    notice.push(
      ev(
        {
          type: 'PublicNoticeClosed',
          data: {
            nominationId: n,
            startDate,
            endDate,
            objectionsFiled: objections.length,
            objectionsUpheld: objections.filter((o) => o.outcome === 'upheld').length,
            objectionsDismissed: objections.filter((o) => o.outcome === 'dismissed').length,
            closedBy: ACTORS.secretary.id,
            closedAt: AT.noticeClosed,
          },
        },
        ACTORS.secretary,
        AT.noticeClosed,
      ),
    );
    phases.push(notice);
    if (!reach('voted')) return phases;

    const vote: SeasonEvent[] = [];
    const members = this.members.map((m) => m.memberId);
    const recused = this.members.filter((m) => m.unitId === spec.unitId).map((m) => m.memberId);
    for (const memberId of recused) {
      vote.push(ev({ type: 'MemberRecused', data: { nominationId: n, memberId, ground: 'same_unit', recusedAt: AT.council } }, ACTORS.secretary, AT.council));
    }
    const eligible = members.filter((id) => !recused.includes(id));
    const present = eligible;
    vote.push(
      ev(
        {
          type: 'VotingOpened',
          data: { nominationId: n, councilId: this.councilId, sessionId: this.sessionId, ballot: award.ballot, members, eligible, present, quorum: award.quorum, quorumRequired: shareOf(eligible.length, award.quorum), openedBy: ACTORS.secretary.id, openedAt: AT.council },
        },
        ACTORS.secretary,
        AT.council,
      ),
    );
    const choices: Choice[] = present.map((_, i) => spec.choices?.[i] ?? 'yes');
    present.forEach((memberId, i) => {
      const data =
        award.ballot === 'secret'
          ? { nominationId: n, sessionId: this.sessionId, ballot: 'secret' as const, memberId, castAt: AT.council }
          : { nominationId: n, sessionId: this.sessionId, ballot: 'open' as const, memberId, choice: choices[i], castAt: AT.council };
      vote.push(ev({ type: 'BallotCast', data }, memberActor(memberId), AT.council));
    });
    const closedBase = { nominationId: n, sessionId: this.sessionId, closedBy: ACTORS.secretary.id, closedAt: AT.council };
    if (award.ballot === 'secret') {
      const ballots = choices
        .map((choice, i) => ({ ballotId: createHash('sha256').update(`${n}|${spec.seed ?? 0}|${i}`).digest('hex').slice(0, 16), choice }))
        .sort((a, b) => (a.ballotId < b.ballotId ? -1 : 1));
      vote.push(ev({ type: 'VotingClosed', data: { ...closedBase, ballot: 'secret', ballots } }, ACTORS.secretary, AT.council));
    } else {
      vote.push(ev({ type: 'VotingClosed', data: { ...closedBase, ballot: 'open', votes: present.map((memberId, i) => ({ memberId, choice: choices[i] })) } }, ACTORS.secretary, AT.council));
    }
    const result = tally(award, { members, eligible, present, ballot: award.ballot }, choices);
    vote.push(
      ev({ type: 'NominationVoted', data: { nominationId: n, sessionId: this.sessionId, ...result, recused: recused.map((memberId) => ({ memberId, ground: 'same_unit' as const })), votedAt: AT.council } }, ACTORS.secretary, AT.council),
    );
    phases.push(vote);
    if (!reach('approved')) return phases;

    if (!result.passed) {
      phases.push([ev({ type: 'NominationRejected', data: { nominationId: n, reason: 'The council vote did not pass.', rejectedBy: ACTORS.approver.id, rejectedAt: AT.approval } }, ACTORS.approver, AT.approval)]);
      return phases;
    }
    const decisionNumber = spec.decisionNumber ?? `QD-${n}`;
    phases.push([
      this.event(campaignStream(this.campaignId), { type: 'QuotaSlotAllocated', data: { campaignId: this.campaignId, nominationId: n, awardCode: award.code, unitId: spec.unitId, allocatedBy: ACTORS.approver.id, allocatedAt: AT.approval } }, ACTORS.approver, AT.approval),
      ev({ type: 'NominationApproved', data: { nominationId: n, campaignId: this.campaignId, awardCode: award.code, nomineeUnitId: spec.unitId, decisionNumber, decisionDate: '2026-10-12', signerId: ACTORS.approver.id, signerRole: award.approverRole, approvedAt: AT.approval } }, ACTORS.approver, AT.approval),
    ]);
    if (!reach('published')) return phases;
    phases.push([ev({ type: 'NominationPublished', data: { nominationId: n, honourListId: `hl-${this.campaignId}-${award.code}`, rank: spec.rank ?? 1, publishedBy: ACTORS.publisher.id, publishedAt: AT.publication } }, ACTORS.publisher, AT.publication)]);
    if (!reach('revoked')) return phases;
    phases.push([ev({ type: 'AwardRevoked', data: { nominationId: n, legalGround: 'Khoản 2 Điều 91 Luật Thi đua, khen thưởng', decisionNumber: `QD-HUY-${n}`, decisionDate: '2027-03-01', revokedBy: ACTORS.approver.id, revokedAt: AT.revocation } }, ACTORS.approver, AT.revocation)]);
    return phases;
  }

  nomination(spec: NominationSpec): SeasonEvent[] {
    return this.lifecycle(spec).flat();
  }
}

/**
 * Positions, revisions and a hash chain, as a store would assign them (the hash is SHA-256 of
 * the previous hash and the canonical event: the real chain's shape, for fixtures only).
 */
export function toStored(events: readonly SeasonEvent[], startPosition = 0): StoredEvent[] {
  const revisions = new Map<string, number>();
  let prev = SHA(0);
  return events.map((e, i) => {
    const revision = (revisions.get(e.streamId) ?? -1) + 1;
    revisions.set(e.streamId, revision);
    const position = startPosition + i;
    const hash = createHash('sha256').update(prev).update(canonicalJson({ position, streamId: e.streamId, revision, type: e.type, data: e.data })).digest('hex');
    prev = hash;
    return { ...e, revision, position, hash };
  });
}
