import { randomInt, randomUUID } from 'node:crypto';
import {
  type AwardCatalog,
  campaignStream,
  type CampaignCommand,
  type CampaignEvent,
  type CampaignSchedule,
  type CampaignState,
  type Choice,
  type CommandMetadata,
  councilStream,
  type CouncilCommand,
  type CouncilEvent,
  type CouncilMember,
  type CouncilState,
  decideCampaign,
  decideCouncil,
  decideNomination,
  type DomainError,
  defaultCatalog,
  evolveCampaign,
  evolveCouncil,
  evolveNomination,
  fold,
  initialCampaignState,
  initialCouncilState,
  initialNominationState,
  isDomainError,
  type NominationCommand,
  type NominationEvent,
  nominationStream,
} from '@vinhdanh/domain';
import type { EventStore, JsonValue } from '@vinhdanh/event-store';

/**
 * A real season for the ledger's end-to-end tests: every event comes out of the domain's
 * deciders (fold → decide → append with the expected revision), so a bundle holds what a
 * province's year would: a campaign with its catalog snapshot, a council in session,
 * nominations scored, noticed, voted by secret or open ballot, approved, published, some
 * refused by the vote and one revoked.
 */

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

const AT = {
  opening: '2026-01-05T02:00:00Z',
  nominating: '2026-05-04T02:00:00Z',
  evaluating: '2026-07-06T02:00:00Z',
  notice: '2026-09-07T02:00:00Z',
  noticeClose: '2026-09-20T02:00:00Z',
  council: '2026-10-05T02:00:00Z',
  decision: '2026-10-20T02:00:00Z',
  publication: '2026-11-02T02:00:00Z',
  revocation: '2026-11-20T02:00:00Z',
};

type Actor = CommandMetadata['actor'];
const ACTORS = {
  admin: { id: 'admin-1', roles: ['admin'] },
  eval1: { id: 'eval-1', roles: ['evaluator'], unit: 'u-board' },
  eval2: { id: 'eval-2', roles: ['evaluator'], unit: 'u-board' },
  secretary: { id: 'sec-1', roles: ['council_secretary'], unit: 'u-board' },
  approver: { id: 'chair-1', roles: ['approver'], unit: 'u-ppc' },
  publisher: { id: 'pub-1', roles: ['publisher'], unit: 'u-board' },
} satisfies Record<string, Actor>;

export const MEMBERS: CouncilMember[] = [
  { memberId: 'm-1', name: 'Trần Thị Bình', councilRole: 'chair', unitId: 'u-ppc' },
  { memberId: 'm-2', name: 'Lê Văn Cường', councilRole: 'vice_chair', unitId: 'u-a' },
  { memberId: 'm-3', name: 'Phạm Thị Dung', councilRole: 'secretary', unitId: 'u-b' },
  { memberId: 'm-4', name: 'Hoàng Văn Em', councilRole: 'member', unitId: 'u-c' },
  { memberId: 'm-5', name: 'Vũ Thị Giang', councilRole: 'member', unitId: 'u-health' },
];
const memberActor = (m: CouncilMember): Actor => ({ id: m.memberId, roles: ['council_member'], unit: m.unitId });
const UNITS = ['u-health', 'u-education', 'u-finance', 'u-transport'];

let corr = 0;
const meta = (actor: Actor, now: string): CommandMetadata => ({ actor, now, correlationId: `season-${++corr}` });

