import { CALLERS, send } from './support/season';
import { startTestApi, type TestApi } from './support/test-api';

describe('request logs', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(async () => {
    await api.close();
  });

  it('writes one JSON line per request with the correlation id, and no token', async () => {
    await send(api, CALLERS.admin, 'GET', '/health', undefined, { 'x-correlation-id': 'trace-me-42' });
    const lines = api.logs.filter((l) => l.includes('trace-me-42')).map((l) => JSON.parse(l));
    expect(lines.length).toBeGreaterThanOrEqual(1);
    expect(lines[0]).toMatchObject({ correlationId: 'trace-me-42' });
    expect(api.logs.join('\n')).not.toMatch(/Bearer /);
  });
});
