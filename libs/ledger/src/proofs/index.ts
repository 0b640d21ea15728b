export { ENTRY_PROOF_FORMAT, type EntryProof, type ProvenEvent } from './entry-proof-format';
export {
  consistency,
  type ConsistencyAnswer,
  entryProof,
  inclusion,
  type InclusionAnswer,
  LedgerService,
  type StreamSource,
  treeSize,
} from './ledger-service';
