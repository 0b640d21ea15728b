// eslint-disable-next-line no-restricted-imports -- the API's own provider, to see what it keeps
import { ReadCache } from '../../../apps/api/src/read-models/read-cache';
import { AT, CALLERS, seasonUpToVoting, send, TestClock } from './support/season';
import { startTestApi, type TestApi } from './support/test-api';

/**
 * Dossiers and honour lists are answered from memory while their read model stands still; the
 * moment the worker projects a new event, readers get the new answer, never the kept one. A
 * client that already holds the current bytes (If-None-Match) gets 304.
 */
describe('read cache and conditional reads over HTTP', () => {
  let api: TestApi;
  const clock = new TestClock();

  beforeAll(async () => {
    api = await startTestApi({ clock: clock.read });
    await seasonUpToVoting(api, clock, { campaignId: 'camp-rc', councilId: 'council-rc', nominationId: 'nom-rc', until: 'notice_open' });
    await seasonUpToVoting(api, clock, { campaignId: 'camp-rc', councilId: 'council-rc', nominationId: 'nom-et', until: 'notice_open', withCampaign: false });
    await api.catchUpReadModels();
  });
  afterAll(() => api.close());

  const cacheCount = async (result: 'hit' | 'miss') => {
    const metrics = (await api.app.inject({ method: 'GET', url: '/metrics' })).body;
    const line = metrics.split('\n').find((l) => l.startsWith(`vinhdanh_read_cache_total{model="dossier",result="${result}"}`));
    return line ? Number(line.split(' ').pop()) : 0;
  };

  it('given a dossier read once, when it is read again, then the same answer comes from memory; after the next event is projected, the new one', async () => {
    const first = await send(api, CALLERS.auditor, 'GET', '/nominations/nom-rc/dossier');
    const hitsBefore = await cacheCount('hit');
    const again = await send(api, CALLERS.auditor, 'GET', '/nominations/nom-rc/dossier');

    expect(first.statusCode).toBe(200);
    expect(first.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(again.body).toEqual(first.body);
    expect((first.body as { status: string }).status).toBe('notice_open');
    expect(await cacheCount('hit')).toBe(hitsBefore + 1);

    clock.now = AT.noticeOver;
    expect((await send(api, CALLERS.secretary, 'POST', '/nominations/nom-rc/public-notice/close')).statusCode).toBe(200);
    await api.catchUpReadModels();
    const after = await send(api, CALLERS.auditor, 'GET', '/nominations/nom-rc/dossier');

    expect((after.body as { status: string }).status).toBe('notice_closed');
  });

  it('given a unit officer of another unit, when the dossier is kept in memory, then it is still refused', async () => {
    await send(api, CALLERS.auditor, 'GET', '/nominations/nom-rc/dossier');
    const refused = await send(api, { role: 'unit_officer', sub: 'officer-9', unit: 'u-elsewhere' }, 'GET', '/nominations/nom-rc/dossier');

    expect(refused.statusCode).toBe(403);
    expect(refused.headers['content-type']).toContain('application/problem+json');
  });

  it('given no such nomination, when it is read twice, then both are 404 problems', async () => {
    for (let i = 0; i < 2; i++) {
      const missing = await send(api, CALLERS.auditor, 'GET', '/nominations/nom-none/dossier');
      expect(missing.statusCode).toBe(404);
      expect((missing.body as { code: string }).code).toBe('NOMINATION_NOT_FOUND');
    }
  });

  it('given campaign ids nobody opened, when the public asks for their honour lists, then each is an empty list and none is kept', async () => {
    const kept = api.app.get(ReadCache).size.entries;
    for (const campaignId of ['camp-none-1', 'camp-none-2']) {
      const list = await send(api, null, 'GET', `/campaigns/${campaignId}/honour-list`);
      expect(list.statusCode).toBe(200);
      expect(list.body).toEqual([]);
    }
    expect(api.app.get(ReadCache).size.entries).toBe(kept);
  });

  it('given a client holding the current dossier, when it asks again with its ETag, then it gets 304 and no body; after the next event, 200 and a new tag', async () => {
    const first = await send(api, CALLERS.auditor, 'GET', '/nominations/nom-et/dossier');
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{22}"$/);
    expect(first.headers['cache-control']).toBe('private, no-cache');

    for (const asked of [etag, `W/${etag}`, `"other", ${etag}`, '*']) {
      const again = await api.app.inject({
        method: 'GET',
        url: '/nominations/nom-et/dossier',
        headers: { authorization: `Bearer ${await api.token('auditor', 'aud-1', 'u-inspect')}`, 'if-none-match': asked },
      });
      expect(again.statusCode).toBe(304);
      expect(again.body).toBe('');
    }
    // Someone who may not see it learns nothing from a tag: the access check comes first.
    const stranger = await send(api, { role: 'unit_officer', sub: 'officer-9', unit: 'u-elsewhere' }, 'GET', '/nominations/nom-et/dossier', undefined, { 'if-none-match': etag });
    expect(stranger.statusCode).toBe(403);

    clock.now = AT.noticeOver;
    expect((await send(api, CALLERS.secretary, 'POST', '/nominations/nom-et/public-notice/close')).statusCode).toBe(200);
    await api.catchUpReadModels();
    const changed = await send(api, CALLERS.auditor, 'GET', '/nominations/nom-et/dossier', undefined, { 'if-none-match': etag });
    expect(changed.statusCode).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
  });

  it('given a public honour list, when it is asked for with a tag that no longer matches, then the whole list comes back', async () => {
    const list = await send(api, null, 'GET', '/campaigns/camp-rc/honour-list');
    expect(list.headers['cache-control']).toBe('no-cache');
    const same = await send(api, null, 'GET', '/campaigns/camp-rc/honour-list', undefined, { 'if-none-match': list.headers.etag as string });
    expect(same.statusCode).toBe(304);
    const stale = await send(api, null, 'GET', '/campaigns/camp-rc/honour-list', undefined, { 'if-none-match': '"stale"' });
    expect(stale.statusCode).toBe(200);
    expect(stale.body).toEqual([]);
  });
});
