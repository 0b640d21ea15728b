import { fold } from '../shared/decider';
import { isDomainError } from '../shared/domain-error';
import type { CommandMetadata } from '../shared/command-metadata';
import { defaultCatalog } from '../catalog/default-catalog';
import type { AwardCatalog } from '../catalog/award-catalog';
import { evolveCampaign, initialCampaignState, type CampaignEvent, type CampaignOpened, type CampaignSchedule, type CampaignState } from '../campaign/campaign-events';
import { evolveCouncil, initialCouncilState, type CouncilConstituted, type CouncilEvent, type CouncilMember, type CouncilState } from '../council/council-events';
import type { NominationCommand } from '../nomination/nomination-commands';
import type { NominationContext } from '../nomination/nomination-context';
import type { NominationEvent } from '../nomination/nomination-events';
import { decideNomination } from '../nomination/nomination-decider';
import { evolveNomination, initialNominationState } from '../nomination/nomination-state';

/** Test data for the deciders: one campaign year (2026), one council, actors with roles. */

export const CAMPAIGN_ID = 'c-2026';
export const COUNCIL_ID = 'council-prov';
export const NOMINATION_ID = 'n-1';
export const NOMINEE_UNIT = 'u-health';

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

/** Moments inside each phase (UTC; local time is UTC+7). */
export const AT = {
  pledging: '2026-02-02T02:00:00Z',
  nominating: '2026-05-04T02:00:00Z',
  evaluating: '2026-07-06T02:00:00Z',
  /** Monday 7 September 2026, 09:00 local. */
  notice: '2026-09-07T02:00:00Z',
  council: '2026-10-05T02:00:00Z',
  publication: '2026-11-02T02:00:00Z',
};

export type Who = CommandMetadata['actor'];
export const ACTORS = {
  admin: { id: 'admin-1', roles: ['admin'] },
  officer: { id: 'officer-1', roles: ['unit_officer'], unit: NOMINEE_UNIT },
  otherOfficer: { id: 'officer-2', roles: ['unit_officer'], unit: 'u-finance' },
  eval1: { id: 'eval-1', roles: ['evaluator'], unit: 'u-board' },
  eval2: { id: 'eval-2', roles: ['evaluator'], unit: 'u-board' },
  eval3: { id: 'eval-3', roles: ['evaluator'], unit: 'u-board' },
  secretary: { id: 'sec-1', roles: ['council_secretary'], unit: 'u-board' },
  approver: { id: 'chair-1', roles: ['approver'], unit: 'u-ppc' },
  publisher: { id: 'pub-1', roles: ['publisher'], unit: 'u-board' },
  public: { id: 'public', roles: [] },
} satisfies Record<string, Who>;

export const MEMBERS: CouncilMember[] = [
  { memberId: 'm-1', name: 'Member One', councilRole: 'chair', unitId: 'u-ppc' },
  { memberId: 'm-2', name: 'Member Two', councilRole: 'vice_chair', unitId: 'u-a' },
  { memberId: 'm-3', name: 'Member Three', councilRole: 'secretary', unitId: 'u-b' },
  { memberId: 'm-4', name: 'Member Four', councilRole: 'member', unitId: 'u-c' },
  { memberId: 'm-5', name: 'Member Five', councilRole: 'member', unitId: NOMINEE_UNIT },
];
export const memberActor = (memberId: string): Who => ({
  id: memberId,
  roles: ['council_member'],
  unit: MEMBERS.find((m) => m.memberId === memberId)?.unitId,
});

let seq = 0;
export function meta(actor: Who, now: string): CommandMetadata {
  seq += 1;
  return { actor, now, correlationId: `corr-${seq}` };
}

export const campaignOpened = (catalog: AwardCatalog = defaultCatalog(), openedAt = '2026-01-05T02:00:00Z'): CampaignOpened => ({
  type: 'CampaignOpened',
  data: {
    campaignId: CAMPAIGN_ID,
    name: 'Emulation 2026',
    year: 2026,
    councilId: COUNCIL_ID,
    catalogVersion: catalog.version,
    catalog,
    schedule: SCHEDULE,
    openedBy: ACTORS.admin.id,
    openedAt,
  },
});

export const campaignState = (...events: CampaignEvent[]): CampaignState =>
  fold(evolveCampaign, initialCampaignState, events.length ? events : [campaignOpened()]);

