import { assertCount, MerkleError } from './merkle-error';

/**
 * Tree sizes go up to 2^53, past the 32 bits JS bitwise operators handle, so this file uses
 * arithmetic (x % 2, Math.floor(x / 2)) where the RFC says "LSB" and "right-shift".
 */

/** A perfect subtree: the 2^level leaves starting at index · 2^level. */
export interface NodeId {
  readonly level: number;
  readonly index: number;
}

export function isPowerOfTwo(n: number): boolean {
  if (n < 1) return false;
  while (n % 2 === 0) n /= 2;
  return n === 1;
}

/** RFC 9162's k: the largest power of two smaller than n (n > 1). */
export function largestPowerOfTwoBelow(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/**
 * The perfect subtrees that exactly cover leaves [begin, end), left to right. Only ranges
 * that occur in RFC 9162 proofs are asked for: begin is a multiple of a power of two at
 * least as large as the range, so the cover is one node per set bit of (end - begin), largest first.
 */
export function rangeNodes(begin: number, end: number): NodeId[] {
  assertCount(begin, 'begin');
  assertCount(end, 'end');
  const nodes: NodeId[] = [];
  let at = begin;
  let remaining = end - begin;
  let size = 1;
  let level = 0;
  while (size * 2 <= remaining) {
    size *= 2;
    level += 1;
  }
  while (remaining > 0) {
    if (size <= remaining) {
      if (at % size !== 0) {
        throw new MerkleError('MERKLE_INVALID_ARGUMENT', `range [${begin}, ${end}) is not covered by aligned perfect subtrees`);
      }
      nodes.push({ level, index: at / size });
      at += size;
      remaining -= size;
    }
    size /= 2;
    level -= 1;
  }
  return nodes;
}