function shuffled<T>(items: T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** Appends what `decide` returns to `streamId`, at the revision it decided on. */
class StreamWriter<E extends { type: string; data: unknown }> {
  readonly events: E[] = [];

  constructor(
    private readonly store: EventStore,
    readonly streamId: string,
  ) {}

  async append(result: E[] | DomainError, metadata: CommandMetadata): Promise<number[]> {
    if (isDomainError(result)) throw new Error(`season step refused on ${this.streamId}: ${result.code} ${result.message}`);
    const decided = result as E[];
    if (decided.length === 0) return [];
    const expected = this.events.length === 0 ? 'no_stream' : this.events.length - 1;
    const appended = await this.store.append(
      this.streamId,
      decided.map((e) => ({
        eventId: randomUUID(),
        type: e.type,
        data: e.data as JsonValue,
        metadata: { actor: metadata.actor, correlationId: metadata.correlationId, recordedAt: metadata.now },
      })),
      expected,
    );
    this.events.push(...decided);
    return appended.positions;
  }
}

export interface SeasonOptions {
  campaignId?: string;
  councilId?: string;
  /** How many nominations; every fifth fails its vote. Default 12. */
  nominations?: number;
  /** Revoke the first published award after publication. Default true. */
  revokeOne?: boolean;
}

export interface Season {
  campaignId: string;
  /** Nominations on the honour list (published, not revoked). */
  published: string[];
  revoked: string[];
  refused: string[];
  /** Positions of interesting events, for tamper tests. */
  positions: { votingClosed: number[]; ballotCast: number[]; published: number[]; voted: number[] };
}

export async function runSeason(store: EventStore, options: SeasonOptions = {}): Promise<Season> {
  const campaignId = options.campaignId ?? 'c-2026';
  const councilId = options.councilId ?? `council-${campaignId}`;
  const count = options.nominations ?? 12;
  const catalog: AwardCatalog = defaultCatalog();
  const season: Season = { campaignId, published: [], revoked: [], refused: [], positions: { votingClosed: [], ballotCast: [], published: [], voted: [] } };

  const campaign = new StreamWriter<CampaignEvent>(store, campaignStream(campaignId));
  const campaignState = (): CampaignState => fold(evolveCampaign, initialCampaignState, campaign.events);
  const runCampaign = (c: CampaignCommand) => campaign.append(decideCampaign(c, campaignState()), c.metadata);
  await runCampaign({
    type: 'OpenCampaign',
    data: { campaignId, name: `Phong trào thi đua ${campaignId}`, year: 2026, councilId, catalog, schedule: SCHEDULE },
    metadata: meta(ACTORS.admin, AT.opening),
  });

  const council = new StreamWriter<CouncilEvent>(store, councilStream(councilId));
  const councilState = (): CouncilState => fold(evolveCouncil, initialCouncilState, council.events);
  const runCouncil = (c: CouncilCommand) => council.append(decideCouncil(c, councilState()), c.metadata);
  await runCouncil({ type: 'ConstituteCouncil', data: { councilId, name: 'Hội đồng Thi đua – Khen thưởng tỉnh', members: MEMBERS }, metadata: meta(ACTORS.admin, AT.opening) });

  const nominations = Array.from({ length: count }, (_, i) => {
    const nominationId = `${campaignId}-n${i + 1}`;
    const open = i % 3 === 2; // advanced_worker: open ballot, one evaluator
    return {
      nominationId,
      awardCode: open ? 'advanced_worker' : 'chair_certificate_of_merit',
      unitId: UNITS[i % UNITS.length],
      passes: i % 5 !== 4,
      writer: new StreamWriter<NominationEvent>(store, nominationStream(nominationId)),
    };
  });
  const run = async (n: (typeof nominations)[number], command: NominationCommand): Promise<number[]> => {
    const state = fold(evolveNomination, initialNominationState, n.writer.events);
    return n.writer.append(decideNomination(command, state, { campaign: campaignState(), council: councilState() }), command.metadata);
  };

  for (const [i, n] of nominations.entries()) {
    const award = catalog.awardTypes.find((t) => t.code === n.awardCode)!;
    const id = { nominationId: n.nominationId };
    await run(n, {
      type: 'SubmitNomination',
      data: {
        ...id,
        campaignId,
        awardCode: n.awardCode,
        nomineeId: `p-${i + 1}`,
        nomineeName: `Nguyễn Văn ${String.fromCharCode(65 + (i % 26))}${i + 1}`,
        nomineeUnitId: n.unitId,
        nomineeRole: 'direct_worker',
        achievements: ['Hoàn thành xuất sắc nhiệm vụ năm 2026'],
        evidence: [{ name: 'bao-cao.pdf', sha256: (i + 1).toString(16).padStart(64, '0'), mediaType: 'application/pdf' }],
      },
      metadata: meta({ id: `officer-${n.unitId}`, roles: ['unit_officer'], unit: n.unitId }, AT.nominating),
    });
    const evaluators = [ACTORS.eval1, ACTORS.eval2].slice(0, award.evaluatorsRequired);
    for (const e of evaluators) {
      await run(n, { type: 'AssignEvaluator', data: { ...id, evaluatorId: e.id, evaluatorUnitId: e.unit }, metadata: meta(ACTORS.secretary, AT.evaluating) });
    }
    const scores = award.criteria.map((c) => ({ criterionCode: c.code, score: c.maxScore * 0.9 }));
    for (const e of evaluators) await run(n, { type: 'ScoreEvaluation', data: { ...id, scores }, metadata: meta(e, AT.evaluating) });
    await run(n, { type: 'OpenPublicNotice', data: id, metadata: meta(ACTORS.secretary, AT.notice) });
    await run(n, { type: 'ClosePublicNotice', data: id, metadata: meta(ACTORS.secretary, AT.noticeClose) });
  }

  await runCouncil({ type: 'OpenSession', data: { councilId, sessionId: 's-1', present: MEMBERS.map((m) => m.memberId) }, metadata: meta(ACTORS.secretary, AT.council) });
  for (const n of nominations) {
    const id = { nominationId: n.nominationId };
    await run(n, { type: 'OpenVoting', data: { ...id, sessionId: 's-1' }, metadata: meta(ACTORS.secretary, AT.council) });
    const voters = MEMBERS.filter((m) => m.unitId !== n.unitId);
    const choice: Choice = n.passes ? 'yes' : 'no';
    const secret = catalog.awardTypes.find((t) => t.code === n.awardCode)!.ballot === 'secret';
    // The handler's sealed ballot box: choices and ballot ids stay here, out of the log, until the close.
    const box: Array<{ ballotId: string; choice: Choice }> = [];
    for (const m of voters) {
      const ballotId = secret ? randomUUID() : undefined;
      const [at] = await run(n, { type: 'CastBallot', data: { ...id, sessionId: 's-1', choice, ...(ballotId ? { ballotId } : {}) }, metadata: meta(memberActor(m), AT.council) });
      season.positions.ballotCast.push(at);
      if (ballotId) box.push({ ballotId, choice });
    }
    const positions = await run(n, {
      type: 'CloseVoting',
      data: { ...id, sessionId: 's-1', ...(secret ? { ballots: shuffled(box) } : {}) },
      metadata: meta(ACTORS.secretary, AT.council),
    });
    const types = n.writer.events.slice(-positions.length).map((e) => e.type);
    season.positions.votingClosed.push(positions[types.indexOf('VotingClosed')]);
    season.positions.voted.push(positions[types.indexOf('NominationVoted')]);
  }
  await runCouncil({ type: 'CloseSession', data: { councilId, sessionId: 's-1' }, metadata: meta(ACTORS.secretary, AT.council) });

  let rank = 0;
  for (const n of nominations) {
    const id = { nominationId: n.nominationId };
    if (!n.passes) {
      season.refused.push(n.nominationId);
      continue;
    }
    await runCampaign({ type: 'AllocateQuotaSlot', data: { campaignId, nominationId: n.nominationId, awardCode: n.awardCode, unitId: n.unitId }, metadata: meta(ACTORS.approver, AT.decision) });
    await run(n, { type: 'ApproveNomination', data: { ...id, decisionNumber: `${1000 + rank}/QĐ-UBND`, decisionDate: '2026-10-20' }, metadata: meta(ACTORS.approver, AT.decision) });
    rank += 1;
    const [at] = await run(n, { type: 'PublishNomination', data: { ...id, honourListId: `hl-${campaignId}`, rank }, metadata: meta(ACTORS.publisher, AT.publication) });
    season.positions.published.push(at);
    season.published.push(n.nominationId);
  }
  if (options.revokeOne ?? true) {
    const n = nominations.find((x) => x.passes)!;
    await run(n, {
      type: 'RevokeAward',
      data: { nominationId: n.nominationId, legalGround: 'Điều 18 Nghị định 98/2023/NĐ-CP', decisionNumber: '2000/QĐ-UBND', decisionDate: '2026-11-20' },
      metadata: meta(ACTORS.approver, AT.revocation),
    });
    season.revoked.push(n.nominationId);
    season.published = season.published.filter((x) => x !== n.nominationId);
  }
  return season;
}
