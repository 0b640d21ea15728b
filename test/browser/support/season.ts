import type { CommandBus } from '@nestjs/cqrs';
import {
  ApproveNominationCommand,
  AssignEvaluatorCommand,
  CastBallotCommand,
  ClosePublicNoticeCommand,
  CloseVotingCommand,
  ConstituteCouncilCommand,
  OpenCampaignCommand,
  OpenPublicNoticeCommand,
  OpenSessionCommand,
  OpenVotingCommand,
  PublishNominationCommand,
  RevokeAwardCommand,
  ScoreEvaluationCommand,
  SubmitNominationCommand,
} from '@vinhdanh/application';
import type { CommandMetadata, Role } from '@vinhdanh/domain';

/** One campaign year; times are UTC, inside each phase (as in the API's e2e season). */
export const SCHEDULE = {
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
  opening: '2026-01-05T02:00:00Z',
  nominating: '2026-05-04T02:00:00Z',
  evaluating: '2026-07-06T02:00:00Z',
  notice: '2026-09-07T02:00:00Z',
  noticeOver: '2026-09-21T02:00:00Z',
  council: '2026-10-05T02:00:00Z',
  decision: '2026-10-12T02:00:00Z',
  published: '2026-10-13T02:00:00Z',
  revoked: '2026-10-14T02:00:00Z',
  /** Where the clock stays for the browser: votes may still be cast, approved awards published. */
  browsing: '2026-10-15T02:00:00Z',
};

export const CAMPAIGN = 'c-2026';
export const COUNCIL = 'council-prov';
export const SESSION = 's-1';
export const AWARD = 'chair_certificate_of_merit';
export const MEMBERS = [
  { memberId: 'm-1', name: 'Nguyễn Văn Minh', councilRole: 'chair', unitId: 'u-ppc' },
  { memberId: 'm-2', name: 'Trần Thị Lan', councilRole: 'vice_chair', unitId: 'u-a' },
  { memberId: 'm-3', name: 'Lê Hoàng Nam', councilRole: 'secretary', unitId: 'u-b' },
  { memberId: 'm-4', name: 'Phạm Thu Hà', councilRole: 'member', unitId: 'u-c' },
  { memberId: 'm-5', name: 'Võ Quốc Bảo', councilRole: 'member', unitId: 'u-health' },
] as const;

/** The season's nominations and where each one stops. */
export const NOMINATIONS = {
  published: { id: 'n-1', name: 'Nguyễn Thị Mai', unit: 'u-health', decision: '1234/QĐ-UBND' },
  revoked: { id: 'n-2', name: 'Trần Văn Hùng', unit: 'u-school', decision: '1235/QĐ-UBND' },
  /** Voting open in s-1: m-1 … m-4 may vote (m-5 shares the nominee's unit and is recused). */
  voting: { id: 'n-3', name: 'Lê Thị Thu', unit: 'u-health', decision: '' },
  /** Approved, waiting for the publisher. */
  approved: { id: 'n-4', name: 'Phạm Quang Vinh', unit: 'u-water', decision: '1236/QĐ-UBND' },
  /** Public notice still open (the clock is past its end, so the form is shown but a filing is refused). */
  notice: { id: 'n-5', name: 'Hoàng Thị Yến', unit: 'u-school', decision: '' },
} as const;

export class TestClock {
  constructor(public now = AT.opening) {}
  readonly read = () => this.now;
}

interface Person {
  id: string;
  roles: Role[];
  unit?: string;
}

const PEOPLE = {
  admin: { id: 'admin-1', roles: ['admin'] },
  officer: (unit: string): Person => ({ id: `officer-${unit}`, roles: ['unit_officer'], unit }),
  eval1: { id: 'eval-1', roles: ['evaluator'], unit: 'u-board' },
  eval2: { id: 'eval-2', roles: ['evaluator'], unit: 'u-board' },
  secretary: { id: 'thu-ky-hd', roles: ['council_secretary'], unit: 'ban-tdkt' },
  approver: { id: 'chair-1', roles: ['approver'], unit: 'u-ppc' },
  publisher: { id: 'van-phong-ubnd', roles: ['publisher'], unit: 'vp-ubnd' },
  member: (id: string): Person => ({ id, roles: ['council_member'], unit: MEMBERS.find((m) => m.memberId === id)?.unitId }),
} satisfies Record<string, Person | ((x: string) => Person)>;

const SCORES = [
  { criterionCode: 'task_completion', score: 92 },
  { criterionCode: 'initiative', score: 88 },
  { criterionCode: 'ethics_discipline', score: 95 },
];

/**
 * Seeds the season through the CommandBus (the same handlers the API and the pages use),
 * moving the clock through the phases. Returns the receipts the members got for n-1.
 */
