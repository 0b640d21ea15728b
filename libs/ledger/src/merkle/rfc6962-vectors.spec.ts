import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { emptyRoot, leafHash } from './hashing';
import { MerkleError } from './merkle-error';
import { MerkleFrontier, rootFromLeafHashes } from './merkle-frontier';
import { MemoryNodeStore } from './node-store';
import { consistencyProof, inclusionProof } from './proofs';
import { verifyConsistency, verifyInclusion } from './verify';

// The vectors of transparency-dev/merkle (testdata/), copied under test/fixtures with their licence.
const FIXTURES = resolve(__dirname, '../../../../test/fixtures/rfc6962');

interface InclusionCase {
  leafIdx: number;
  treeSize: number;
  root: string;
  leafHash: string;
  proof: string[] | null;
  desc: string;
  wantErr: boolean;
}

interface ConsistencyCase {
  size1: number;
  size2: number;
  root1: string;
  root2: string;
  proof: string[] | null;
  desc: string;
  wantErr: boolean;
}

function jsonFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? jsonFiles(full) : name.endsWith('.json') ? [full] : [];
  });
}

function load<T>(kind: string): Array<[string, T]> {
  return jsonFiles(join(FIXTURES, kind)).map((file) => [relative(FIXTURES, file), JSON.parse(readFileSync(file, 'utf8')) as T]);
}

const b64 = (s: string): Buffer => Buffer.from(s, 'base64');

// The leaf inputs the vectors were made from (README beside them).
const INPUTS = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'];
const LEAVES = INPUTS.map((hex) => leafHash(Buffer.from(hex, 'hex')));

describe('RFC 6962 reference vectors (transparency-dev/merkle testdata)', () => {
  const inclusion = load<InclusionCase>('inclusion');
  const consistency = load<ConsistencyCase>('consistency');

  it('finds the vector files', () => {
    expect(inclusion.length).toBeGreaterThanOrEqual(80);
    expect(consistency.length).toBeGreaterThanOrEqual(80);
    expect(inclusion.some(([, c]) => !c.wantErr)).toBe(true);
    expect(inclusion.some(([, c]) => c.wantErr)).toBe(true);
  });

  it.each(inclusion)('inclusion %s', (_file, c) => {
    const verify = (): void =>
      verifyInclusion(b64(c.leafHash), c.leafIdx, c.treeSize, (c.proof ?? []).map(b64), b64(c.root));
    if (c.wantErr) expect(verify).toThrow(MerkleError);
    else expect(verify).not.toThrow();
  });

  it.each(consistency)('consistency %s', (_file, c) => {
    const verify = (): void =>
      verifyConsistency(c.size1, c.size2, (c.proof ?? []).map(b64), b64(c.root1), b64(c.root2));
    if (c.wantErr) expect(verify).toThrow(MerkleError);
    else expect(verify).not.toThrow();
  });

  it('computes the reference roots listed in the vectors README for sizes 0..8', () => {
    const roots = [
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
      'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
      'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
      '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
      '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
      'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
      '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
    ];
    roots.forEach((root, size) => expect(rootFromLeafHashes(LEAVES.slice(0, size)).toString('hex')).toBe(root));
    expect(emptyRoot.toString('hex')).toBe(roots[0]);
  });

  it('generates, from a node store, exactly the proofs of every happy-path vector', () => {
    const store = new MemoryNodeStore();
    const frontier = new MerkleFrontier(store.sink);
    LEAVES.forEach((leaf) => frontier.append(leaf));
    const happyInclusion = inclusion.filter(([file]) => file.endsWith('happy-path.json'));
    const happyConsistency = consistency.filter(([file]) => file.endsWith('happy-path.json'));
    expect(happyInclusion.length).toBeGreaterThanOrEqual(5);
    expect(happyConsistency.length).toBeGreaterThanOrEqual(5);
    for (const [, c] of happyInclusion) {
      expect(LEAVES[c.leafIdx].equals(b64(c.leafHash))).toBe(true);
      const proof = inclusionProof(c.leafIdx, c.treeSize, store).map((h) => h.toString('base64'));
      expect(proof).toEqual(c.proof ?? []);
    }
    for (const [, c] of happyConsistency) {
      const proof = consistencyProof(c.size1, c.size2, store).map((h) => h.toString('base64'));
      expect(proof).toEqual(c.proof ?? []);
    }
  });
});
