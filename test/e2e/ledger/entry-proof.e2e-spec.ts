import { type EntryProof, LedgerService, SigningKey, verifyEntryProof, type VerificationReport } from '@vinhdanh/ledger';
import { runSeason, type Season } from './season';
import { catchUp, failures, type LedgerBackend, openBackend, openCheckpointer, ORIGIN } from './ledger-harness';

const clone = (p: EntryProof): EntryProof => JSON.parse(JSON.stringify(p)) as EntryProof;

/** Flips one bit of one hex hash. */
function flipBit(hex: string, bit: number): string {
  const bytes = Buffer.from(hex, 'hex');
  bytes[Math.floor(bit / 8) % bytes.length] ^= 1 << (bit % 8);
  return bytes.toString('hex');
}

/** A citizen downloads the proof of one honour-list entry and checks it with nothing else. */
describe.each(['sqlite', 'postgres'] as const)('a citizen verifies an honour-list entry (%s)', (backend) => {
  const key = SigningKey.generate(ORIGIN);
  let b: LedgerBackend;
  let season: Season;
  let service: LedgerService;

  beforeAll(async () => {
    b = await openBackend(backend);
    season = await runSeason(b.store, { nominations: 5 });
    await catchUp(await openCheckpointer(b, key), b.store);
    service = new LedgerService(b.sql, b.store);
  });
  afterAll(async () => b.cleanup());

  const verify = (proof: EntryProof, trustedKeys = [key.vkey]): VerificationReport => verifyEntryProof(proof, { trustedKeys });

  it('the proof holds: publication, the decisions behind it, each with its inclusion proof to a signed checkpoint', async () => {
    const proof = await service.entryProof(season.published[0]);
    expect(proof.events.map((e) => e.type)).toEqual(
      expect.arrayContaining(['NominationSubmitted', 'NominationEvaluated', 'VotingClosed', 'NominationVoted', 'NominationApproved', 'NominationPublished']),
    );
    expect(proof.campaign.type).toBe('CampaignOpened');
    expect(proof.publicKeys).toEqual([key.vkey]);
    const report = verify(proof);
    expect(failures(report)).toEqual([]);
    expect(report.checks.find((c) => c.id === 'inclusion')!.checked).toBe(proof.events.length + 1);
    // Without trusted keys the proof's own key list is used, and the report says so.
    expect(verifyEntryProof(proof).checks.find((c) => c.id === 'signature')!.note).toMatch(/compare/);
  });

  it('one bit flipped in any element of any inclusion proof is caught', async () => {
    const proof = await service.entryProof(season.published[1]);
    let tried = 0;
    for (const [i, e] of [proof.campaign, ...proof.events].entries()) {
      for (let j = 0; j < e.inclusionProof.length; j++) {
        const bad = clone(proof);
        const target = i === 0 ? bad.campaign : bad.events[i - 1];
        target.inclusionProof[j] = flipBit(target.inclusionProof[j], (7 * j + i) % 256);
        expect(failures(verify(bad))).toEqual([`inclusion: MERKLE_ROOT_MISMATCH@${e.position}`]);
        tried += 1;
      }
    }
    expect(tried).toBeGreaterThan(20);
  });

  it('a flipped bit in a leaf hash, an edited event, a dropped event, a lied position: each named', async () => {
    const proof = await service.entryProof(season.published[1]);
    const voted = proof.events.findIndex((e) => e.type === 'NominationVoted');

    const leaf = clone(proof);
    leaf.events[0].leafHash = flipBit(leaf.events[0].leafHash, 3);
    expect(failures(verify(leaf))).toEqual([`leaves: LEAF_MISMATCH@${proof.events[0].position}`]);

    const edited = clone(proof);
    (edited.events[voted].data as { yes: number }).yes += 1;
    expect(failures(verify(edited))).toEqual(
      expect.arrayContaining([`leaves: LEAF_MISMATCH@${proof.events[voted].position}`, `inclusion: MERKLE_ROOT_MISMATCH@${proof.events[voted].position}`, expect.stringMatching(/^tallies: TALLY_MISMATCH@/)]),
    );

    const dropped = clone(proof);
    const closed = dropped.events.findIndex((e) => e.type === 'VotingClosed');
    dropped.events.splice(closed, 1);
    expect(failures(verify(dropped))).toEqual(expect.arrayContaining([expect.stringMatching(/^stream: STREAM_ORDER@/), expect.stringMatching(/^tallies: TALLY_WITHOUT_BALLOTS@/)]));

    const moved = clone(proof);
    moved.events[2].position += 1;
    expect(failures(verify(moved))).toEqual(expect.arrayContaining([expect.stringMatching(/^inclusion: MERKLE_/)]));
  });

  it('a checkpoint signed by another key, or a doctored checkpoint note, is refused', async () => {
    const proof = await service.entryProof(season.published[0]);
    const other = SigningKey.generate(ORIGIN);
    expect(failures(verify(proof, [other.vkey]))).toEqual(['signature: NOTE_UNVERIFIED', 'inclusion: NO_TRUSTED_CHECKPOINT']);
    const doctored = clone(proof);
    doctored.checkpoint = doctored.checkpoint.replace(/\n(\d+)\n/, (_m, n: string) => `\n${Number(n) + 1}\n`);
    expect(failures(verify(doctored))[0]).toBe('signature: NOTE_BAD_SIGNATURE');
  });

  it('a revoked award is shown as revoked, not as a valid entry', async () => {
    const proof = await service.entryProof(season.revoked[0]);
    expect(failures(verify(proof))).toEqual([expect.stringMatching(/^entry: ENTRY_REVOKED@/)]);
  });

  it('a nomination refused by the vote has no entry proof', async () => {
    await expect(service.entryProof(season.refused[0])).rejects.toMatchObject({ code: 'LEDGER_NOT_FOUND' });
    await expect(service.entryProof('no-such-nomination')).rejects.toMatchObject({ code: 'LEDGER_NOT_FOUND' });
  });
});
