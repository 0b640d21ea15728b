/**
 * Stable codes for everything a Merkle proof can get wrong. Callers (the API, the offline
 * verifier) branch on the code; the message says which numbers disagreed.
 */
export type MerkleErrorCode =
  | 'MERKLE_INVALID_ARGUMENT'
  | 'MERKLE_INDEX_OUT_OF_RANGE'
  | 'MERKLE_SIZE_ORDER'
  | 'MERKLE_EMPTY_TREE'
  | 'MERKLE_PROOF_LENGTH'
  | 'MERKLE_HASH_LENGTH'
  | 'MERKLE_ROOT_MISMATCH'
  | 'MERKLE_NODE_MISSING';

export class MerkleError extends Error {
  override readonly name = 'MerkleError';

  constructor(
    readonly code: MerkleErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Sizes and indices are JS numbers; above 2^53 they stop being exact, so refuse them outright. */
export function assertCount(value: number, what: string): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new MerkleError('MERKLE_INVALID_ARGUMENT', `${what} must be a non-negative safe integer, got ${value}`);
  }
}
