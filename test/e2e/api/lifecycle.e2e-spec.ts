import { AT, CALLERS, MEMBERS, TestClock, seasonUpToVoting, send } from './support/season';
import { startTestApi, type TestApi } from './support/test-api';

describe('a nomination through the API', () => {
  const clock = new TestClock();
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({ clock: clock.read });
  });
  afterAll(async () => {
    await api.close();
  });

  it('goes from submission to publication, and the secret choices never reach a log line', async () => {
    await seasonUpToVoting(api, clock, { campaignId: 'c-2026', councilId: 'council-prov', nominationId: 'n-1' });
    const voters = MEMBERS.filter((m) => m.memberId !== 'm-5');
    for (const member of voters) {
      const cast = await send(api, CALLERS.member(member.memberId), 'POST', '/nominations/n-1/ballots', { sessionId: 's-1', choice: 'yes' });
      expect(cast.statusCode).toBe(200);
      expect(typeof cast.body.receipt).toBe('string');
      expect(JSON.stringify(cast.body)).not.toContain('"yes"');
    }
    const closed = await send(api, CALLERS.secretary, 'POST', '/nominations/n-1/voting/close', { sessionId: 's-1' });
    expect(closed.statusCode).toBe(200);
    clock.now = AT.decision;
    const approved = await send(api, CALLERS.approver, 'POST', '/nominations/n-1/approval', { decisionNumber: '1234/QĐ-UBND', decisionDate: '2026-10-12' });
    expect(approved.statusCode).toBe(200);
    clock.now = AT.publication;
    const published = await send(api, CALLERS.publisher, 'POST', '/nominations/n-1/publication', { honourListId: 'hl-2026', rank: 1 });
    expect(published.statusCode).toBe(200);
    expect(published.body.events).toEqual([expect.objectContaining({ type: 'NominationPublished' })]);
    expect(api.logs.join('\n')).not.toMatch(/"choice"\s*:\s*"(yes|no|abstain)"/);
  });
});
