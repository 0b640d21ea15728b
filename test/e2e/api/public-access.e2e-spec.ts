import { nominationStream } from '@vinhdanh/domain';
import { TestClock, seasonUpToVoting, send } from './support/season';
import { startTestApi, type TestApi } from './support/test-api';

describe('the public, without a token', () => {
  const clock = new TestClock();
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({ clock: clock.read, config: { publicRateLimit: 4 } });
    await seasonUpToVoting(api, clock, { campaignId: 'c-pub', councilId: 'council-pub', nominationId: 'n-pub', until: 'notice_open' });
  });
  afterAll(async () => {
    await api.close();
  });

  it('files an objection; the log keeps a reference and a commitment, never the contact details', async () => {
    const filed = await send(api, null, 'POST', '/nominations/n-pub/objections', {
      summary: 'Thành tích kê khai chưa chính xác',
      filer: { name: 'Lê Văn C', contact: 'levanc@example.vn' },
    });
    expect(filed.statusCode).toBe(201);
    expect(filed.body).toMatchObject({ objectionId: expect.any(String), filerRef: expect.any(String) });
    const events = [];
    for await (const event of api.store.readStream(nominationStream('n-pub'))) events.push(event);
    const objection = events.find((e) => e.type === 'ObjectionFiled');
    expect(objection?.data).toMatchObject({ filerRef: filed.body.filerRef, filerCommitment: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(JSON.stringify(events)).not.toContain('levanc@example.vn');
    expect(JSON.stringify(events)).not.toContain('Lê Văn C');
    expect(api.logs.join('\n')).not.toContain('levanc@example.vn');
  });

  it('reads the open public notices, without contact details or objection texts', async () => {
    await api.catchUpReadModels();
    const notices = await send(api, null, 'GET', '/campaigns/c-pub/public-notices');
    expect(notices.statusCode).toBe(200);
    expect(notices.body).toEqual([expect.objectContaining({ nominationId: 'n-pub', objectionsFiled: 1, endDate: expect.any(String) })]);
    expect(JSON.stringify(notices.body)).not.toMatch(/levanc|chưa chính xác/);
  });

  it('is refused commands that need a role with 401', async () => {
    const response = await send(api, null, 'POST', '/nominations/n-pub/ballots', { sessionId: 's-1', choice: 'yes' });
    expect(response.statusCode).toBe(401);
    expect(response.body.code).toBe('UNAUTHENTICATED');
  });

  it('is rate limited (429 problem) while /health stays reachable', async () => {
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push(await send(api, null, 'GET', '/campaigns/c-pub/honour-list'));
    const limited = answers.find((a) => a.statusCode === 429);
    expect(limited?.body).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
    expect((await send(api, null, 'GET', '/health')).statusCode).not.toBe(429);
  });
});
