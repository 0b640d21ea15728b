export { CheckpointError, type CheckpointErrorCode } from './checkpoint-error';
export { decodeBase64Strict } from './strict-base64';
export {
  assertSafeEd25519PublicKey,
  ED25519_SIGNATURE_TYPE,
  Ed25519NoteVerifier,
  ed25519KeyId,
  formatVerifierKey,
  isValidKeyName,
  type NoteSigner,
  type NoteVerifier,
  parseVerifierKey,
} from './note-keys';
export { MAX_NOTE_SIGNATURES, type NoteSignature, type OpenedNote, openNote, type ParsedNote, parseNote, signNote } from './signed-note';
export {
  type CheckpointBody,
  formatCheckpointText,
  type ParsedCheckpoint,
  parseCheckpoint,
  signCheckpoint,
  type VerifiedCheckpoint,
  type VerifyCheckpointOptions,
  verifyCheckpoint,
} from './checkpoint';
export { DEFAULT_KEY_FILE, loadSigningKey, type LoadSigningKeyOptions, parseGoSignerKey, SigningKey } from './signing-key';
export { TrustedCheckpoint, type TrustedCheckpointOptions } from './trusted-checkpoint';
