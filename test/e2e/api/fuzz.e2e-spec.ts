import fc from 'fast-check';
import { ROLES } from '@vinhdanh/domain';
import { MEMBERS, TestClock, seasonUpToVoting } from './support/season';
import { startTestApi, type TestApi } from './support/test-api';

interface CommandOperation {
  path: string;
  properties: string[];
}

type Schema = { properties?: Record<string, unknown>; $ref?: string };

/**
 * Random JSON thrown at every command endpoint, by a caller holding every role, after a season
 * has put real records in place: whatever comes back, it is never a 5xx.
 */
describe('fuzzing the command endpoints', () => {
  const clock = new TestClock();
  let api: TestApi;
  let operations: CommandOperation[];
  let token: string;
  beforeAll(async () => {
    api = await startTestApi({ clock: clock.read, config: { publicRateLimit: 100_000 } });
    await seasonUpToVoting(api, clock, { campaignId: 'c-fz', councilId: 'council-fz', nominationId: 'n-fz' });
    token = await api.token([...ROLES], 'm-1', 'u-health');
    const document = (await api.app.inject({ method: 'GET', url: '/docs-json' })).json();
    const schemas: Record<string, Schema> = document.components?.schemas ?? {};
    operations = [];
    for (const [path, item] of Object.entries<Record<string, { 'x-command'?: string; requestBody?: { content: Record<string, { schema: Schema }> } }>>(document.paths)) {
      const post = item.post;
      if (!post?.['x-command']) continue;
      const schema = post.requestBody?.content['application/json']?.schema;
      const resolved = schema?.$ref ? schemas[schema.$ref.split('/').pop() as string] : schema;
      operations.push({ path, properties: Object.keys(resolved?.properties ?? {}) });
    }
  });
  afterAll(async () => {
    await api.close();
  });

  it('finds every command endpoint in the OpenAPI document', () => {
    expect(operations.length).toBeGreaterThanOrEqual(31);
  });

  it('never answers random JSON with a 5xx', async () => {
    const ids = fc.constantFrom('n-fz', 'c-fz', 'council-fz', 's-1', 'm-1', 'x-1', 'chair_certificate_of_merit');
    const plausible = fc.oneof(
      ids,
      fc.constantFrom('yes', 'no', 'abstain', 'upheld', 'dismissed', 'nominating', 'direct_worker', '2026-10-12', '2026-10-12T02:00:00Z'),
      fc.constantFrom(...MEMBERS.map((m) => m.memberId)),
      fc.integer({ min: -5, max: 200 }),
      fc.jsonValue({ maxDepth: 2 }),
    );
    const bodyFor = (operation: CommandOperation) =>
      fc.oneof(
        { arbitrary: fc.jsonValue({ maxDepth: 3 }), weight: 1 },
        {
          arbitrary: fc.dictionary(operation.properties.length ? fc.oneof(fc.constantFrom(...operation.properties), fc.string()) : fc.string(), plausible, {
            maxKeys: 8,
          }),
          weight: 3,
        },
      );
    const request = fc
      .nat({ max: operations.length - 1 })
      .chain((i) => fc.tuple(fc.constant(operations[i]), bodyFor(operations[i]), ids));
    await fc.assert(
      fc.asyncProperty(request, async ([operation, body, id]) => {
        const url = operation.path.replace(/\{[^}]+\}/g, id);
        const response = await api.app.inject({
          method: 'POST',
          url,
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          payload: JSON.stringify(body),
        });
        if (response.statusCode >= 500) throw new Error(`${url} ${JSON.stringify(body)} → ${response.statusCode} ${response.body}`);
        expect(response.headers['content-type']).toMatch(/json/);
      }),
      { numRuns: 200 },
    );
  });
});
