import { randomUUID } from 'node:crypto';
import { nominationStream } from '@vinhdanh/domain';
import { rootFromLeafHashes, signCheckpoint, SigningKey } from '@vinhdanh/ledger';
import { runSeason, type Season } from './season';
import {
  catchUp,
  exportBundle,
  failures,
  type LedgerBackend,
  openBackend,
  openCheckpointer,
  ORIGIN,
  rewriteBundle,
  verifyFile,
} from './ledger-harness';

/**
 * An auditor finding a tampered record: a real season is run through the deciders, the
 * checkpointer signs as it goes, then someone with database access changes the log, or a
 * bundle is doctored on its way. Each case must be caught and named: which check, which
 * code, which position. Run on both SQLite and PostgreSQL.
 */
describe.each(['sqlite', 'postgres'] as const)('an auditor finds tampering (%s)', (backend) => {
  const key = SigningKey.generate(ORIGIN);
  let b: LedgerBackend;
  let season: Season;

  beforeEach(async () => {
    b = await openBackend(backend);
    season = await runSeason(b.store, { nominations: 6 });
  });
  afterEach(async () => b.cleanup());

  /** Checkpoints the season, lets `tamper` act on the database, optionally lets the checkpointer run again, exports and verifies. */
  async function verifyAfter(tamper: () => Promise<void>, options: { checkpointAgain?: boolean } = {}) {
    await catchUp(await openCheckpointer(b, key), b.store);
    await tamper();
    if (options.checkpointAgain) await catchUp(await openCheckpointer(b, key), b.store);
    const file = await exportBundle(b);
    return { file, report: await verifyFile(file, { trustedKeys: [key.vkey] }) };
  }

  it('an untouched season verifies, every check passing', async () => {
    const { report } = await verifyAfter(async () => undefined);
    expect(failures(report)).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.checks.find((c) => c.id === 'chain')!.checked).toBeGreaterThan(100);
    expect(report.checks.find((c) => c.id === 'tallies')!.checked).toBe(6);
  });

  it("one event's data edited: the chain breaks there, and the signed root no longer matches", async () => {
    const at = season.positions.voted[0];
    const { report } = await verifyAfter(async () => {
      const row = await b.intruder.row(at);
      await b.intruder.exec('UPDATE events SET data = $1 WHERE position = $2', [JSON.stringify({ ...(row.data as object), yes: 0 }), at]);
    });
    expect(failures(report)).toEqual(expect.arrayContaining([`chain: CHAIN_HASH_MISMATCH@${at}`, expect.stringMatching(/^roots: CHECKPOINT_ROOT_MISMATCH@/)]));
    expect(failures(report)).toEqual(expect.arrayContaining([`tallies: TALLY_MISMATCH@${at}`]));
  });

  it("one event's metadata edited", async () => {
    const at = season.positions.published[0];
    const { report } = await verifyAfter(async () => {
      const row = await b.intruder.row(at);
      await b.intruder.exec('UPDATE events SET metadata = $1 WHERE position = $2', [
        JSON.stringify({ ...(row.metadata as object), actor: { id: 'intruder', roles: ['publisher'] } }),
        at,
      ]);
    });
    expect(failures(report)).toEqual([`chain: CHAIN_HASH_MISMATCH@${at}`, expect.stringMatching(/^roots: CHECKPOINT_ROOT_MISMATCH@/)]);
  });

  it("one event's type edited", async () => {
    const at = season.positions.published[1];
    const { report } = await verifyAfter(() => b.intruder.exec('UPDATE events SET type = $1 WHERE position = $2', ['NominationRejected', at]));
    expect(failures(report)).toEqual(expect.arrayContaining([`chain: CHAIN_HASH_MISMATCH@${at}`, expect.stringMatching(/^roots: CHECKPOINT_ROOT_MISMATCH@/)]));
  });

  it('an event deleted: the position is missing', async () => {
    const at = season.positions.ballotCast[2];
    const { report } = await verifyAfter(() => b.intruder.exec('DELETE FROM events WHERE position = $1', [at]));
    expect(failures(report)).toEqual(
      expect.arrayContaining(['format: TREE_SIZE_MISMATCH', `chain: CHAIN_POSITION_GAP@${at}`, expect.stringMatching(/^roots: CHECKPOINT_ROOT_MISMATCH@/)]),
    );
  });

  it('two events swapped: the chain breaks at the first and the stream runs backwards', async () => {
    const a = season.positions.ballotCast[0];
    const c = a + 1;
    const { report } = await verifyAfter(async () => {
      const [ra, rc] = [await b.intruder.row(a), await b.intruder.row(c)];
      await b.intruder.exec("UPDATE events SET stream_id = '#swap', event_id = '#swap' WHERE position = $1", [a]);
      await b.intruder.write({ ...ra, position: c });
      await b.intruder.write({ ...rc, position: a });
    });
    expect(failures(report)).toEqual(
      expect.arrayContaining([`chain: CHAIN_HASH_MISMATCH@${a}`, `order: STREAM_REVISION_ORDER@${a}`, expect.stringMatching(/^roots: CHECKPOINT_ROOT_MISMATCH@/)]),
    );
  });

  it('a forged ballot appended with a valid chain after the vote closed, then signed: the ballot audit names it', async () => {
    const nominationId = `${season.campaignId}-n1`;
    let at = -1;
    const { report } = await verifyAfter(
      async () => {
        const { positions } = await b.store.append(
          nominationStream(nominationId),
          [
            {
              eventId: randomUUID(),
              type: 'BallotCast',
              data: { nominationId, sessionId: 's-1', ballot: 'secret', memberId: 'm-2', castAt: '2026-10-05T03:00:00Z' },
              metadata: { actor: { id: 'm-2', roles: ['council_member'] }, correlationId: 'forged', recordedAt: '2026-10-05T03:00:00Z' },
            },
          ],
          'any',
        );
        at = positions[0];
      },
      { checkpointAgain: true },
    );
    expect(failures(report)).toEqual([`ballots: BALLOT_AFTER_CLOSE@${at}`]);
  });

  it('an extra secret ballot forged into VotingClosed and the chain rewritten after it: revealed ≠ participation, and the signed roots disagree', async () => {
    const at = season.positions.votingClosed[0];
    const { report } = await verifyAfter(async () => {
      const row = await b.intruder.row(at);
      const data = row.data as { ballots: Array<{ ballotId: string; choice: string }> };
      await b.intruder.write({ ...row, data: { ...data, ballots: [...data.ballots, { ballotId: randomUUID(), choice: 'yes' }] } });
      await b.intruder.rechainFrom(at);
    });
    expect(failures(report)).toEqual(expect.arrayContaining([`ballots: BALLOTS_PARTICIPATION_MISMATCH@${at}`]));
    expect(failures(report).some((f) => f.startsWith('roots: CHECKPOINT_ROOT_MISMATCH@'))).toBe(true);
    expect(failures(report).some((f) => f.startsWith('chain:'))).toBe(false);
  });

  it('a forged event appended after the last signed checkpoint: nothing signs it', async () => {
    const { file } = await verifyAfter(async () => undefined);
    const doctored = rewriteBundle(file, (lines) => {
      const events = lines.filter((l) => l.kind === 'event');
      const last = events[events.length - 1];
      const e = last.event as { position: number; revision: number };
      const forged = { ...last, event: { ...e, position: e.position + 1, revision: e.revision + 1, eventId: randomUUID() } };
      const i = lines.indexOf(last);
      return [...lines.slice(0, i + 1), forged, ...lines.slice(i + 1)];
    });
    const report = await verifyFile(doctored, { trustedKeys: [key.vkey] });
    const size = report.checks.find((c) => c.id === 'coverage')!.failure!.position!;
    expect(failures(report)).toEqual(
      expect.arrayContaining([`chain: CHAIN_HASH_MISMATCH@${size}`, `coverage: EVENTS_UNSIGNED@${size}`, 'format: COUNT_MISMATCH']),
    );
  });

  it('a checkpoint signed with a wrong key', async () => {
    const intruderKey = SigningKey.generate(ORIGIN);
    const { file } = await verifyAfter(async () => undefined);
    let size = 0;
    const doctored = rewriteBundle(file, (lines) =>
      lines.map((l) => {
        if (l.kind !== 'checkpoint' || size) return l;
        size = Number(l.size);
        const root = Buffer.from(String(l.note).split('\n')[2], 'base64');
        return { ...l, note: signCheckpoint({ origin: ORIGIN, size, rootHash: root, time: new Date() }, intruderKey) };
      }),
    );
    const report = await verifyFile(doctored, { trustedKeys: [key.vkey] });
    expect(failures(report)).toEqual([`signatures: NOTE_UNVERIFIED@${size - 1}`]);
  });

  it('two different checkpoints served for the same size (a split view), both validly signed', async () => {
    const { file } = await verifyAfter(async () => undefined);
    let size = 0;
    const doctored = rewriteBundle(file, (lines) => {
      const first = lines.find((l) => l.kind === 'checkpoint')!;
      size = Number(first.size);
      const otherRoot = rootFromLeafHashes([Buffer.alloc(32, 7)]);
      const forked = { kind: 'checkpoint', size, note: signCheckpoint({ origin: ORIGIN, size, rootHash: otherRoot, time: new Date() }, key) };
      const i = lines.indexOf(first);
      return [...lines.slice(0, i + 1), forked, ...lines.slice(i + 1)];
    });
    const report = await verifyFile(doctored, { trustedKeys: [key.vkey] });
    expect(failures(report)).toEqual(['format: COUNT_MISMATCH', `consistency: CHECKPOINT_SPLIT_VIEW@${size - 1}`]);
  });

  it('checkpoints whose roots were replaced after the fact: signatures fail, and consistency proofs no longer connect them', async () => {
    const { file } = await verifyAfter(async () => undefined);
    const doctored = rewriteBundle(file, (lines) => {
      const cps = lines.filter((l) => l.kind === 'checkpoint');
      const target = cps[1];
      const size = Number(target.size);
      const note = signCheckpoint({ origin: ORIGIN, size, rootHash: rootFromLeafHashes([Buffer.alloc(32, 1)]), time: new Date() }, key);
      return lines.map((l) => (l === target ? { ...l, note } : l));
    });
    const report = await verifyFile(doctored, { trustedKeys: [key.vkey] });
    expect(failures(report)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^roots: CHECKPOINT_ROOT_MISMATCH@/), expect.stringMatching(/^consistency: MERKLE_ROOT_MISMATCH@/)]),
    );
  });
});
