/** Stable codes for notes, keys and checkpoints. Messages never include private key material. */
export type CheckpointErrorCode =
  | 'NOTE_MALFORMED'
  | 'NOTE_UNVERIFIED'
  | 'NOTE_BAD_SIGNATURE'
  | 'KEY_MALFORMED'
  | 'SIGNING_KEY_MISSING'
  | 'CHECKPOINT_MALFORMED'
  | 'CHECKPOINT_ORIGIN_MISMATCH'
  | 'CHECKPOINT_ROLLBACK'
  | 'CHECKPOINT_SPLIT_VIEW'
  | 'CHECKPOINT_INCONSISTENT';

export class CheckpointError extends Error {
  override readonly name = 'CheckpointError';

  constructor(
    readonly code: CheckpointErrorCode,
    message: string,
    /** The signed notes involved (for a split view, the two that together prove the log misbehaved). */
    readonly evidence?: readonly string[],
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
