import { emptyRoot, leafHash, nodeHash } from '../hashing';

/**
 * RFC 9162 §2.1 transcribed literally: recursive, over whole leaf lists, recomputing every
 * hash. Slow on purpose, and written independently of the frontier and the node store, so
 * tests can compare the two and catch a bug that both sides of a proof would share.
 */

function k(n: number): number {
  let p = 1;
  while (p * 2 < n) p *= 2;
  return p;
}

export function mth(leaves: Buffer[]): Buffer {
  if (leaves.length === 0) return emptyRoot;
  if (leaves.length === 1) return leaves[0];
  const split = k(leaves.length);
  return nodeHash(mth(leaves.slice(0, split)), mth(leaves.slice(split)));
}

export function path(m: number, leaves: Buffer[]): Buffer[] {
  if (leaves.length === 1) return [];
  const split = k(leaves.length);
  if (m < split) return [...path(m, leaves.slice(0, split)), mth(leaves.slice(split))];
  return [...path(m - split, leaves.slice(split)), mth(leaves.slice(0, split))];
}

function subproof(m: number, leaves: Buffer[], b: boolean): Buffer[] {
  const n = leaves.length;
  if (m === n) return b ? [] : [mth(leaves)];
  const split = k(n);
  if (m <= split) return [...subproof(m, leaves.slice(0, split), b), mth(leaves.slice(split))];
  return [...subproof(m - split, leaves.slice(split), false), mth(leaves.slice(0, split))];
}

export function proof(m: number, leaves: Buffer[]): Buffer[] {
  return subproof(m, leaves, true);
}

/** Deterministic distinct leaves: leafHash of "leaf-<i>". */
export function syntheticLeaves(count: number): Buffer[] {
  return Array.from({ length: count }, (_, i) => leafHash(Buffer.from(`leaf-${i}`)));
}

/**
 * The shape of PATH(m, D[n]): for each element, bottom-up, whether the sibling sits to the
 * left ('L') or right ('R'). Two (index, size) claims with the same shape make the verifier
 * do the very same hashing, so a proof cannot tell them apart: the size is authenticated by
 * the signed checkpoint that pairs it with the root, not by the proof.
 */
export function pathShape(m: number, n: number): string {
  if (n === 1) return '';
  const split = k(n);
  return m < split ? pathShape(m, split) + 'R' : pathShape(m - split, n - split) + 'L';
}

/** The shape of PROOF(m, D[n]) likewise; '=' marks that the old root itself seeds the walk. */
export function proofShape(m: number, n: number): string {
  const sub = (mm: number, nn: number, b: boolean): string => {
    if (mm === nn) return b ? '=' : 'S';
    const split = k(nn);
    return mm <= split ? sub(mm, split, b) + 'R' : sub(mm - split, nn - split, false) + 'L';
  };
  return sub(m, n, true);
}
