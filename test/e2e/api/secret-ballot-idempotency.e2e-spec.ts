import { CALLERS, TestClock, seasonUpToVoting, send } from './support/season';
import { startTestApi, type TestApi } from './support/test-api';

describe('a secret ballot sent with an Idempotency-Key', () => {
  const clock = new TestClock();
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({ clock: clock.read });
    await seasonUpToVoting(api, clock, { campaignId: 'c-sb', councilId: 'council-sb', nominationId: 'n-sb' });
  });
  afterAll(async () => {
    await api.close();
  });

  it('keeps neither the choice (not even hashed) nor the receipt beside the voter, yet a retry gets the same receipt', async () => {
    const headers = { 'idempotency-key': 'ballot-key-1' };
    const first = await send(api, CALLERS.member('m-1'), 'POST', '/nominations/n-sb/ballots', { sessionId: 's-1', choice: 'yes' }, headers);
    expect(first.statusCode).toBe(200);
    const before = await api.eventCount();

    const retry = await send(api, CALLERS.member('m-1'), 'POST', '/nominations/n-sb/ballots', { sessionId: 's-1', choice: 'yes' }, headers);
    expect(retry.statusCode).toBe(200);
    expect(retry.body.receipt).toBe(first.body.receipt);
    expect(await api.eventCount()).toBe(before);

    // With three possible choices, a stored request hash would be reversed by trying each.
    const kept = await api.sql.query<{ request_hash: string; response: string | null }>(
      `SELECT request_hash, response FROM api_idempotency_keys WHERE idem_key = ?`,
      ['ballot-key-1'],
    );
    expect(kept).toEqual([]);
  });
});
