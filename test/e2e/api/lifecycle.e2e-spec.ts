import { Checkpointer, SigningKey, verifyEntryProof, type EntryProof, type LedgerEvent } from '@vinhdanh/ledger';
import { AT, CALLERS, MEMBERS, TestClock, seasonUpToVoting, send } from './support/season';
import { startTestApi, type TestApi } from './support/test-api';

describe('a nomination through the API', () => {
  const clock = new TestClock();
  const receipts: string[] = [];
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
      receipts.push(cast.body.receipt as string);
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

  it('shows the published award on the public honour list, to anyone', async () => {
    await api.catchUpReadModels();
    const list = await send(api, null, 'GET', '/campaigns/c-2026/honour-list');
    expect(list.statusCode).toBe(200);
    expect(list.headers['content-type']).toMatch(/^application\/json/);
    expect(list.body).toEqual([expect.objectContaining({ nominationId: 'n-1' })]);
    const entry = await send(api, null, 'GET', '/honour-list/n-1');
    expect(entry.statusCode).toBe(200);
    expect(entry.body).toMatchObject({ nominationId: 'n-1' });
    expect((await send(api, null, 'GET', '/honour-list/nobody')).statusCode).toBe(404);
  });

  it('shows the dossier to staff, and to a unit officer only for their own unit', async () => {
    const seen = await send(api, CALLERS.auditor, 'GET', '/nominations/n-1/dossier');
    expect(seen.statusCode).toBe(200);
    expect(seen.body).toMatchObject({ nominationId: 'n-1', status: 'published' });
    expect((await send(api, CALLERS.officer, 'GET', '/nominations/n-1/dossier')).statusCode).toBe(200);
    const stranger = await send(api, { role: 'unit_officer', sub: 'officer-9', unit: 'u-finance' }, 'GET', '/nominations/n-1/dossier');
    expect(stranger.statusCode).toBe(403);
    expect(stranger.body.code).toBe('NOT_OWN_UNIT');
    expect((await send(api, null, 'GET', '/nominations/n-1/dossier')).statusCode).toBe(401);
    const list = await send(api, { role: 'unit_officer', sub: 'officer-9', unit: 'u-finance' }, 'GET', '/campaigns/c-2026/dossiers');
    expect(list.body).toEqual([]);
    const own = await send(api, CALLERS.officer, 'GET', '/campaigns/c-2026/dossiers?limit=1');
    expect((own.body as unknown as { nominationId: string }[]).map((d) => d.nominationId)).toEqual(['n-1']);
    const elsewhere = await send(api, CALLERS.officer, 'GET', '/campaigns/c-2026/dossiers?unitId=u-finance');
    expect([elsewhere.statusCode, elsewhere.body.code]).toEqual([403, 'NOT_OWN_UNIT']);
    expect((await send(api, CALLERS.auditor, 'GET', '/campaigns/c-2026/dossiers?unitId=u-finance')).body).toEqual([]);
    expect((await send(api, CALLERS.auditor, 'GET', '/nominations/nobody/dossier')).statusCode).toBe(404);
  });

  it('publishes the tally: who took part, and the ballots in revealed order, where each voter finds their receipt', async () => {
    const tally = await send(api, CALLERS.auditor, 'GET', '/nominations/n-1/tallies');
    expect(tally.statusCode).toBe(200);
    const [row] = tally.body as unknown as { participation: string[]; ballots: { ballotId: string }[]; passed: boolean }[];
    expect([...row.participation].sort()).toEqual(['m-1', 'm-2', 'm-3', 'm-4']);
    expect(row.ballots.map((b) => b.ballotId).sort()).toEqual([...receipts].sort());
    expect(row.passed).toBe(true);
  });

  it('reports the campaign\'s progress (a unit officer sees their unit only) and its fairness checks', async () => {
    const progress = await send(api, CALLERS.secretary, 'GET', '/campaigns/c-2026/progress');
    expect(progress.statusCode).toBe(200);
    expect(progress.body).toMatchObject({ campaignId: 'c-2026', total: 1 });
    const stranger = await send(api, { role: 'unit_officer', sub: 'officer-9', unit: 'u-finance' }, 'GET', '/campaigns/c-2026/progress');
    expect(stranger.body.byUnit).toEqual({});
    expect((await send(api, CALLERS.auditor, 'GET', '/campaigns/nowhere/progress')).statusCode).toBe(404);
    const fairness = await send(api, CALLERS.auditor, 'GET', '/campaigns/c-2026/fairness');
    expect(fairness.statusCode).toBe(200);
    expect(fairness.body).toMatchObject({ campaignId: 'c-2026', decisions: [expect.objectContaining({ nominationId: 'n-1', failed: [] })] });
    expect((await send(api, CALLERS.officer, 'GET', '/campaigns/c-2026/fairness')).statusCode).toBe(403);
  });

  it('serves the signed checkpoint, its key and an entry proof that a citizen can verify offline', async () => {
    const none = await send(api, null, 'GET', '/ledger/checkpoints/latest');
    expect(none).toMatchObject({ statusCode: 409, body: { code: 'LEDGER_NOT_CHECKPOINTED' } });
    expect((await send(api, null, 'GET', '/honour-list/n-1/proof')).statusCode).toBe(409);
    // The worker's checkpointer, run here over the whole log.
    const key = SigningKey.generate('vinhdanh.test/log');
    const checkpointer = await Checkpointer.open({ sql: api.sql, key, log: () => undefined });
    const events: LedgerEvent[] = [];
    for await (const event of api.store.readAll()) events.push(event);
    await checkpointer.handle(events);
    await checkpointer.signNow();

    const latest = await send(api, null, 'GET', '/ledger/checkpoints/latest');
    expect(latest.statusCode).toBe(200);
    expect(latest.body).toMatchObject({ size: events.length, vkey: key.vkey });
    expect((await send(api, null, 'GET', '/ledger/keys')).body).toEqual([expect.objectContaining({ vkey: key.vkey })]);
    const inclusion = await send(api, null, 'GET', `/ledger/inclusion?position=0&size=${events.length}`);
    expect(inclusion.statusCode).toBe(200);
    expect((await send(api, null, 'GET', `/ledger/inclusion?position=${events.length}&size=${events.length}`)).statusCode).toBe(400);
    expect((await send(api, null, 'GET', '/ledger/inclusion?position=-1&size=abc')).statusCode).toBe(400);

    const proof = await send(api, null, 'GET', '/honour-list/n-1/proof');
    expect(proof.statusCode).toBe(200);
    const report = verifyEntryProof(proof.body as unknown as EntryProof, { trustedKeys: [key.vkey] });
    expect(report.ok).toBe(true);
    expect(JSON.stringify(proof.body)).not.toMatch(/"choice":"(yes|no|abstain)","memberId"|"memberId":"m-\d","choice"/);
  });

  it('lets an auditor trace every step, and nobody else', async () => {
    const trail = await send(api, CALLERS.auditor, 'GET', '/audit-trail?nominationId=n-1&limit=500');
    expect(trail.statusCode).toBe(200);
    const types = (trail.body.lines as { eventType?: string; type?: string }[]).map((l) => l.eventType ?? l.type);
    expect(types).toEqual(expect.arrayContaining(['NominationSubmitted', 'BallotCast', 'NominationApproved', 'NominationPublished']));
    expect(JSON.stringify(trail.body)).not.toMatch(/"choice"\s*:/);
    expect((await send(api, CALLERS.officer, 'GET', '/audit-trail')).statusCode).toBe(403);
    expect((await send(api, CALLERS.auditor, 'GET', '/audit-trail?limit=0')).statusCode).toBe(400);
  });
});
