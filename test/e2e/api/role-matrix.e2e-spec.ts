import { ROLES, type Role } from '@vinhdanh/domain';
import { registeredRoutes, startTestApi, type TestApi } from './support/test-api';

type Access = { public: true } | { public: false; roles: Role[] };
interface Operation {
  method: string;
  path: string;
  access?: Access;
}

const STAFF: Role[] = ['unit_officer', 'evaluator', 'council_member', 'council_secretary', 'approver', 'publisher', 'auditor', 'admin'];
const COUNCIL_AND_OVERSIGHT: Role[] = ['council_member', 'council_secretary', 'approver', 'publisher', 'auditor', 'admin'];

/**
 * The access policy, written out: a change to who may call an endpoint, or a new endpoint,
 * fails here until this table says so too.
 */
const POLICY: Record<string, Role[] | 'public'> = {
  'POST /campaigns': ['admin'],
  'POST /campaigns/{campaignId}/phase': ['admin', 'council_secretary'],
  'POST /campaigns/{campaignId}/close': ['admin'],
  'POST /campaigns/{campaignId}/quota-slots': ['approver'],
  'POST /campaigns/{campaignId}/quota-slots/{nominationId}/release': ['approver', 'publisher', 'admin'],
  'POST /campaigns/{campaignId}/missed-deadlines': ['admin'],
  'POST /councils': ['admin'],
  'POST /councils/{councilId}/members': ['admin'],
  'POST /councils/{councilId}/members/{memberId}/removal': ['admin'],
  'POST /councils/{councilId}/sessions': ['council_secretary'],
  'POST /councils/{councilId}/sessions/{sessionId}/close': ['council_secretary'],
  'POST /nominations/pledges': ['unit_officer'],
  'POST /nominations': ['unit_officer'],
  'POST /nominations/{nominationId}/return': ['evaluator', 'council_secretary'],
  'POST /nominations/{nominationId}/resubmission': ['unit_officer'],
  'POST /nominations/{nominationId}/withdrawal': ['unit_officer', 'admin'],
  'POST /nominations/{nominationId}/missed-deadlines': ['admin'],
  'POST /nominations/{nominationId}/evaluators': ['council_secretary', 'admin'],
  'POST /nominations/{nominationId}/scores': ['evaluator'],
  'POST /nominations/{nominationId}/public-notice': ['council_secretary'],
  'POST /nominations/{nominationId}/objections': 'public',
  'POST /nominations/{nominationId}/objections/{objectionId}/resolution': ['council_secretary'],
  'POST /nominations/{nominationId}/public-notice/close': ['council_secretary'],
  'POST /nominations/{nominationId}/conflicts': ['council_member'],
  'POST /nominations/{nominationId}/voting': ['council_secretary'],
  'POST /nominations/{nominationId}/ballots': ['council_member'],
  'POST /nominations/{nominationId}/voting/close': ['council_secretary'],
  'POST /nominations/{nominationId}/approval': ['approver'],
  'POST /nominations/{nominationId}/rejection': ['approver'],
  'POST /nominations/{nominationId}/publication': ['publisher'],
  'POST /nominations/{nominationId}/revocation': ['approver', 'publisher'],
  'GET /campaigns/{campaignId}/honour-list': 'public',
  'GET /honour-list/{nominationId}': 'public',
  'GET /campaigns/{campaignId}/public-notices': 'public',
  'GET /ledger/checkpoints/latest': 'public',
  'GET /ledger/checkpoints/{size}': 'public',
  'GET /ledger/keys': 'public',
  'GET /ledger/consistency': 'public',
  'GET /ledger/inclusion': 'public',
  'GET /honour-list/{nominationId}/proof': 'public',
  'GET /nominations/{nominationId}/dossier': STAFF,
  'GET /campaigns/{campaignId}/dossiers': STAFF,
  'GET /nominations/{nominationId}/tallies': COUNCIL_AND_OVERSIGHT,
  'GET /campaigns/{campaignId}/tallies': COUNCIL_AND_OVERSIGHT,
  'GET /audit-trail': ['auditor', 'admin'],
  'GET /campaigns/{campaignId}/progress': STAFF,
  'GET /campaigns/{campaignId}/fairness': ['auditor', 'admin', 'approver', 'council_secretary'],
  'GET /nominations/{nominationId}/fairness': ['auditor', 'admin', 'approver', 'council_secretary'],
  'GET /health': 'public',
  'GET /metrics': 'public',
};

