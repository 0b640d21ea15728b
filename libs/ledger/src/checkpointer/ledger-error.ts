/** Stable codes for the checkpointer and the proof service; messages never carry ballot choices. */
export type LedgerErrorCode =
  | 'LEDGER_CHAIN_BROKEN'
  | 'LEDGER_POSITION_GAP'
  | 'LEDGER_NOT_FOUND'
  | 'LEDGER_NOT_CHECKPOINTED'
  | 'LEDGER_INVALID_ARGUMENT'
  | 'LEDGER_STATE_CORRUPT';

export class LedgerError extends Error {
  override readonly name = 'LedgerError';

  constructor(
    readonly code: LedgerErrorCode,
    message: string,
    /** The log position the error is about, when there is one. */
    readonly position?: number,
  ) {
    super(message);
  }
}
