import { emptyRoot, leafHash } from '../merkle/hashing';
import { MerkleError } from '../merkle/merkle-error';
import { MerkleFrontier } from '../merkle/merkle-frontier';
import { MemoryNodeStore } from '../merkle/node-store';
import { consistencyProof, inclusionProof, treeRoot } from '../merkle/proofs';
import { signCheckpoint } from './checkpoint';
import { CheckpointError } from './checkpoint-error';
import { SigningKey } from './signing-key';
import { TrustedCheckpoint } from './trusted-checkpoint';

const ORIGIN = 'vinhdanh.example/ledger';
const key = SigningKey.generate(ORIGIN);

/** A log; `rewrite` replaces the leaf at that index, as a log that edits history would. */
function log(count: number, rewrite?: number): MemoryNodeStore {
  const store = new MemoryNodeStore();
  const frontier = new MerkleFrontier(store.sink);
  for (let i = 0; i < count; i++) frontier.append(leafHash(Buffer.from(i === rewrite ? `forged-${i}` : `event-${i}`)));
  return store;
}

const honest = log(40);
const forked = log(40, 5);

const checkpoint = (store: MemoryNodeStore, size: number, signer = key): string =>
  signCheckpoint({ origin: ORIGIN, size, rootHash: treeRoot(size, store), time: new Date(Date.UTC(2026, 10, 26, 0, size)) }, signer);

function rejection(fn: () => unknown): { code: string; evidence?: readonly string[] } | 'accepted' {
  try {
    fn();
    return 'accepted';
  } catch (e) {
    if (e instanceof CheckpointError) return { code: e.code, evidence: e.evidence };
    if (e instanceof MerkleError) return { code: e.code };
    throw e;
  }
}

const client = (trusted?: string): TrustedCheckpoint => new TrustedCheckpoint({ origin: ORIGIN, verifierKeys: [key.vkey], trusted });

