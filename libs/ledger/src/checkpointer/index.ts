export { LedgerError, type LedgerErrorCode } from './ledger-error';
export { ensureLedgerSchema, keyIdHex } from './ledger-schema';
export { SqlNodeReader } from './sql-node-store';
export {
  checkpointBySize,
  firstCheckpointCovering,
  latestCheckpoint,
  listCheckpoints,
  type PublicKeyRecord,
  publicKeys,
  type StoredCheckpoint,
} from './checkpoint-repository';
export { Checkpointer, type CheckpointerOptions, type LedgerLog, type LogSource } from './checkpointer';
export { DEFAULT_LEDGER_ORIGIN, type LedgerKeyEnv, ledgerSigningKey } from './ledger-key-config';
