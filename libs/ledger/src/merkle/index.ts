export { emptyRoot, hashesEqual, leafHash, MERKLE_HASH_SIZE, nodeHash } from './hashing';
export { MerkleError, type MerkleErrorCode } from './merkle-error';
export { type NodeId, rangeNodes } from './tree-math';
export { type AsyncNodeReader, MemoryNodeStore, type NodeReader, type NodeSink } from './node-store';
export { type FrontierState, MerkleFrontier, rootFromLeafHashes } from './merkle-frontier';
export {
  assembleProof,
  consistencyProof,
  consistencyProofAsync,
  consistencyProofPlan,
  inclusionProof,
  inclusionProofAsync,
  inclusionProofPlan,
  type NodeSource,
  type ProofPlan,
  treeRoot,
  treeRootAsync,
  treeRootPlan,
} from './proofs';
export {
  consistencyProofLength,
  inclusionProofLength,
  rootFromInclusionProof,
  verifyConsistency,
  verifyInclusion,
} from './verify';
export { eventLeafHash } from './event-leaf';
