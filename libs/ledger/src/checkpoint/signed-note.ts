import { CheckpointError } from './checkpoint-error';
import { isValidKeyName, type NoteSigner, type NoteVerifier } from './note-keys';
import { decodeBase64Strict } from './strict-base64';

/** c2sp.org/signed-note: at least 16 must be accepted; golang.org/x/mod/sumdb/note stops at 100. */
export const MAX_NOTE_SIGNATURES = 100;
const SIGNATURE_PREFIX = '\u2014 '; // em dash, space

export interface NoteSignature {
  readonly name: string;
  readonly keyId: number;
  /** The signature proper, without the 4-byte key ID. */
  readonly signature: Buffer;
  /** The line as it appeared, without the newline. */
  readonly line: string;
}

export interface ParsedNote {
  /** The signed text, including its final newline. */
  readonly text: string;
  readonly signatures: readonly NoteSignature[];
}

export interface OpenedNote extends ParsedNote {
  /** The signatures that were checked against a known key and are valid. */
  readonly verified: readonly NoteSignature[];
}

function malformed(why: string): CheckpointError {
  return new CheckpointError('NOTE_MALFORMED', `malformed signed note: ${why}`);
}

function checkText(text: string, what: string): void {
  if (Buffer.from(text, 'utf8').toString('utf8') !== text) throw malformed(`${what} is not valid UTF-8`);
  // eslint-disable-next-line no-control-regex -- the rule is exactly about control characters
  if (/[\u0000-\u0009\u000b-\u001f]/.test(text)) throw malformed(`${what} contains a control character other than newline`);
}

/** Signs `text` (which must end in a newline) with each signer: text, blank line, one line per signature. */
export function signNote(text: string, signers: readonly NoteSigner[]): string {
  checkText(text, 'text');
  if (!text.endsWith('\n')) throw malformed('text must end with a newline');
  if (signers.length === 0) throw malformed('a note needs at least one signature');
  const message = Buffer.from(text, 'utf8');
  const lines = signers.map((signer) => {
    if (!isValidKeyName(signer.name)) throw new CheckpointError('KEY_MALFORMED', 'signer has an invalid key name');
    const id = Buffer.alloc(4);
    id.writeUInt32BE(signer.keyId);
    return `${SIGNATURE_PREFIX}${signer.name} ${Buffer.concat([id, signer.sign(message)]).toString('base64')}\n`;
  });
  return `${text}\n${lines.join('')}`;
}

/** Splits a note into text and signature lines. Does not verify anything: see openNote. */
export function parseNote(note: string): ParsedNote {
  checkText(note, 'note');
  const split = note.lastIndexOf('\n\n');
  if (split < 0) throw malformed('no blank line before the signatures');
  const text = note.slice(0, split + 1);
  const block = note.slice(split + 2);
  if (block.length === 0 || !block.endsWith('\n')) throw malformed('signature lines must end with a newline');
  const lines = block.slice(0, -1).split('\n');
  if (lines.length > MAX_NOTE_SIGNATURES) throw malformed(`more than ${MAX_NOTE_SIGNATURES} signatures`);
  const signatures = lines.map((line): NoteSignature => {
    if (!line.startsWith(SIGNATURE_PREFIX)) throw malformed('a signature line must start with an em dash and a space');
    const rest = line.slice(SIGNATURE_PREFIX.length);
    const space = rest.indexOf(' ');
    if (space < 0) throw malformed('a signature line is "— <name> <base64>"');
    const name = rest.slice(0, space);
    const blob = decodeBase64Strict(rest.slice(space + 1));
    if (!isValidKeyName(name)) throw malformed('invalid key name in a signature line');
    if (!blob || blob.length < 5) throw malformed('a signature must be base64 of a key ID and at least one byte');
    return { name, keyId: blob.readUInt32BE(0), signature: blob.subarray(4), line };
  });
  return { text, signatures };
}

/**
 * Verifies a note the way c2sp.org/signed-note prescribes: signatures from unknown keys
 * (name and ID not both matching a verifier) are ignored; a known key whose signature fails
 * rejects the whole note; and at least one known key must have signed.
 */
export function openNote(note: string, verifiers: readonly NoteVerifier[]): OpenedNote {
  const parsed = parseNote(note);
  const message = Buffer.from(parsed.text, 'utf8');
  const verified: NoteSignature[] = [];
  for (const sig of parsed.signatures) {
    const known = verifiers.filter((v) => v.name === sig.name && v.keyId === sig.keyId);
    if (known.length === 0) continue;
    if (known.length > 1) {
      throw new CheckpointError('KEY_MALFORMED', `two verifier keys share the name and ID of ${sig.name}`);
    }
    if (!known[0].verify(message, sig.signature)) {
      throw new CheckpointError('NOTE_BAD_SIGNATURE', `the signature by ${sig.name} does not verify`);
    }
    verified.push(sig);
  }
  if (verified.length === 0) {
    throw new CheckpointError('NOTE_UNVERIFIED', 'the note carries no signature from a trusted key');
  }
  return { ...parsed, verified };
}
