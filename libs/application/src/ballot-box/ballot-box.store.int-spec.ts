import { randomUUID } from 'node:crypto';
import { workflowBackends, type WorkflowBackend } from '../testing/workflow-backends';
import { BallotBoxStore } from './ballot-box.store';

describe.each(['sqlite', 'postgres'] as const)('BallotBoxStore (%s)', (kind) => {
  let backend: WorkflowBackend;
  let box: BallotBoxStore;

  beforeAll(async () => {
    backend = await workflowBackends[kind]();
    box = await BallotBoxStore.open(backend.sql);
    await BallotBoxStore.open(backend.sql); // the tables are created idempotently
  });

  afterAll(async () => {
    await backend?.cleanup();
  });

  it('seals idempotently, and refuses another ballot under the same participation event without naming its choice', async () => {
    const eventId = randomUUID();
    const ballot = { eventId, nominationId: 'n-a', ballotId: randomUUID(), choice: 'no' as const };
    await box.seal(ballot);
    await box.seal(ballot);
    expect(await box.count('n-a')).toBe(1);
    const error = await box.seal({ ...ballot, choice: 'abstain' }).catch((e: unknown) => e as Error);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).not.toMatch(/abstain|no\b|yes/);
    expect(await box.receiptOf(eventId)).toBe(ballot.ballotId);
  });

  it('reveals only ballots whose participation event is given, and empties a nomination’s box', async () => {
    const cast = [randomUUID(), randomUUID(), randomUUID()];
    for (const [i, eventId] of cast.entries()) await box.seal({ eventId, nominationId: 'n-b', ballotId: `b-${i}`, choice: 'yes' });
    await box.seal({ eventId: randomUUID(), nominationId: 'n-b', ballotId: 'orphan', choice: 'no' });
    await box.seal({ eventId: randomUUID(), nominationId: 'n-c', ballotId: 'elsewhere', choice: 'no' });

    const revealed = await box.reveal('n-b', cast);
    expect(revealed.map((b) => b.ballotId).sort()).toEqual(['b-0', 'b-1', 'b-2']);
    expect(revealed.every((b) => b.choice === 'yes')).toBe(true);

    expect(await box.empty('n-b')).toBe(4);
    expect(await box.empty('n-b')).toBe(0);
    expect(await box.count('n-c')).toBe(1);
  });

  it('seals concurrent ballots together, and a bad one or a second ballot under the same event fails alone', async () => {
    const good = Array.from({ length: 5 }, (_, i) => ({ eventId: randomUUID(), nominationId: 'n-e', ballotId: randomUUID(), choice: i % 2 ? ('yes' as const) : ('no' as const) }));
    const bad = { eventId: randomUUID(), nominationId: 'n-e', ballotId: randomUUID(), choice: 'maybe' as unknown as 'yes' };
    const rival = { ...good[0]!, ballotId: randomUUID(), choice: 'abstain' as const };
    const outcomes = await Promise.all([...good, bad, rival, good[1]!].map((b) => box.seal(b).then(() => 'sealed', () => 'refused')));
    expect(outcomes).toEqual(['sealed', 'sealed', 'sealed', 'sealed', 'sealed', 'refused', 'refused', 'sealed']);
    expect(await box.count('n-e')).toBe(5);
    for (const b of good) expect(await box.receiptOf(b.eventId)).toBe(b.ballotId);
  });

  it('refuses a choice that is not a ballot', async () => {
    const bad = { eventId: randomUUID(), nominationId: 'n-d', ballotId: randomUUID(), choice: 'maybe' as unknown as 'yes' };
    // The driver's own error class may come from another realm than jest's, so test the outcome.
    const outcome = await box.seal(bad).then(() => 'sealed', () => 'refused');
    expect(outcome).toBe('refused');
    expect(await box.count('n-d')).toBe(0);
  });
});
