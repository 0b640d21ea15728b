import { createHash } from 'node:crypto';
import { leafHash, MerkleFrontier } from '../merkle';
import { FastFrontier } from './fast-frontier';

describe('FastFrontier', () => {
  it('has the root MerkleFrontier has, at every size up to 300', () => {
    const reference = new MerkleFrontier();
    const fast = new FastFrontier();
    expect(fast.root().equals(reference.root())).toBe(true);
    for (let i = 0; i < 300; i++) {
      const leaf = leafHash(createHash('sha256').update(String(i)).digest());
      reference.append(leaf);
      fast.append(leaf);
      expect(fast.size).toBe(reference.size);
      expect(fast.root().toString('hex')).toBe(reference.root().toString('hex'));
    }
  });
});
