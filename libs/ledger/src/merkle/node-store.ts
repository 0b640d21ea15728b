import { MERKLE_HASH_SIZE } from './hashing';
import { MerkleError } from './merkle-error';
import type { NodeId } from './tree-math';

/**
 * Where proofs read hashes from. Only perfect subtrees are stored (a leaf is level 0); the
 * hashes of the ragged right edge are recomputed from them, so a stored node never changes
 * once written and a table of (level, index, hash) rows can back this.
 */
export interface NodeReader {
  /** The hash of perfect subtree (level, index), or undefined if it is not stored (yet). */
  getNode(level: number, index: number): Uint8Array | undefined;
}

/** For stores behind I/O: one round trip fetches every node a proof needs. */
export interface AsyncNodeReader {
  /** The hashes of `ids`, in the same order; undefined where a node is not stored. */
  getNodes(ids: readonly NodeId[]): Promise<ReadonlyArray<Uint8Array | undefined>>;
}

/** Receives each perfect subtree the moment it is complete (see MerkleFrontier.append). */
export type NodeSink = (level: number, index: number, hash: Buffer) => void;

/**
 * In-memory node store: one growing buffer per level, 32 bytes a node, so a million leaves
 * cost about 64 MB instead of two million Buffer objects.
 */
export class MemoryNodeStore implements NodeReader, AsyncNodeReader {
  private readonly levels: { bytes: Buffer; count: number }[] = [];

  /** Bind as the frontier's sink: `new MerkleFrontier(store.sink)`. */
  readonly sink: NodeSink = (level, index, hash) => this.setNode(level, index, hash);

  setNode(level: number, index: number, hash: Uint8Array): void {
    if (hash.length !== MERKLE_HASH_SIZE) {
      throw new MerkleError('MERKLE_HASH_LENGTH', `node hash must be ${MERKLE_HASH_SIZE} bytes, got ${hash.length}`);
    }
    while (this.levels.length <= level) this.levels.push({ bytes: Buffer.alloc(MERKLE_HASH_SIZE * 64), count: 0 });
    const row = this.levels[level];
    // Nodes arrive in order from a frontier; a gap would mean a lost write upstream.
    if (index > row.count) {
      throw new MerkleError('MERKLE_INVALID_ARGUMENT', `node (${level}, ${index}) written before node (${level}, ${row.count})`);
    }
    if (index < row.count) {
      const existing = row.bytes.subarray(index * MERKLE_HASH_SIZE, (index + 1) * MERKLE_HASH_SIZE);
      if (!existing.equals(hash)) {
        throw new MerkleError('MERKLE_INVALID_ARGUMENT', `node (${level}, ${index}) is already stored with a different hash`);
      }
      return;
    }
    if ((index + 1) * MERKLE_HASH_SIZE > row.bytes.length) {
      const grown = Buffer.alloc(row.bytes.length * 2);
      row.bytes.copy(grown);
      row.bytes = grown;
    }
    Buffer.from(hash.buffer, hash.byteOffset, hash.byteLength).copy(row.bytes, index * MERKLE_HASH_SIZE);
    row.count += 1;
  }

  getNode(level: number, index: number): Buffer | undefined {
    const row = this.levels[level];
    if (!row || index >= row.count || index < 0) return undefined;
    // A copy, so a caller that mutates a proof element cannot corrupt the store.
    return Buffer.from(row.bytes.subarray(index * MERKLE_HASH_SIZE, (index + 1) * MERKLE_HASH_SIZE));
  }

  async getNodes(ids: readonly NodeId[]): Promise<Array<Buffer | undefined>> {
    return ids.map((id) => this.getNode(id.level, id.index));
  }

  /** Number of leaves stored. */
  get leafCount(): number {
    return this.levels[0]?.count ?? 0;
  }
}
