import {
  AssignEvaluatorCommand,
  CastBallotCommand,
  ClosePublicNoticeCommand,
  ConstituteCouncilCommand,
  OpenCampaignCommand,
  OpenPublicNoticeCommand,
  OpenSessionCommand,
  OpenVotingCommand,
  ScoreEvaluationCommand,
  SubmitNominationCommand,
  type Workflow,
} from '@vinhdanh/application';
import type { CampaignSchedule, CommandMetadata, CouncilMember } from '@vinhdanh/domain';

const DAY = 24 * 3600_000;
export const NOMINEE_UNIT = 'u-health';
export const MEMBERS: CouncilMember[] = [
  { memberId: 'm-1', name: 'Member One', councilRole: 'chair', unitId: 'u-ppc' },
  { memberId: 'm-2', name: 'Member Two', councilRole: 'vice_chair', unitId: 'u-a' },
  { memberId: 'm-3', name: 'Member Three', councilRole: 'secretary', unitId: 'u-b' },
  { memberId: 'm-4', name: 'Member Four', councilRole: 'member', unitId: 'u-c' },
];
type Actor = CommandMetadata['actor'];
export const ACTORS = {
  admin: { id: 'admin-1', roles: ['admin'] },
  officer: { id: 'officer-1', roles: ['unit_officer'], unit: NOMINEE_UNIT },
  eval1: { id: 'eval-1', roles: ['evaluator'], unit: 'u-board' },
  eval2: { id: 'eval-2', roles: ['evaluator'], unit: 'u-board' },
  secretary: { id: 'sec-1', roles: ['council_secretary'], unit: 'u-board' },
  approver: { id: 'chair-1', roles: ['approver'], unit: 'u-ppc' },
  publisher: { id: 'pub-1', roles: ['publisher'], unit: 'u-board' },
} satisfies Record<string, Actor>;
export const member = (id: string): Actor => ({ id, roles: ['council_member'], unit: MEMBERS.find((m) => m.memberId === id)?.unitId });

/**
 * A season that really ran weeks ago: every step up to the council lies in the past (commands
 * carry their own clock), and the decision deadline is whatever instant the test needs, so a
 * timer can be watched firing on the wall clock.
 */
export class Season {
  readonly campaignId = `c-${Math.random().toString(36).slice(2, 8)}`;
  readonly councilId = `${this.campaignId}-council`;
  readonly t0 = Date.now();
  readonly schedule: CampaignSchedule;
  private seq = 0;

  constructor(
    private readonly workflow: Workflow,
    decisionDeadline: Date,
    publicationDeadline = new Date(Math.max(decisionDeadline.getTime(), this.t0) + DAY),
  ) {
    const at = (days: number) => this.ago(days);
    this.schedule = {
      pledgeDeadline: at(60),
      nominationDeadline: at(50),
      evaluationDeadline: at(40),
      noticeStart: at(35),
      noticeEnd: at(20),
      councilSessionAt: at(10),
      decisionDeadline: decisionDeadline.toISOString(),
      publicationDeadline: publicationDeadline.toISOString(),
    };
  }

  ago(days: number): string {
    return new Date(this.t0 - days * DAY).toISOString();
  }

  meta(actor: Actor, now: string, idempotencyKey?: string): CommandMetadata {
    return { actor, now, correlationId: `e2e-${++this.seq}`, ...(idempotencyKey ? { idempotencyKey } : {}) };
  }

  private get bus() {
    return this.workflow.commandBus;
  }

  async openCampaign(): Promise<void> {
    await this.bus.execute(new ConstituteCouncilCommand({ councilId: this.councilId, name: 'Provincial council', members: MEMBERS }, this.meta(ACTORS.admin, this.ago(70))));
    await this.bus.execute(
      new OpenCampaignCommand(
        { campaignId: this.campaignId, name: 'Emulation (e2e)', year: new Date(this.t0).getUTCFullYear(), councilId: this.councilId, schedule: this.schedule },
        this.meta(ACTORS.admin, this.ago(70)),
      ),
    );
  }

  /** Submitted, evaluated by two, through a public notice of its full length. */
  async toNoticeClosed(nominationId: string): Promise<void> {
    const n = { nominationId };
    await this.bus.execute(
      new SubmitNominationCommand(
        {
          ...n,
          campaignId: this.campaignId,
          awardCode: 'chair_certificate_of_merit',
          nomineeId: `p-${nominationId}`,
          nomineeName: 'Nguyễn Văn A',
          nomineeUnitId: NOMINEE_UNIT,
          nomineeRole: 'direct_worker',
          achievements: ['Led the vaccination drive'],
          evidence: [{ name: 'report.pdf', sha256: 'a'.repeat(64), mediaType: 'application/pdf' }],
        },
        this.meta(ACTORS.officer, this.ago(55)),
      ),
    );
    await this.toEvaluatorsAssigned(nominationId);
    const scores = ['task_completion', 'initiative', 'ethics_discipline'].map((criterionCode) => ({ criterionCode, score: 90 }));
    for (const e of [ACTORS.eval1, ACTORS.eval2]) await this.bus.execute(new ScoreEvaluationCommand({ ...n, scores }, this.meta(e, this.ago(44))));
    await this.bus.execute(new OpenPublicNoticeCommand(n, this.meta(ACTORS.secretary, this.ago(34))));
    await this.bus.execute(new ClosePublicNoticeCommand(n, this.meta(ACTORS.secretary, this.ago(21))));
  }

  async toEvaluatorsAssigned(nominationId: string): Promise<void> {
    for (const e of [ACTORS.eval1, ACTORS.eval2]) {
      await this.bus.execute(new AssignEvaluatorCommand({ nominationId, evaluatorId: e.id, evaluatorUnitId: e.unit }, this.meta(ACTORS.secretary, this.ago(45))));
    }
  }

  async openVoting(nominationId: string, sessionId = 's-1'): Promise<void> {
    await this.bus.execute(
      new OpenSessionCommand({ councilId: this.councilId, sessionId, present: MEMBERS.map((m) => m.memberId) }, this.meta(ACTORS.secretary, this.ago(5))),
    );
    await this.bus.execute(new OpenVotingCommand({ nominationId, sessionId }, this.meta(ACTORS.secretary, this.ago(5))));
  }

  async vote(nominationId: string, memberIds: string[], sessionId = 's-1'): Promise<void> {
    for (const id of memberIds) {
      await this.bus.execute(new CastBallotCommand({ nominationId, sessionId, choice: 'yes' }, this.meta(member(id), this.ago(5))));
    }
  }
}
