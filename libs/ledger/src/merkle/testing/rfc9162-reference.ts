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