export async function seedSeason(bus: CommandBus, clock: TestClock): Promise<void> {
  let seq = 0;
  const meta = (who: Person): CommandMetadata => ({
    actor: { id: who.id, roles: [...who.roles], ...(who.unit ? { unit: who.unit } : {}) },
    now: clock.now,
    correlationId: `seed-${++seq}`,
  });
  const all = Object.values(NOMINATIONS);
  clock.now = AT.opening;
  await bus.execute(new ConstituteCouncilCommand({ councilId: COUNCIL, name: 'Hội đồng Thi đua – Khen thưởng tỉnh', members: MEMBERS.map((m) => ({ ...m })) }, meta(PEOPLE.admin)));
  await bus.execute(new OpenCampaignCommand({ campaignId: CAMPAIGN, name: 'Phong trào thi đua năm 2026', year: 2026, councilId: COUNCIL, schedule: SCHEDULE }, meta(PEOPLE.admin)));
  clock.now = AT.nominating;
  for (const [i, n] of all.entries()) {
    await bus.execute(
      new SubmitNominationCommand(
        {
          nominationId: n.id,
          campaignId: CAMPAIGN,
          awardCode: AWARD,
          nomineeId: `p-${n.id}`,
          nomineeName: n.name,
          nomineeUnitId: n.unit,
          nomineeRole: 'direct_worker',
          achievements: ['Sáng kiến được công nhận cấp tỉnh'],
          evidence: [{ name: `bao-cao-thanh-tich-${n.id}.pdf`, sha256: (i + 1).toString(16).padStart(64, 'a'), mediaType: 'application/pdf' }],
        },
        meta(PEOPLE.officer(n.unit)),
      ),
    );
  }
  clock.now = AT.evaluating;
  for (const n of all) {
    for (const evaluator of [PEOPLE.eval1, PEOPLE.eval2]) {
      await bus.execute(new AssignEvaluatorCommand({ nominationId: n.id, evaluatorId: evaluator.id, evaluatorUnitId: evaluator.unit }, meta(PEOPLE.secretary)));
    }
    for (const evaluator of [PEOPLE.eval1, PEOPLE.eval2]) {
      await bus.execute(new ScoreEvaluationCommand({ nominationId: n.id, scores: SCORES }, meta(evaluator)));
    }
  }
  clock.now = AT.notice;
  for (const n of all) await bus.execute(new OpenPublicNoticeCommand({ nominationId: n.id }, meta(PEOPLE.secretary)));
  clock.now = AT.noticeOver;
  const voted = [NOMINATIONS.published, NOMINATIONS.revoked, NOMINATIONS.voting, NOMINATIONS.approved];
  for (const n of voted) await bus.execute(new ClosePublicNoticeCommand({ nominationId: n.id }, meta(PEOPLE.secretary)));
  clock.now = AT.council;
  await bus.execute(new OpenSessionCommand({ councilId: COUNCIL, sessionId: SESSION, present: MEMBERS.map((m) => m.memberId) }, meta(PEOPLE.secretary)));
  for (const n of voted) await bus.execute(new OpenVotingCommand({ nominationId: n.id, sessionId: SESSION }, meta(PEOPLE.secretary)));
  for (const n of [NOMINATIONS.published, NOMINATIONS.revoked, NOMINATIONS.approved]) {
    for (const member of ['m-1', 'm-2', 'm-3', 'm-4']) {
      await bus.execute(new CastBallotCommand({ nominationId: n.id, sessionId: SESSION, choice: 'yes' }, meta(PEOPLE.member(member))));
    }
    await bus.execute(new CloseVotingCommand({ nominationId: n.id, sessionId: SESSION }, meta(PEOPLE.secretary)));
  }
  clock.now = AT.decision;
  for (const n of [NOMINATIONS.published, NOMINATIONS.revoked, NOMINATIONS.approved]) {
    await bus.execute(new ApproveNominationCommand({ nominationId: n.id, decisionNumber: n.decision, decisionDate: '2026-10-12' }, meta(PEOPLE.approver)));
  }
  clock.now = AT.published;
  await bus.execute(new PublishNominationCommand({ nominationId: NOMINATIONS.published.id, honourListId: 'hl-2026', rank: 1 }, meta(PEOPLE.publisher)));
  await bus.execute(new PublishNominationCommand({ nominationId: NOMINATIONS.revoked.id, honourListId: 'hl-2026', rank: 2 }, meta(PEOPLE.publisher)));
  clock.now = AT.revoked;
  await bus.execute(
    new RevokeAwardCommand({ nominationId: NOMINATIONS.revoked.id, legalGround: 'Thành tích kê khai không trung thực', decisionNumber: '1300/QĐ-UBND', decisionDate: '2026-10-14' }, meta(PEOPLE.publisher)),
  );
  clock.now = AT.browsing;
}
