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
});
