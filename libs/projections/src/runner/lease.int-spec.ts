import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { TEST_DATABASE_URL } from '../testing/test-sql';
import { PgAdvisoryLease } from './lease';

describe('PgAdvisoryLease on PostgreSQL', () => {
  const scope = `lease-${randomBytes(4).toString('hex')}`;
  const names = ['audit_trail', 'honour_list', 'dossier', 'council_tally', 'campaign_progress', 'fairness'];
  const leases: PgAdvisoryLease[] = [];
  afterEach(async () => {
    jest.restoreAllMocks();
    for (const lease of leases.splice(0)) await lease.close();
  });

  it('asks its one session one query at a time, however many projection loops call it at once', async () => {
    // Given one lease shared by six loops (as a runner shares it) and a count of queries in flight
    let inFlight = 0;
    let most = 0;
    const query = Client.prototype.query;
    jest.spyOn(Client.prototype, 'query').mockImplementation(function (this: Client, ...args: unknown[]) {
      inFlight += 1;
      most = Math.max(most, inFlight);
      return (query.apply(this, args as never) as unknown as Promise<unknown>).finally(() => (inFlight -= 1));
    } as never);
    const lease = new PgAdvisoryLease(TEST_DATABASE_URL, 'first', scope);
    leases.push(lease);

    // When every loop acquires at the same moment, then renews at the same moment (and later releases)
    const acquired = await Promise.all(names.map((name) => lease.acquire(name)));
    await Promise.all(names.map((name) => lease.renew(name)));

    // Then each got its lock, another holder is refused, and the session never ran two queries at once
    expect(acquired).toEqual(names.map(() => true));
    const other = new PgAdvisoryLease(TEST_DATABASE_URL, 'second', scope);
    leases.push(other);
    expect(await other.acquire('dossier')).toBe(false);
    await Promise.all(names.map((name) => lease.release(name)));
    expect(await other.acquire('dossier')).toBe(true);
    expect(most).toBe(1);
  });
});
