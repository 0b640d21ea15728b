import type { CouncilMember, Role } from '@vinhdanh/domain';
import type { TestApi } from './test-api';

/** One campaign year, as in the domain's fixtures: times are UTC, inside each phase. */
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
  pledging: '2026-02-02T02:00:00Z',
  nominating: '2026-05-04T02:00:00Z',
  evaluating: '2026-07-06T02:00:00Z',
  /** Monday 7 September 2026. */
  notice: '2026-09-07T02:00:00Z',
  noticeOver: '2026-09-21T02:00:00Z',
  council: '2026-10-05T02:00:00Z',
  decision: '2026-10-12T02:00:00Z',
  publication: '2026-11-02T02:00:00Z',
};

export const NOMINEE_UNIT = 'u-health';
export const MEMBERS: CouncilMember[] = [
  { memberId: 'm-1', name: 'Member One', councilRole: 'chair', unitId: 'u-ppc' },
  { memberId: 'm-2', name: 'Member Two', councilRole: 'vice_chair', unitId: 'u-a' },
  { memberId: 'm-3', name: 'Member Three', councilRole: 'secretary', unitId: 'u-b' },
  { memberId: 'm-4', name: 'Member Four', councilRole: 'member', unitId: 'u-c' },
  { memberId: 'm-5', name: 'Member Five', councilRole: 'member', unitId: NOMINEE_UNIT },
];

export const AWARD = 'chair_certificate_of_merit';
export const SHA = (n: number) => n.toString(16).padStart(64, '0');

/** A clock the test moves, so deadlines and notice periods can pass. */
export class TestClock {
  constructor(public now = AT.opening) {}
  readonly read = () => this.now;
}

export interface Caller {
  role: Role;
  sub: string;
  unit?: string;
}

export const CALLERS = {
  admin: { role: 'admin', sub: 'admin-1' },
  officer: { role: 'unit_officer', sub: 'officer-1', unit: NOMINEE_UNIT },
  eval1: { role: 'evaluator', sub: 'eval-1', unit: 'u-board' },
  eval2: { role: 'evaluator', sub: 'eval-2', unit: 'u-board' },
  secretary: { role: 'council_secretary', sub: 'sec-1', unit: 'u-board' },
  approver: { role: 'approver', sub: 'chair-1', unit: 'u-ppc' },
  publisher: { role: 'publisher', sub: 'pub-1', unit: 'u-board' },
  auditor: { role: 'auditor', sub: 'aud-1', unit: 'u-inspect' },
  member: (memberId: string): Caller => ({ role: 'council_member', sub: memberId, unit: MEMBERS.find((m) => m.memberId === memberId)?.unitId }),
} as const;

export interface Sent {
  statusCode: number;
  body: Record<string, unknown>;
  headers: Record<string, unknown>;
}

/** Sends one request as `caller` (or anonymously), with an optional Idempotency-Key. */
export async function send(
  api: TestApi,
  caller: Caller | null,
  method: 'GET' | 'POST',
  url: string,
  payload?: unknown,
  headers: Record<string, string> = {},
): Promise<Sent> {
  const auth = caller ? { authorization: `Bearer ${await api.token(caller.role, caller.sub, caller.unit)}` } : {};
  const response = await api.app.inject({
    method,
    url,
    headers: { ...auth, ...(payload !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    payload: payload === undefined ? undefined : JSON.stringify(payload),
  });
  let body: Record<string, unknown> = {};
  try {
    body = response.json();
  } catch {
    body = { raw: response.body };
  }
  return { statusCode: response.statusCode, body, headers: response.headers };
}

async function ok(sent: Promise<Sent>, what: string): Promise<Sent> {
  const result = await sent;
  if (result.statusCode >= 300) throw new Error(`${what} answered ${result.statusCode}: ${JSON.stringify(result.body)}`);
  return result;
}

/**
 * A campaign and council, and one nomination driven through the API up to an open vote in
 * session s-1 (m-5 shares the nominee's unit and is recused), ready for ballots.
 */
export async function seasonUpToVoting(api: TestApi, clock: TestClock, ids: { campaignId: string; councilId: string; nominationId: string; nomineeId?: string; withCampaign?: boolean; until?: 'notice_open' | 'voting_open' }) {
  const { campaignId, councilId, nominationId } = ids;
  if (ids.withCampaign ?? true) {
    clock.now = AT.opening;
    await ok(send(api, CALLERS.admin, 'POST', '/councils', { councilId, name: 'Provincial council', members: MEMBERS }), 'constitute council');
    await ok(send(api, CALLERS.admin, 'POST', '/campaigns', { campaignId, name: 'Emulation 2026', year: 2026, councilId, schedule: SCHEDULE }), 'open campaign');
  }
  clock.now = AT.nominating;
  await ok(
    send(api, CALLERS.officer, 'POST', '/nominations', {
      nominationId,
      campaignId,
      awardCode: AWARD,
      nomineeId: ids.nomineeId ?? `p-${nominationId}`,
      nomineeName: 'Nguyễn Văn A',
      nomineeUnitId: NOMINEE_UNIT,
      nomineeRole: 'direct_worker',
      achievements: ['Sáng kiến cấp tỉnh'],
      evidence: [{ name: 'report.pdf', sha256: SHA(1), mediaType: 'application/pdf' }],
    }),
    'submit',
  );
  clock.now = AT.evaluating;
  for (const evaluator of [CALLERS.eval1, CALLERS.eval2]) {
    await ok(send(api, CALLERS.secretary, 'POST', `/nominations/${nominationId}/evaluators`, { evaluatorId: evaluator.sub, evaluatorUnitId: evaluator.unit }), 'assign');
  }
  const scores = [
    { criterionCode: 'task_completion', score: 90 },
    { criterionCode: 'initiative', score: 90 },
    { criterionCode: 'ethics_discipline', score: 90 },
  ];
  for (const evaluator of [CALLERS.eval1, CALLERS.eval2]) {
    await ok(send(api, evaluator, 'POST', `/nominations/${nominationId}/scores`, { scores }), 'score');
  }
  clock.now = AT.notice;
  await ok(send(api, CALLERS.secretary, 'POST', `/nominations/${nominationId}/public-notice`), 'open notice');
  if (ids.until === 'notice_open') return;
  clock.now = AT.noticeOver;
  await ok(send(api, CALLERS.secretary, 'POST', `/nominations/${nominationId}/public-notice/close`), 'close notice');
  clock.now = AT.council;
  if (ids.withCampaign ?? true) {
    await ok(send(api, CALLERS.secretary, 'POST', `/councils/${councilId}/sessions`, { sessionId: 's-1', present: MEMBERS.map((m) => m.memberId) }), 'open session');
  }
  await ok(send(api, CALLERS.secretary, 'POST', `/nominations/${nominationId}/voting`, { sessionId: 's-1' }), 'open voting');
}
