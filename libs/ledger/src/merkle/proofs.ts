import { emptyRoot, nodeHash } from './hashing';
import { assertCount, MerkleError } from './merkle-error';
import type { AsyncNodeReader, NodeReader } from './node-store';
import { largestPowerOfTwoBelow, type NodeId, rangeNodes } from './tree-math';

/**
 * Which stored nodes a proof needs, and how they fold into proof elements. A proof element
 * is the hash of a subtree [begin, end); when that subtree is not perfect (only on the right
 * edge of the tree) it is recomputed from the perfect subtrees that cover it. Separating
 * "which nodes" from "fetch" lets a database-backed store answer a proof in one query.
 */
export interface ProofPlan {
  /** Perfect subtrees to fetch, in order. O(log n) of them. */
  readonly nodes: readonly NodeId[];
  /** groups[i] consecutive nodes fold into proof element i. */
  readonly groups: readonly number[];
}

interface Range {
  begin: number;
  end: number;
}

function planFromRanges(ranges: Range[]): ProofPlan {
  const nodes: NodeId[] = [];
  const groups: number[] = [];
  for (const { begin, end } of ranges) {
    const cover = rangeNodes(begin, end);
    nodes.push(...cover);
    groups.push(cover.length);
  }
  return { nodes, groups };
}

/**
 * PATH(m, D[n]) of RFC 9162 §2.1.3.1, walked top-down over leaf ranges instead of recursing
 * over leaves; the RFC lists siblings bottom-up, hence the reverse at the end.
 */
export function inclusionProofPlan(index: number, size: number): ProofPlan {
  assertCount(index, 'index');
  assertCount(size, 'size');
  if (index >= size) {
    throw new MerkleError('MERKLE_INDEX_OUT_OF_RANGE', `leaf index ${index} is not below tree size ${size}`);
  }
  const siblings: Range[] = [];
  let m = index;
  let begin = 0;
  let n = size;
  while (n > 1) {
    const k = largestPowerOfTwoBelow(n);
    if (m < k) {
      siblings.push({ begin: begin + k, end: begin + n });
      n = k;
    } else {
      siblings.push({ begin, end: begin + k });
      m -= k;
      begin += k;
      n -= k;
    }
  }
  return planFromRanges(siblings.reverse());
}

/** PROOF(m, D[n]) = SUBPROOF(m, D[n], true) of RFC 9162 §2.1.4.1, for 0 < size1 ≤ size2. */
export function consistencyProofPlan(size1: number, size2: number): ProofPlan {
  assertCount(size1, 'size1');
  assertCount(size2, 'size2');
  if (size1 > size2) {
    throw new MerkleError('MERKLE_SIZE_ORDER', `size1 ${size1} is greater than size2 ${size2}`);
  }
  if (size1 === 0) {
    // Every tree extends the empty tree; a proof from it proves nothing (and RFC 9162 defines none).
    throw new MerkleError('MERKLE_EMPTY_TREE', 'a consistency proof from the empty tree is meaningless');
  }
  const path: Range[] = [];
  let m = size1;
  let begin = 0;
  let n = size2;
  let whole = true; // the RFC's b: is the subtree being walked the whole old tree?
  while (m !== n) {
    const k = largestPowerOfTwoBelow(n);
    if (m <= k) {
      path.push({ begin: begin + k, end: begin + n });
      n = k;
    } else {
      path.push({ begin, end: begin + k });
      m -= k;
      begin += k;
      n -= k;
      whole = false;
    }
  }
  // The old tree's own root is known to the verifier; any other meeting point is not.
  if (!whole) path.push({ begin, end: begin + m });
  return planFromRanges(path.reverse());
}

/** Folds fetched node hashes into proof elements, per the plan's groups. */
export function assembleProof(plan: ProofPlan, hashes: ReadonlyArray<Uint8Array | undefined>): Buffer[] {
  if (hashes.length !== plan.nodes.length) {
    throw new MerkleError('MERKLE_INVALID_ARGUMENT', `plan needs ${plan.nodes.length} hashes, got ${hashes.length}`);
  }
  const present = hashes.map((h, i) => {
    if (!h) {
      const { level, index } = plan.nodes[i];
      throw new MerkleError('MERKLE_NODE_MISSING', `node (${level}, ${index}) is not in the store`);
    }
    return h;
  });
  const proof: Buffer[] = [];
  let at = 0;
  for (const count of plan.groups) {
    let hash: Buffer = Buffer.from(present[at + count - 1]);
    for (let i = at + count - 2; i >= at; i--) hash = nodeHash(present[i], hash);
    proof.push(hash);
    at += count;
  }
  return proof;
}

/** A node store, or just its getNode function. */
export type NodeSource = NodeReader | NodeReader['getNode'];

function fetchSync(plan: ProofPlan, store: NodeSource): Array<Uint8Array | undefined> {
  const getNode = typeof store === 'function' ? store : store.getNode.bind(store);
  return plan.nodes.map(({ level, index }) => getNode(level, index));
}

/** Inclusion proof for leaf `index` in the tree of `size` leaves, read from O(log n) stored nodes. */
export function inclusionProof(index: number, size: number, store: NodeSource): Buffer[] {
  const plan = inclusionProofPlan(index, size);
  return assembleProof(plan, fetchSync(plan, store));
}

export async function inclusionProofAsync(index: number, size: number, store: AsyncNodeReader): Promise<Buffer[]> {
  const plan = inclusionProofPlan(index, size);
  return assembleProof(plan, await store.getNodes(plan.nodes));
}

/** Consistency proof from the tree of `size1` leaves to the tree of `size2` leaves. Empty when the sizes are equal. */
export function consistencyProof(size1: number, size2: number, store: NodeSource): Buffer[] {
  const plan = consistencyProofPlan(size1, size2);
  return assembleProof(plan, fetchSync(plan, store));
}

export async function consistencyProofAsync(size1: number, size2: number, store: AsyncNodeReader): Promise<Buffer[]> {
  const plan = consistencyProofPlan(size1, size2);
  return assembleProof(plan, await store.getNodes(plan.nodes));
}

/** Plan for the root of any past size: the perfect subtrees covering [0, size). */
export function treeRootPlan(size: number): ProofPlan {
  assertCount(size, 'size');
  return size === 0 ? { nodes: [], groups: [] } : planFromRanges([{ begin: 0, end: size }]);
}

function rootFrom(plan: ProofPlan, hashes: ReadonlyArray<Uint8Array | undefined>): Buffer {
  return plan.groups.length === 0 ? Buffer.from(emptyRoot) : assembleProof(plan, hashes)[0];
}

/** MTH of the first `size` leaves, for any size the store has reached. */
export function treeRoot(size: number, store: NodeSource): Buffer {
  const plan = treeRootPlan(size);
  return rootFrom(plan, fetchSync(plan, store));
}

export async function treeRootAsync(size: number, store: AsyncNodeReader): Promise<Buffer> {
  const plan = treeRootPlan(size);
  return rootFrom(plan, await store.getNodes(plan.nodes));
}