describe('TrustedCheckpoint', () => {
  it('trusts the first checkpoint on its signature, then moves forward only with consistency proofs', () => {
    const tc = client();
    expect(tc.current).toBeUndefined();
    tc.update(checkpoint(honest, 3));
    for (const [from, to] of [[3, 10], [10, 17], [17, 17], [17, 32], [32, 40]]) {
      const cp = tc.update(checkpoint(honest, to), consistencyProof(from, to, honest));
      expect(cp.size).toBe(to);
    }
    expect(tc.current?.rootHash.equals(treeRoot(40, honest))).toBe(true);
  });

  it('moves from the empty tree to any size without a proof, but not to a size-0 checkpoint with a wrong root', () => {
    const tc = client(checkpoint(honest, 0));
    expect(tc.current?.rootHash.equals(emptyRoot)).toBe(true);
    tc.update(checkpoint(honest, 12));
    expect(tc.current?.size).toBe(12);
    const lying = signCheckpoint({ origin: ORIGIN, size: 0, rootHash: treeRoot(1, honest) }, key);
    expect(rejection(() => client().update(lying))).toMatchObject({ code: 'CHECKPOINT_INCONSISTENT' });
  });

  it('catches a split view: two signed checkpoints of the same size with different roots, keeping both as evidence', () => {
    const tc = client(checkpoint(honest, 17));
    const other = checkpoint(forked, 17);
    const verdict = rejection(() => tc.update(other));
    expect(verdict).toMatchObject({ code: 'CHECKPOINT_SPLIT_VIEW' });
    expect(verdict !== 'accepted' && verdict.evidence).toEqual([checkpoint(honest, 17), other]);
    expect(tc.current?.rootHash.equals(treeRoot(17, honest))).toBe(true);
  });

  it('refuses a larger checkpoint of a log that rewrote history, whatever proof comes with it', () => {
    const tc = client(checkpoint(honest, 10));
    const next = checkpoint(forked, 20);
    expect(rejection(() => tc.update(next, consistencyProof(10, 20, forked)))).toMatchObject({ code: 'CHECKPOINT_INCONSISTENT' });
    expect(rejection(() => tc.update(next, consistencyProof(10, 20, honest)))).toMatchObject({ code: 'CHECKPOINT_INCONSISTENT' });
    expect(rejection(() => tc.update(next, []))).toMatchObject({ code: 'CHECKPOINT_INCONSISTENT' });
    expect(tc.current?.size).toBe(10);
  });

  it('refuses an honest checkpoint that comes with a damaged or mismatched proof', () => {
    const tc = client(checkpoint(honest, 10));
    const proof = consistencyProof(10, 20, honest);
    const damaged = proof.map((h, i) => (i === 1 ? Buffer.from(h.map((b, j) => (j === 0 ? b ^ 0x80 : b))) : h));
    expect(rejection(() => tc.update(checkpoint(honest, 20), damaged))).toMatchObject({ code: 'CHECKPOINT_INCONSISTENT' });
    expect(rejection(() => tc.update(checkpoint(honest, 20), consistencyProof(11, 20, honest)))).toMatchObject({
      code: 'CHECKPOINT_INCONSISTENT',
    });
    expect(tc.update(checkpoint(honest, 20), proof).size).toBe(20);
  });

  it('refuses to go back, and refuses checkpoints from other keys or other logs', () => {
    const tc = client(checkpoint(honest, 20));
    expect(rejection(() => tc.update(checkpoint(honest, 19)))).toMatchObject({ code: 'CHECKPOINT_ROLLBACK' });
    const impostor = SigningKey.generate(ORIGIN);
    expect(rejection(() => tc.update(checkpoint(honest, 30, impostor), consistencyProof(20, 30, honest)))).toMatchObject({
      code: 'NOTE_UNVERIFIED',
    });
    const otherLog = SigningKey.generate('other.example/log');
    const elsewhere = new TrustedCheckpoint({ origin: 'other.example/log', verifierKeys: [otherLog.vkey, key.vkey] });
    expect(rejection(() => elsewhere.update(checkpoint(honest, 5)))).toMatchObject({ code: 'CHECKPOINT_ORIGIN_MISMATCH' });
  });

  it('binds the size to the root by signature: a lied size with an indistinguishable proof shape is caught there', () => {
    // Index 0 has the same proof shape in trees of 3 and 4 leaves (see verify.ts), so only the signature can tell.
    const tc = client(checkpoint(honest, 4));
    const note = tc.current?.note ?? '';
    expect(rejection(() => client(note.replace('\n4\n', '\n3\n')))).toMatchObject({ code: 'NOTE_BAD_SIGNATURE' });
  });

  it('verifies inclusion against the trusted checkpoint only', () => {
    const tc = client();
    expect(rejection(() => tc.verifyInclusion(leafHash(Buffer.from('event-3')), 3, []))).toMatchObject({ code: 'NOTE_UNVERIFIED' });
    tc.update(checkpoint(honest, 25));
    expect(rejection(() => tc.verifyInclusion(leafHash(Buffer.from('event-3')), 3, inclusionProof(3, 25, honest)))).toBe('accepted');
    expect(rejection(() => tc.verifyInclusion(leafHash(Buffer.from('event-4')), 3, inclusionProof(3, 25, honest)))).toMatchObject({
      code: 'MERKLE_ROOT_MISMATCH',
    });
    expect(rejection(() => tc.verifyInclusion(leafHash(Buffer.from('event-3')), 3, inclusionProof(3, 24, honest)))).toMatchObject({
      code: 'MERKLE_ROOT_MISMATCH',
    });
    expect(rejection(() => tc.verifyInclusion(leafHash(Buffer.from('event-30')), 30, []))).toMatchObject({
      code: 'MERKLE_INDEX_OUT_OF_RANGE',
    });
  });

  it('re-verifies a persisted trusted checkpoint when it is loaded', () => {
    const saved = checkpoint(honest, 8);
    expect(client(saved).current?.size).toBe(8);
    expect(rejection(() => client(saved.replace('\n8\n', '\n9\n')))).toMatchObject({ code: 'NOTE_BAD_SIGNATURE' });
  });
});
