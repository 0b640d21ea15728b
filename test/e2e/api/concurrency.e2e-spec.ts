import { nominationStream } from '@vinhdanh/domain';
import { CALLERS, TestClock, seasonUpToVoting, send } from './support/season';
import { startTestApi, type TestApi } from './support/test-api';

describe('two ballots from the same member at once', () => {
  const clock = new TestClock();
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({ clock: clock.read });
    await seasonUpToVoting(api, clock, { campaignId: 'c-cc', councilId: 'council-cc', nominationId: 'n-cc' });
  });
  afterAll(async () => {
    await api.close();
  });

  it('accepts one, refuses the other with 409 or 422, and writes one participation event', async () => {
    const before = await api.eventCount();
    const [a, b] = await Promise.all([
      send(api, CALLERS.member('m-1'), 'POST', '/nominations/n-cc/ballots', { sessionId: 's-1', choice: 'yes' }),
      send(api, CALLERS.member('m-1'), 'POST', '/nominations/n-cc/ballots', { sessionId: 's-1', choice: 'no' }),
    ]);
    const statuses = [a.statusCode, b.statusCode].sort();
    expect(statuses[0]).toBe(200);
    expect([409, 422]).toContain(statuses[1]);
    const refused = a.statusCode === 200 ? b : a;
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    // The refusal says nothing about what either ballot chose.
    expect(JSON.stringify(refused.body)).not.toMatch(/"(yes|no)"/);

    expect(await api.eventCount()).toBe(before + 1);
    const ballots: string[] = [];
    for await (const event of api.store.readStream(nominationStream('n-cc'))) {
      if (event.type === 'BallotCast') ballots.push((event.data as { memberId: string }).memberId);
    }
    expect(ballots).toEqual(['m-1']);
  });

  it('maps domain refusals by kind: conflict 409, not found 404, forbidden 403, invalid 422, each with the domain\'s code', async () => {
    const again = await send(api, CALLERS.member('m-1'), 'POST', '/nominations/n-cc/ballots', { sessionId: 's-1', choice: 'abstain' });
    expect(again.statusCode).toBe(409);
    expect(again.body.code).toBe('ALREADY_VOTED');
    const missing = await send(api, CALLERS.member('m-2'), 'POST', '/nominations/nobody/ballots', { sessionId: 's-1', choice: 'yes' });
    expect(missing.statusCode).toBe(404);
    expect(missing.body.code).toBe('NOMINATION_NOT_FOUND');
    const recused = await send(api, CALLERS.member('m-5'), 'POST', '/nominations/n-cc/ballots', { sessionId: 's-1', choice: 'yes' });
    expect(recused.statusCode).toBe(403);
    expect(recused.body.code).toBe('CONFLICT_OF_INTEREST');
    const badDate = await send(api, CALLERS.approver, 'POST', '/nominations/n-cc/approval', { decisionNumber: '1/QĐ', decisionDate: '2026-02-30' });
    expect(badDate.statusCode).toBe(400);
    for (const refusal of [again, missing, recused]) {
      expect(refusal.body).toMatchObject({ type: expect.stringMatching(/^urn:vinhdanh:problem:/), title: expect.any(String), detail: expect.any(String) });
      expect(JSON.stringify(refusal.body)).not.toMatch(/"(yes|no|abstain)"/);
    }
  });
});
