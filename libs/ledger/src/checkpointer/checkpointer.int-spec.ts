import { parseVerifierKey, SigningKey, verifyCheckpoint } from '../checkpoint';
import { eventLeafHash, rootFromLeafHashes, verifyConsistency, verifyInclusion } from '../merkle';
import { LedgerService } from '../proofs';
import { Checkpointer, type LedgerLog } from './checkpointer';
import { listCheckpoints } from './checkpoint-repository';
import { LedgerError } from './ledger-error';
import { chainedEvents, ledgerTestSql, type LedgerTestSql } from './ledger-test-sql';

const ORIGIN = 'vinhdanh.test/ledger';
const quiet: LedgerLog = () => undefined;

/** A clock the test moves by hand, so the time trigger is tested without waiting. */
function manualClock(start = Date.UTC(2026, 10, 26, 8)) {
  let t = start;
  return { now: () => new Date(t), advance: (ms: number) => (t += ms) };
}

const bufs = (h: string[]): Buffer[] => h.map((x) => Buffer.from(x, 'hex'));

describe.each(['sqlite', 'postgres'] as const)('Checkpointer on %s', (backend) => {
  let t: LedgerTestSql;
  const key = SigningKey.generate(ORIGIN);

  beforeEach(async () => {
    t = await ledgerTestSql[backend]();
  });
  afterEach(async () => t.cleanup());

  it('signs every N events and after every publication, with roots of the log and consistent with each other', async () => {
    const events = chainedEvents(2_345, (i) => (i === 1_500 || i === 1_501 ? 'NominationPublished' : 'EvaluationScored'));
    const cp = await Checkpointer.open({ sql: t.sql, key, everyEvents: 1_000, log: quiet });
    for (let at = 0; at < events.length; at += 300) await cp.handle(events.slice(at, at + 300));
    await cp.signNow();

    const sizes: number[] = [];
    for await (const c of listCheckpoints(t.sql)) sizes.push(c.size);
    // 1,000 by count; 1,800 closes the batch (1,500…1,799) holding both publications; 2,345 signNow.
    expect(sizes).toEqual([1_000, 1_800, 2_345]);

    const leaves = events.map((e) => eventLeafHash(e));
    const service = new LedgerService(t.sql);
    let previous: { size: number; root: Buffer } | undefined;
    for (const size of sizes) {
      const stored = await service.checkpointBySize(size);
      const verified = verifyCheckpoint(stored!.note, [key.vkey], { origin: ORIGIN });
      expect(verified.rootHash.equals(rootFromLeafHashes(leaves.slice(0, size)))).toBe(true);
      if (previous) {
        const { proof } = await service.consistency(previous.size, size);
        expect(() => verifyConsistency(previous!.size, size, bufs(proof), previous!.root, verified.rootHash)).not.toThrow();
      }
      previous = { size, root: verified.rootHash };
    }
    const { proof, leafHash } = await service.inclusion(1_500, 1_800);
    expect(leafHash).toBe(leaves[1_500].toString('hex'));
    const root1800 = verifyCheckpoint((await service.checkpointBySize(1_800))!.note, [key.vkey]).rootHash;
    expect(() => verifyInclusion(leaves[1_500], 1_500, 1_800, bufs(proof), root1800)).not.toThrow();
    expect((await service.latestCheckpoint())!.size).toBe(2_345);
  });

  it('signs over a publication in the same transaction that records it, even mid-way to everyEvents', async () => {
    const events = chainedEvents(30, (i) => (i === 12 ? 'NominationPublished' : 'EvaluationScored'));
    const cp = await Checkpointer.open({ sql: t.sql, key, everyEvents: 1_000, log: quiet });
    const signed = await cp.handle(events.slice(0, 13));
    expect(signed.map((c) => c.size)).toEqual([13]);
    expect(await cp.handle(events.slice(13))).toEqual([]);
  });

  it('resumes after a restart from its stored frontier, and ignores redelivered events', async () => {
    const events = chainedEvents(700);
    const first = await Checkpointer.open({ sql: t.sql, key, everyEvents: 250, log: quiet });
    await first.handle(events.slice(0, 400));
    const second = await Checkpointer.open({ sql: await t.reopen(), key, everyEvents: 250, log: quiet });
    expect(second.size).toBe(400);
    await second.handle(events.slice(350, 700)); // 350..399 again, as a restarted subscription may deliver
    await second.signNow();
    const latest = await new LedgerService(t.sql).latestCheckpoint();
    expect(latest!.size).toBe(700);
    expect(Buffer.from(latest!.rootHash, 'hex').equals(rootFromLeafHashes(events.map((e) => eventLeafHash(e))))).toBe(true);
  });

  it('signs on the time trigger only when something new arrived', async () => {
    const clock = manualClock();
    const cp = await Checkpointer.open({ sql: t.sql, key, everyEvents: 1_000, everyMs: 60_000, clock: clock.now, log: quiet });
    await cp.handle(chainedEvents(10));
    expect(await cp.tick()).toBeNull();
    clock.advance(60_000);
    expect((await cp.tick())!.size).toBe(10);
    clock.advance(120_000);
    expect(await cp.tick()).toBeNull();
  });

  it('refuses to go past a broken chain: commits the good prefix, signs nothing over the break, logs it', async () => {
    const events = chainedEvents(50);
    events[30] = { ...events[30], data: { nominationId: 'n3', i: 30, edited: true } };
    const logged: Array<{ level: string; context?: Record<string, unknown> }> = [];
    const cp = await Checkpointer.open({ sql: t.sql, key, everyEvents: 20, log: (level, _m, context) => logged.push({ level, context }) });
    const failure = await cp.handle(events).then(
      () => null,
      (e: unknown) => e,
    );
    expect(failure).toBeInstanceOf(LedgerError);
    expect((failure as LedgerError).code).toBe('LEDGER_CHAIN_BROKEN');
    expect((failure as LedgerError).position).toBe(30);
    expect(logged.some((l) => l.level === 'error' && l.context?.position === 30)).toBe(true);
    expect(await cp.signNow()).toBeNull();
    const sizes: number[] = [];
    for await (const c of listCheckpoints(t.sql)) sizes.push(c.size);
    expect(sizes).toEqual([20]);
    const resumed = await Checkpointer.open({ sql: t.sql, key, everyEvents: 20, log: quiet });
    expect(resumed.size).toBe(30);
  });

  it('two checkpointers over the same tables (a rolling restart) never move the state backwards or sign a size twice', async () => {
    const events = chainedEvents(300, (i) => (i === 149 ? 'NominationPublished' : 'EvaluationScored'));
    const a = await Checkpointer.open({ sql: t.sql, key, everyEvents: 100, log: quiet });
    const b = await Checkpointer.open({ sql: await t.reopen(), key, everyEvents: 100, log: quiet });
    const c = await Checkpointer.open({ sql: await t.reopen(), key, everyEvents: 1_000, log: quiet });
    await a.handle(events.slice(0, 250));
    await c.handle(events.slice(0, 99)); // would move the state back to 99
    expect((await Checkpointer.open({ sql: t.sql, key, log: quiet })).size).toBe(250);
    // b lags: it reaches sizes a already signed, collides, reloads from a's state and goes on.
    await b.handle(events.slice(0, 120)).catch(() => undefined);
    await b.handle(events.slice(0, 300)).catch(() => undefined);
    await b.handle(events.slice(0, 300));
    await b.signNow();
    const sizes: number[] = [];
    for await (const c of listCheckpoints(t.sql)) sizes.push(c.size);
    expect(sizes).toEqual([100, 200, 250, 300]);
    const resumed = await Checkpointer.open({ sql: t.sql, key, log: quiet });
    expect(resumed.size).toBe(300);
    const latest = await new LedgerService(t.sql).latestCheckpoint();
    expect(Buffer.from(latest!.rootHash, 'hex').equals(rootFromLeafHashes(events.map((e) => eventLeafHash(e))))).toBe(true);
  });

  it('refuses a gap in positions', async () => {
    const events = chainedEvents(10);
    const cp = await Checkpointer.open({ sql: t.sql, key, log: quiet });
    await expect(cp.handle([...events.slice(0, 4), ...events.slice(5)])).rejects.toMatchObject({ code: 'LEDGER_POSITION_GAP', position: 4 });
  });

  it('keeps every key it ever signed with listed after a rotation, and each checkpoint names its key', async () => {
    const events = chainedEvents(20);
    const cp = await Checkpointer.open({ sql: t.sql, key, log: quiet });
    await cp.handle(events.slice(0, 10));
    await cp.signNow();
    const rotated = SigningKey.generate(ORIGIN);
    const after = await Checkpointer.open({ sql: t.sql, key: rotated, log: quiet });
    await after.handle(events.slice(10));
    await after.signNow();
    const service = new LedgerService(t.sql);
    const keys = await service.publicKeys();
    expect(keys.map((k) => k.vkey).sort()).toEqual([key.vkey, rotated.vkey].sort());
    const old = await service.checkpointBySize(10);
    expect(old!.vkey).toBe(key.vkey);
    expect(parseVerifierKey(old!.vkey).keyId).toBe(key.keyId);
    expect(() => verifyCheckpoint(old!.note, keys.map((k) => k.vkey))).not.toThrow();
    const rotatedNote = (await service.checkpointBySize(20))!.note;
    expect(() => verifyCheckpoint(rotatedNote, [key.vkey])).toThrow();
  });

  it('serves proofs only for sizes it has reached', async () => {
    const cp = await Checkpointer.open({ sql: t.sql, key, log: quiet });
    await cp.handle(chainedEvents(5));
    const service = new LedgerService(t.sql);
    await expect(service.consistency(2, 6)).rejects.toMatchObject({ code: 'LEDGER_NOT_CHECKPOINTED' });
    await expect(service.consistency(0, 5)).rejects.toMatchObject({ code: 'LEDGER_INVALID_ARGUMENT' });
    await expect(service.inclusion(5, 5)).rejects.toMatchObject({ code: 'LEDGER_INVALID_ARGUMENT' });
  });
});
