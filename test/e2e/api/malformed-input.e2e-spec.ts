import { CALLERS, TestClock, seasonUpToVoting, send } from './support/season';
import { startTestApi, type TestApi } from './support/test-api';

/** Raw requests: these bodies cannot all be written with JSON.stringify. */
async function raw(api: TestApi, url: string, payload: string, contentType = 'application/json', headers: Record<string, string> = {}) {
  const token = await api.token(CALLERS.member('m-1').role, 'm-1', 'u-ppc');
  const response = await api.app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${token}`, 'content-type': contentType, ...headers }, payload });
  return { statusCode: response.statusCode, contentType: String(response.headers['content-type']), body: response.body };
}

describe('malformed input', () => {
  const clock = new TestClock();
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({ clock: clock.read });
    await seasonUpToVoting(api, clock, { campaignId: 'c-bad', councilId: 'council-bad', nominationId: 'n-bad' });
  });
  afterAll(async () => {
    await api.close();
  });

  const ballots = '/nominations/n-bad/ballots';
  const cases: { name: string; url?: string; payload: string; field?: string }[] = [
    { name: 'JSON cut short', payload: '{"sessionId": "s-1", "choice": ' },
    { name: 'an empty body that says it is JSON', payload: '' },
    { name: 'an array instead of an object', payload: '[{"sessionId":"s-1","choice":"yes"}]' },
    { name: 'a bare string', payload: '"yes"' },
    { name: 'null', payload: 'null' },
    { name: 'a missing field', payload: '{"sessionId":"s-1"}', field: 'choice' },
    { name: 'a field of the wrong type', payload: '{"sessionId":42,"choice":"yes"}', field: 'sessionId' },
    { name: 'a field nobody asked for', payload: '{"sessionId":"s-1","choice":"yes","memberId":"m-2"}', field: 'memberId' },
    { name: 'a value outside the allowed set', payload: '{"sessionId":"s-1","choice":"maybe"}', field: 'choice' },
    { name: 'a prototype-pollution attempt', payload: '{"sessionId":"s-1","choice":"yes","__proto__":{"admin":true}}' },
    { name: 'an id with spaces in the path', url: '/nominations/n%20bad/ballots', payload: '{"sessionId":"s-1","choice":"yes"}', field: 'nominationId' },
    { name: 'an id too long', payload: `{"sessionId":"${'s'.repeat(200)}","choice":"yes"}`, field: 'sessionId' },
  ];

  it.each(cases)('answers $name with a 400 problem and writes nothing', async ({ url, payload, field }) => {
    const before = await api.eventCount();
    const response = await raw(api, url ?? ballots, payload);
    expect(response.statusCode).toBe(400);
    expect(response.contentType).toMatch(/^application\/problem\+json/);
    const problem = JSON.parse(response.body);
    expect(problem).toMatchObject({ status: 400, type: expect.any(String), title: expect.any(String), code: expect.any(String) });
    if (field) expect(problem.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field, reason: expect.any(String) })]));
    expect(response.body).not.toMatch(/\bat .+\.(ts|js):\d+/);
    expect(await api.eventCount()).toBe(before);
  });

  it('names nested fields by their path', async () => {
    const response = await send(api, CALLERS.admin, 'POST', '/councils', {
      councilId: 'x',
      name: 'x',
      members: [{ memberId: 'm-1', name: 'One', councilRole: 'emperor', unitId: 'u' }],
    });
    expect(response.statusCode).toBe(400);
    expect(response.body.errors).toEqual([expect.objectContaining({ field: 'members.0.councilRole' })]);
  });

  it('refuses a body that is not JSON with 415, and a huge one with 413, never a 500', async () => {
    const text = await raw(api, ballots, 'sessionId=s-1&choice=yes', 'text/plain');
    expect(text.statusCode).toBe(415);
    expect(JSON.parse(text.body).code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const huge = await raw(api, ballots, JSON.stringify({ sessionId: 's-1', choice: 'yes', padding: 'x'.repeat(2 * 1024 * 1024) }));
    expect(huge.statusCode).toBe(413);
    expect(JSON.parse(huge.body).code).toBe('BODY_TOO_LARGE');
  });

  it('never echoes a ballot choice in a validation error', async () => {
    const response = await raw(api, ballots, '{"sessionId":7,"choice":"no","extra":"no"}');
    expect(response.statusCode).toBe(400);
    expect(response.body).not.toMatch(/"no"/);
  });
});
