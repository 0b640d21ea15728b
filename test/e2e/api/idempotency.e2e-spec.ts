import { CommandBus } from '@nestjs/cqrs';
import { ConstituteCouncilCommand } from '@vinhdanh/application';
import { CALLERS, MEMBERS, send } from './support/season';
import { requestHash, startTestApi, type TestApi } from './support/test-api';

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

  it('takes over a key left pending by a process that died mid-request, without writing twice', async () => {
    const body = council('k-7');
    await api.sql.execute(
      `INSERT INTO api_idempotency_keys (scope, idem_key, request_hash, state, created_at) VALUES (?, ?, ?, 'pending', ?)`,
      [CALLERS.admin.sub, 'key-7', requestHash('POST', '/councils', body), '2020-01-01T00:00:00.000Z'],
    );
    const before = await api.eventCount();
    const first = await send(api, CALLERS.admin, 'POST', '/councils', body, { 'idempotency-key': 'key-7' });
    expect(first.statusCode).toBe(201);
    const retry = await send(api, CALLERS.admin, 'POST', '/councils', body, { 'idempotency-key': 'key-7' });
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(await api.eventCount()).toBe(before + 1);
  });

  it('answers as a replay when the process that died had already written the events', async () => {
    const body = council('k-8');
    // What the dead process did: the command went through (its events carry the key), the answer was never recorded.
    await api.app.get(CommandBus).execute(
      new ConstituteCouncilCommand(body, {
        actor: { id: CALLERS.admin.sub, roles: ['admin'] },
        now: '2026-01-05T02:00:00Z',
        correlationId: 'dead-process',
        idempotencyKey: 'key-8',
      }),
    );
    await api.sql.execute(
      `INSERT INTO api_idempotency_keys (scope, idem_key, request_hash, state, created_at) VALUES (?, ?, ?, 'pending', ?)`,
      [CALLERS.admin.sub, 'key-8', requestHash('POST', '/councils', body), '2020-01-01T00:00:00.000Z'],
    );
    const before = await api.eventCount();
    const retry = await send(api, CALLERS.admin, 'POST', '/councils', body, { 'idempotency-key': 'key-8' });
    expect(retry.statusCode).toBe(201);
    expect(retry.body.replayed).toBe(true);
    expect(await api.eventCount()).toBe(before);
  });
});