export const councilConstituted = (members: CouncilMember[] = MEMBERS, constitutedAt = '2026-01-05T02:00:00Z'): CouncilConstituted => ({
  type: 'CouncilConstituted',
  data: { councilId: COUNCIL_ID, name: 'Provincial council', members, constitutedBy: ACTORS.admin.id, constitutedAt },
});

export const sessionOpened = (present: string[], sessionId = 's-1', members = MEMBERS.length): CouncilEvent => ({
  type: 'SessionOpened',
  data: { councilId: COUNCIL_ID, sessionId, present, memberCount: members, openedBy: ACTORS.secretary.id, openedAt: AT.council },
});

export const councilState = (...events: CouncilEvent[]): CouncilState => fold(evolveCouncil, initialCouncilState, events);

/** A council of MEMBERS in session s-1 with everyone present. */
export const inSession = (present = MEMBERS.map((m) => m.memberId)): CouncilState =>
  councilState(councilConstituted(), sessionOpened(present));

export const SHA = (n: number) => n.toString(16).padStart(64, '0');

/** Runs commands through the decider, failing loudly on a refusal: builds `given` histories. */
export function history(commands: NominationCommand[], context: NominationContext, start: NominationEvent[] = []): NominationEvent[] {
  const events = [...start];
  for (const command of commands) {
    const state = fold(evolveNomination, initialNominationState, events);
    const result = decideNomination(command, state, context);
    if (isDomainError(result)) throw new Error(`fixture step ${command.type} refused: ${result.code} ${result.message}`);
    events.push(...result);
  }
  return events;
}

/** Commands for the happy path of one nomination, in order, step by step. */
export function happyPath(awardCode: string, nominationId = NOMINATION_ID, nominee = { id: 'p-1', name: 'Nguyễn Văn A', unitId: NOMINEE_UNIT }) {
  const officer = { ...ACTORS.officer, unit: nominee.unitId };
  const catalog = defaultCatalog();
  const award = catalog.awardTypes.find((t) => t.code === awardCode)!;
  const individual = award.recipientKind === 'individual';
  const evaluators = [ACTORS.eval1, ACTORS.eval2, ACTORS.eval3].slice(0, award.evaluatorsRequired);
  const fullMarks = award.criteria.map((c) => ({ criterionCode: c.code, score: c.maxScore * 0.9 }));
  const n = { nominationId };
  return {
    pledge: award.requiresPledge
      ? [
          {
            type: 'PledgeNomination',
            data: { ...n, campaignId: CAMPAIGN_ID, awardCode, unitId: nominee.unitId, nomineeId: nominee.id, nomineeName: nominee.name, targets: ['Hoàn thành xuất sắc nhiệm vụ'] },
            metadata: meta(officer, AT.pledging),
          } satisfies NominationCommand,
        ]
      : [],
    submit: [
      {
        type: 'SubmitNomination',
        data: {
          ...n,
          campaignId: CAMPAIGN_ID,
          awardCode,
          nomineeId: nominee.id,
          nomineeName: nominee.name,
          nomineeUnitId: nominee.unitId,
          ...(individual ? { nomineeRole: 'direct_worker' as const } : {}),
          achievements: ['Led the vaccination drive'],
          evidence: [{ name: 'report.pdf', sha256: SHA(1), mediaType: 'application/pdf' }],
        },
        metadata: meta(officer, AT.nominating),
      } satisfies NominationCommand,
    ],
    evaluate: [
      ...evaluators.map(
        (e) =>
          ({
            type: 'AssignEvaluator',
            data: { ...n, evaluatorId: e.id, evaluatorUnitId: e.unit },
            metadata: meta(ACTORS.secretary, AT.evaluating),
          }) satisfies NominationCommand,
      ),
      ...evaluators.map(
        (e) => ({ type: 'ScoreEvaluation', data: { ...n, scores: fullMarks }, metadata: meta(e, AT.evaluating) }) satisfies NominationCommand,
      ),
    ],
    notice: [
      { type: 'OpenPublicNotice', data: n, metadata: meta(ACTORS.secretary, AT.notice) } satisfies NominationCommand,
      { type: 'ClosePublicNotice', data: n, metadata: meta(ACTORS.secretary, '2026-09-20T02:00:00Z') } satisfies NominationCommand,
    ],
    openVoting: [{ type: 'OpenVoting', data: { ...n, sessionId: 's-1' }, metadata: meta(ACTORS.secretary, AT.council) } satisfies NominationCommand],
    award,
  };
}
