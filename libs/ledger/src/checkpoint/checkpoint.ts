import { MERKLE_HASH_SIZE } from '../merkle/hashing';
import { CheckpointError } from './checkpoint-error';
import { type NoteSigner, type NoteVerifier, parseVerifierKey } from './note-keys';
import { type NoteSignature, openNote, parseNote, signNote } from './signed-note';
import { decodeBase64Strict } from './strict-base64';

/**
 * c2sp.org/tlog-checkpoint: a signed note whose text is
 *   <origin>\n<tree size>\n<base64 root hash>\n[extension lines]
 * We add one optional extension line, `time <ISO 8601 UTC>`, the moment the log signed it.
 */
export interface CheckpointBody {
  origin: string;
  size: number;
  rootHash: Buffer;
  time?: Date;
  /** Other extension lines, verbatim, in order (the time line is not among them). */
  extensions?: string[];
}

export interface ParsedCheckpoint extends Required<Omit<CheckpointBody, 'time'>> {
  time?: Date;
  /** The signed text. */
  text: string;
  /** The whole signed note, as received. */
  note: string;
  signatures: readonly NoteSignature[];
}

export interface VerifiedCheckpoint extends ParsedCheckpoint {
  /** Names of the trusted keys whose signatures verified. */
  verifiedBy: string[];
}

const TIME_PREFIX = 'time ';
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

function malformed(why: string): CheckpointError {
  return new CheckpointError('CHECKPOINT_MALFORMED', `malformed checkpoint: ${why}`);
}

/** The note text of a checkpoint. */
export function formatCheckpointText(body: CheckpointBody): string {
  const { origin, size, rootHash, time, extensions = [] } = body;
  if (origin.length === 0 || origin.includes('\n')) throw malformed('origin must be one non-empty line');
  if (!Number.isSafeInteger(size) || size < 0) throw malformed(`tree size must be a non-negative safe integer, got ${size}`);
  if (rootHash.length !== MERKLE_HASH_SIZE) throw malformed(`root hash must be ${MERKLE_HASH_SIZE} bytes, got ${rootHash.length}`);
  const lines = [origin, String(size), rootHash.toString('base64')];
  if (time) {
    if (Number.isNaN(time.getTime())) throw malformed('time is not a valid date');
    lines.push(TIME_PREFIX + time.toISOString());
  }
  for (const line of extensions) {
    if (line.length === 0 || line.includes('\n')) throw malformed('extension lines must be single non-empty lines');
    if (line.startsWith(TIME_PREFIX)) throw malformed('pass the time as `time`, not as an extension line');
    lines.push(line);
  }
  return lines.map((line) => `${line}\n`).join('');
}

/** Signs a checkpoint. The signer's key name should be the origin (tlog-checkpoint). */
export function signCheckpoint(body: CheckpointBody, signer: NoteSigner | readonly NoteSigner[]): string {
  return signNote(formatCheckpointText(body), Array.isArray(signer) ? signer : [signer as NoteSigner]);
}

function parseText(text: string): Omit<ParsedCheckpoint, 'text' | 'note' | 'signatures'> {
  if (!text.endsWith('\n')) throw malformed('text must end with a newline');
  const lines = text.slice(0, -1).split('\n');
  if (lines.length < 3) throw malformed('need origin, size and root hash lines');
  const [origin, sizeLine, rootLine, ...rest] = lines;
  if (origin.length === 0) throw malformed('empty origin');
  if (!/^(0|[1-9][0-9]*)$/.test(sizeLine)) throw malformed('tree size must be decimal without leading zeros');
  const size = Number(sizeLine);
  if (!Number.isSafeInteger(size)) throw malformed('tree size is too large');
  const rootHash = decodeBase64Strict(rootLine);
  if (!rootHash || rootHash.length !== MERKLE_HASH_SIZE) throw malformed(`root hash must be base64 of ${MERKLE_HASH_SIZE} bytes`);
  let time: Date | undefined;
  const extensions: string[] = [];
  for (const line of rest) {
    if (line.length === 0) throw malformed('empty extension line');
    if (line.startsWith(TIME_PREFIX)) {
      const iso = line.slice(TIME_PREFIX.length);
      const parsed = new Date(iso);
      if (time || !ISO_UTC.test(iso) || Number.isNaN(parsed.getTime()) || parsed.toISOString() !== iso) {
        throw malformed('the time line must appear once, as time <YYYY-MM-DDTHH:MM:SS.sssZ>');
      }
      time = parsed;
    } else {
      extensions.push(line);
    }
  }
  return { origin, size, rootHash, ...(time ? { time } : {}), extensions };
}

/**
 * Reads a checkpoint note WITHOUT verifying it: for display and for picking the right key.
 * Nothing in it may be trusted before verifyCheckpoint.
 */
export function parseCheckpoint(note: string): ParsedCheckpoint {
  const { text, signatures } = parseNote(note);
  return { ...parseText(text), text, note, signatures };
}

export interface VerifyCheckpointOptions {
  /** Reject a checkpoint of any other log. */
  origin?: string;
}

/**
 * Verifies a checkpoint against trusted keys (verifier key strings or verifier objects).
 * Throws CheckpointError: NOTE_MALFORMED / CHECKPOINT_MALFORMED, NOTE_UNVERIFIED (no trusted
 * key signed: wrong or unknown key), NOTE_BAD_SIGNATURE (a trusted key's signature fails:
 * tampered text or forged signature), CHECKPOINT_ORIGIN_MISMATCH.
 */
export function verifyCheckpoint(
  note: string,
  verifierKeys: ReadonlyArray<string | NoteVerifier>,
  options: VerifyCheckpointOptions = {},
): VerifiedCheckpoint {
  const verifiers = verifierKeys.map((k) => (typeof k === 'string' ? parseVerifierKey(k) : k));
  const opened = openNote(note, verifiers);
  const body = parseText(opened.text);
  if (options.origin !== undefined && body.origin !== options.origin) {
    throw new CheckpointError('CHECKPOINT_ORIGIN_MISMATCH', `checkpoint is from ${body.origin}, expected ${options.origin}`);
  }
  return {
    ...body,
    text: opened.text,
    note,
    signatures: opened.signatures,
    verifiedBy: [...new Set(opened.verified.map((s) => s.name))],
  };
}
