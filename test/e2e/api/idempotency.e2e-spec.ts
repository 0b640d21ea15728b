import { CALLERS, MEMBERS, send } from './support/season';
import { startTestApi, type TestApi } from './support/test-api';

describe('Idempotency-Key', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(async () => {
    await api.close();
  });

  const council = (councilId: string) => ({ councilId, name: 'Provincial council', members: MEMBERS });

  it('answers a retry with the first response and writes nothing more, even after a restart', async () => {
    const first = await send(api, CALLERS.admin, 'POST', '/councils', council('k-1'), { 'idempotency-key': 'key-1' });
    expect(first.statusCode).toBe(201);
    const written = await api.eventCount();

    const retry = await send(api, CALLERS.admin, 'POST', '/councils', council('k-1'), { 'idempotency-key': 'key-1' });
    expect(retry.statusCode).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(await api.eventCount()).toBe(written);

    await api.restart();
    const afterRestart = await send(api, CALLERS.admin, 'POST', '/councils', council('k-1'), { 'idempotency-key': 'key-1' });
    expect(afterRestart.statusCode).toBe(201);
    expect(afterRestart.body).toEqual(first.body);
    expect(await api.eventCount()).toBe(written);
  });

  it('refuses the same key with a different body (422 IDEMPOTENCY_KEY_REUSED)', async () => {
    await send(api, CALLERS.admin, 'POST', '/councils', council('k-2'), { 'idempotency-key': 'key-2' });
    const written = await api.eventCount();
    const reused = await send(api, CALLERS.admin, 'POST', '/councils', council('k-2-other'), { 'idempotency-key': 'key-2' });
    expect(reused.statusCode).toBe(422);
    expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await api.eventCount()).toBe(written);
  });

  it('scopes keys by actor: another caller\'s key does not replay someone else\'s answer', async () => {
    const other = { role: 'admin', sub: 'admin-2' } as const;
    const mine = await send(api, other, 'POST', '/councils', council('k-3'), { 'idempotency-key': 'key-1' });
    expect(mine.statusCode).toBe(201);
    expect(mine.headers['idempotent-replayed']).toBeUndefined();
  });

  it('lets concurrent duplicates through once: every answer is the same and one event is written', async () => {
    const before = await api.eventCount();
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => send(api, CALLERS.admin, 'POST', '/councils', council('k-4'), { 'idempotency-key': 'key-4' })),
    );
    const statuses = new Set(answers.map((a) => a.statusCode));
    expect([...statuses].every((s) => s === 201 || s === 409)).toBe(true);
    const accepted = answers.filter((a) => a.statusCode === 201);
    expect(accepted.length).toBeGreaterThanOrEqual(1);
    for (const answer of accepted) expect(answer.body).toEqual(accepted[0].body);
    expect(await api.eventCount()).toBe(before + 1);
  });

  it('runs a command again when its first attempt was refused (nothing was written, nothing is replayed)', async () => {
    const refused = await send(api, CALLERS.admin, 'POST', '/councils', { ...council('k-5'), members: [] }, { 'idempotency-key': 'key-5' });
    expect(refused.statusCode).toBe(400);
    const before = await api.eventCount();
    const fixed = await send(api, CALLERS.admin, 'POST', '/councils', council('k-5'), { 'idempotency-key': 'key-5' });
    expect(fixed.statusCode).toBe(201);
    expect(fixed.headers['idempotent-replayed']).toBeUndefined();
    expect(await api.eventCount()).toBe(before + 1);
  });

  it('refuses a malformed key with a 400 naming the header', async () => {
    const bad = await send(api, CALLERS.admin, 'POST', '/councils', council('k-6'), { 'idempotency-key': 'x'.repeat(300) });
    expect(bad.statusCode).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'Idempotency-Key' })]);
  });
});
