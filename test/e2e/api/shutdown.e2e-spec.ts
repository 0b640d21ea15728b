import { CALLERS, MEMBERS } from './support/season';
import { requestHash, startTestApi, type TestApi } from './support/test-api';

/**
 * A request held in flight (it waits on an idempotency key another request is still
 * processing) while the app closes: the close waits for it, and it gets its full answer.
 */
describe('graceful shutdown', () => {
  let api: TestApi;
  let reachedHandler: () => void;
  const inHandler = new Promise<void>((resolve) => (reachedHandler = resolve));
  beforeAll(async () => {
    api = await startTestApi({
      listen: true,
      clock: () => {
        reachedHandler();
        return '2026-01-05T02:00:00Z';
      },
    });
  });
  afterAll(async () => {
    await api.close();
  });

  it('drains an in-flight request before closing', async () => {
    const body = { councilId: 'drain', name: 'Council', members: MEMBERS };
    await api.sql.execute(
      `INSERT INTO api_idempotency_keys (scope, idem_key, request_hash, state, created_at) VALUES (?, ?, ?, 'pending', ?)`,
      // Claimed now by the wall clock (the gate's clock for claims): an older claim would count as
      // abandoned and be taken over, and the request would run instead of waiting.
      [CALLERS.admin.sub, 'drain-key', requestHash('POST', '/councils', body), new Date().toISOString()],
    );
    const url = `${await api.app.getUrl()}/councils`;
    const token = await api.token('admin', CALLERS.admin.sub);
    const answer = fetch(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': 'drain-key' },
      body: JSON.stringify(body),
    });
    await inHandler;
    const closing = api.app.close();
    // The first request "finishes" only now, after the close began.
    await api.sql.execute(`UPDATE api_idempotency_keys SET state = 'done', status_code = 201, response = ? WHERE idem_key = ?`, [
      JSON.stringify({ drained: true }),
      'drain-key',
    ]);
    const response = await answer;
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ drained: true });
    await closing;
    await expect(fetch(url)).rejects.toThrow();
  });
});
