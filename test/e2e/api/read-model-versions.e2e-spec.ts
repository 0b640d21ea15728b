import { ALL_PROJECTIONS, activeVersion, LeaseRow, rebuild } from '@vinhdanh/projections';
import { PostgresClient } from '@vinhdanh/sql';
// eslint-disable-next-line no-restricted-imports -- the API's own provider, to refresh after the read models first exist
import { ActiveVersions } from '../../../apps/api/src/read-models/active-versions';
import { CALLERS, seasonUpToVoting, send, TestClock } from './support/season';
import { startTestApi, TEST_DATABASE_URL, type TestApi } from './support/test-api';

/**
 * Reads use the read models' active versions the API remembers. A rebuild run elsewhere (as
 * `vinhdanh rebuild` does, with its own connection) swaps a new version in and drops the old
 * one: the next read must answer from the new version, not fail.
 */
describe.each([
  ['remembered versions', 3_600_000],
  ['a lookup on every read', 0],
])('read models across a rebuild swap (%s)', (_name, readModelRefreshMs) => {
  let api: TestApi;
  let other: PostgresClient;
  const clock = new TestClock();

  beforeAll(async () => {
    api = await startTestApi({ clock: clock.read, config: { readModelRefreshMs } });
    other = await PostgresClient.open({ connectionString: TEST_DATABASE_URL, schema: api.schema, max: 2 });
    await seasonUpToVoting(api, clock, { campaignId: 'camp-rv', councilId: 'council-rv', nominationId: 'nom-rv' });
    await api.catchUpReadModels();
    await api.app.get(ActiveVersions).refresh();
  });
  afterAll(async () => {
    await other.close();
    await api.close();
  });

  it('answers the same dossier and lists before and after the swap, from the new version', async () => {
    const before = await send(api, CALLERS.auditor, 'GET', '/nominations/nom-rv/dossier');
    const listBefore = await send(api, CALLERS.auditor, 'GET', '/campaigns/camp-rv/dossiers');
    expect(before.statusCode).toBe(200);
    const oldVersion = await activeVersion(other, 'dossier');

    await rebuild({ store: api.store, sql: other, projections: ALL_PROJECTIONS, lease: new LeaseRow(other, 'rebuild-rv', 60_000) });
    expect(await activeVersion(other, 'dossier')).not.toBe(oldVersion);

    for (let i = 0; i < 2; i++) {
      const after = await send(api, CALLERS.auditor, 'GET', '/nominations/nom-rv/dossier');
      expect(after.statusCode).toBe(200);
      expect(after.body).toEqual(before.body);
      const listAfter = await send(api, CALLERS.auditor, 'GET', '/campaigns/camp-rv/dossiers');
      expect(listAfter.statusCode).toBe(200);
      expect(listAfter.body).toEqual(listBefore.body);
    }
    const honourList = await send(api, CALLERS.auditor, 'GET', '/campaigns/camp-rv/honour-list');
    expect(honourList.statusCode).toBe(200);
  });
});