const DOCS_ROUTES = /^\/docs(-json|-yaml|\/|$)/;
/** The web pages (apps/api/src/web) sign people in with their own session and test their access themselves. */
const WEB_PAGES = /^\/pages(\/|$)/;

/** OpenAPI paths use {name}; fastify uses :name. */
const toFastifyPath = (path: string) => path.replace(/\{([^}]+)\}/g, ':$1');

describe('who may call what: every endpoint × every role, and anonymous', () => {
  let api: TestApi;
  let operations: Operation[];
  beforeAll(async () => {
    api = await startTestApi({ config: { publicRateLimit: 100_000 } });
    const document = (await api.app.inject({ method: 'GET', url: '/docs-json' })).json();
    operations = [];
    for (const [path, item] of Object.entries<Record<string, { 'x-access'?: Access }>>(document.paths)) {
      if (WEB_PAGES.test(path)) continue;
      for (const [method, operation] of Object.entries(item)) {
        operations.push({ method: method.toUpperCase(), path, access: operation['x-access'] });
      }
    }
  });
  afterAll(async () => {
    await api.close();
  });

  it('documents every route the server serves, each with a declared access', () => {
    const documented = new Set(operations.map((o) => `${o.method} ${toFastifyPath(o.path)}`));
    const served = registeredRoutes(api.app).filter((r) => r.method !== 'HEAD' && !DOCS_ROUTES.test(r.url) && !WEB_PAGES.test(r.url) && r.url !== '*');
    expect(served.length).toBeGreaterThan(30);
    for (const route of served) expect(documented).toContain(`${route.method} ${route.url}`);
    for (const operation of operations) expect(operation.access).toBeDefined();
  });

  it('declares exactly the access policy above', () => {
    const declared = Object.fromEntries(
      operations.map((o) => [`${o.method} ${o.path}`, o.access?.public ? 'public' : [...(o.access?.roles ?? [])].sort()]),
    );
    const expected = Object.fromEntries(Object.entries(POLICY).map(([k, v]) => [k, v === 'public' ? v : [...v].sort()]));
    expect(declared).toEqual(expected);
  });

  it('lets exactly the declared roles through the access check', async () => {
    const callers: (Role | 'anonymous')[] = [...ROLES, 'anonymous'];
    const mismatches: string[] = [];
    for (const operation of operations) {
      const url = operation.path.replace(/\{[^}]+\}/g, 'x-1');
      for (const caller of callers) {
        const headers: Record<string, string> = {};
        if (caller !== 'anonymous') headers.authorization = `Bearer ${await api.token(caller, `matrix-${caller}`, 'u-matrix')}`;
        if (operation.method !== 'GET') headers['content-type'] = 'application/json';
        const response = await api.app.inject({ method: operation.method as 'GET' | 'POST', url, headers, payload: operation.method === 'GET' ? undefined : '{}' });
        const body = String(response.headers['content-type']).includes('json') ? response.json() : {};
        const deniedByAccess = response.statusCode === 401 || (response.statusCode === 403 && Array.isArray(body.requiredRoles));
        const access = operation.access!;
        const allowed = access.public || (caller !== 'anonymous' && access.roles.includes(caller));
        if (allowed === deniedByAccess) mismatches.push(`${operation.method} ${operation.path} as ${caller}: ${response.statusCode} ${body.code}`);
        if (!allowed) expect([401, 403]).toContain(response.statusCode);
        if (caller === 'anonymous' && !allowed) expect(response.statusCode).toBe(401);
        expect(response.statusCode).toBeLessThan(500);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('refuses tokens that do not verify with a 401, even on public endpoints', async () => {
    const good = await api.token('admin', 'admin-1');
    const [header, payload] = good.split('.');
    const forged = `${header}.${payload}.${'A'.repeat(43)}`;
    for (const authorization of [`Bearer ${forged}`, 'Bearer not-a-token', 'Basic YWRtaW46YWRtaW4=', `Bearer ${good}x`]) {
      const response = await api.app.inject({ method: 'GET', url: '/health', headers: { authorization } });
      expect(response.statusCode).toBe(401);
      expect(response.json().code).toBe('UNAUTHENTICATED');
    }
  });
});
