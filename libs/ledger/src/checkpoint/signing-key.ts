import { createPrivateKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CheckpointError } from './checkpoint-error';
import {
  ED25519_SIGNATURE_TYPE,
  Ed25519NoteVerifier,
  ed25519KeyId,
  ed25519PrivateKeyFromSeed,
  ed25519PublicKeyBytes,
  ed25519Seed,
  ed25519Sign,
  formatVerifierKey,
  isValidKeyName,
  type NoteSigner,
} from './note-keys';
import { decodeBase64Strict } from './strict-base64';

export const DEFAULT_KEY_FILE = 'ledger-key.pem';

/** The log's Ed25519 signing key, bound to the key name that appears in its signatures. */
export class SigningKey implements NoteSigner {
  readonly keyId: number;
  readonly publicKey: Buffer;

  private constructor(
    readonly name: string,
    private readonly privateKey: KeyObject,
  ) {
    if (!isValidKeyName(name)) {
      throw new CheckpointError('KEY_MALFORMED', `key name ${JSON.stringify(name)} must be non-empty, without spaces or '+'`);
    }
    if (privateKey.type !== 'private' || privateKey.asymmetricKeyType !== 'ed25519') {
      throw new CheckpointError('KEY_MALFORMED', 'the signing key must be an Ed25519 private key');
    }
    this.publicKey = ed25519PublicKeyBytes(privateKey);
    this.keyId = ed25519KeyId(name, this.publicKey);
  }

  static generate(name: string): SigningKey {
    return new SigningKey(name, generateKeyPairSync('ed25519').privateKey);
  }

  static fromKeyObject(name: string, privateKey: KeyObject): SigningKey {
    return new SigningKey(name, privateKey);
  }

  static fromSeed(name: string, seed: Uint8Array): SigningKey {
    return new SigningKey(name, ed25519PrivateKeyFromSeed(seed));
  }

  /** PKCS#8 PEM, as written by toPem() or `openssl genpkey -algorithm ed25519`. */
  static fromPem(name: string, pem: string): SigningKey {
    try {
      return new SigningKey(name, createPrivateKey({ key: pem, format: 'pem' }));
    } catch (e) {
      if (e instanceof CheckpointError) throw e;
      throw new CheckpointError('KEY_MALFORMED', 'the PEM text is not a PKCS#8 Ed25519 private key');
    }
  }

  /**
   * Whatever an operator is likely to put in an environment variable: PKCS#8 PEM; base64 of
   * PKCS#8 DER (a PEM squeezed onto one line); base64 of the 32-byte seed; or the Go note
   * format `PRIVATE+KEY+<name>+<hex id>+<base64(0x01 ‖ seed)>`, whose name must match.
   */
  static fromText(name: string, text: string): SigningKey {
    const trimmed = text.trim();
    if (trimmed.startsWith('-----BEGIN')) return SigningKey.fromPem(name, trimmed);
    if (trimmed.startsWith('PRIVATE+KEY+')) {
      const key = parseGoSignerKey(trimmed);
      if (key.name !== name) throw new CheckpointError('KEY_MALFORMED', `the key is for ${key.name}, expected ${name}`);
      return key;
    }
    const bytes = decodeBase64Strict(trimmed);
    if (bytes?.length === 32) return SigningKey.fromSeed(name, bytes);
    if (bytes) {
      try {
        return new SigningKey(name, createPrivateKey({ key: bytes, format: 'der', type: 'pkcs8' }));
      } catch {
        // fall through to the one error message below
      }
    }
    throw new CheckpointError('KEY_MALFORMED', 'signing key text is neither PEM, base64 PKCS#8, a base64 seed, nor PRIVATE+KEY+…');
  }

  static fromFile(name: string, path: string): SigningKey {
    return SigningKey.fromText(name, readFileSync(path, 'utf8'));
  }

  sign(message: Buffer): Buffer {
    return ed25519Sign(this.privateKey, message);
  }

  /** The string to publish so others can verify: `<name>+<hex id>+<base64(0x01 ‖ public key)>`. */
  get vkey(): string {
    return formatVerifierKey(this.name, this.publicKey);
  }

  verifier(): Ed25519NoteVerifier {
    return new Ed25519NoteVerifier(this.name, this.publicKey);
  }

  toPem(): string {
    return this.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  }

  /** The Go note signer key string, for tools of the transparency-dev ecosystem. Secret. */
  toGoSignerKey(): string {
    const material = Buffer.concat([Buffer.from([ED25519_SIGNATURE_TYPE]), ed25519Seed(this.privateKey)]).toString('base64');
    return `PRIVATE+KEY+${this.name}+${this.keyId.toString(16).padStart(8, '0')}+${material}`;
  }

  /** Never print the private key by accident (logs, error reports). */
  toJSON(): { name: string; vkey: string } {
    return { name: this.name, vkey: this.vkey };
  }
}

/** Parses `PRIVATE+KEY+<name>+<hex id>+<base64(0x01 ‖ seed)>` (golang.org/x/mod/sumdb/note). */
export function parseGoSignerKey(skey: string): SigningKey {
  const parts = skey.split('+');
  // The base64 part may itself contain '+': take the first four separators only.
  if (parts.length < 5 || parts[0] !== 'PRIVATE' || parts[1] !== 'KEY') {
    throw new CheckpointError('KEY_MALFORMED', 'signer key must be PRIVATE+KEY+<name>+<hex id>+<base64 key>');
  }
  const [, , name, id] = parts;
  const material = decodeBase64Strict(parts.slice(4).join('+'));
  if (!/^[0-9a-f]{8}$/.test(id) || !material || material.length !== 33 || material[0] !== ED25519_SIGNATURE_TYPE) {
    throw new CheckpointError('KEY_MALFORMED', 'signer key must carry an 8-hex-digit ID and base64(0x01 ‖ 32-byte seed)');
  }
  const key = SigningKey.fromSeed(name, material.subarray(1));
  if (key.keyId.toString(16).padStart(8, '0') !== id) {
    throw new CheckpointError('KEY_MALFORMED', 'signer key ID does not match its name and key');
  }
  return key;
}

export interface LoadSigningKeyOptions {
  /** Key name used in signatures; by convention the log's origin. */
  name: string;
  /** The contents of an environment variable (see SigningKey.fromText); wins when non-empty. */
  value?: string;
  /** A key file that must exist. */
  file?: string;
  /** A directory where the key is kept: read it if present, else generate and persist it. */
  dir?: string;
  /** File name inside dir; default ledger-key.pem. */
  fileName?: string;
}

/**
 * Loads the signing key from the first source configured: value, then file, then dir
 * (generating `<dir>/ledger-key.pem`, mode 0600, on first start). A key in dir survives
 * restarts, so checkpoints signed before and after stay verifiable with one vkey.
 */
export function loadSigningKey(options: LoadSigningKeyOptions): SigningKey {
  const { name, value, file, dir, fileName = DEFAULT_KEY_FILE } = options;
  if (value !== undefined && value.trim() !== '') return SigningKey.fromText(name, value);
  if (file) return SigningKey.fromFile(name, file);
  if (dir) {
    const path = join(dir, fileName);
    try {
      return SigningKey.fromFile(name, path);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    const key = SigningKey.generate(name);
    mkdirSync(dirname(path), { recursive: true });
    // Write aside, then link into place: link fails if the name exists, so two processes
    // starting together agree on one key, and nobody ever reads a half-written file.
    const temp = `${path}.${process.pid}.${Date.now()}.tmp`;
    writeFileSync(temp, key.toPem(), { mode: 0o600, flag: 'wx' });
    try {
      linkSync(temp, path);
      return key;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') return SigningKey.fromFile(name, path);
      throw e;
    } finally {
      unlinkSync(temp);
    }
  }
  throw new CheckpointError('SIGNING_KEY_MISSING', 'no signing key configured: give a key value, a key file or a key directory');
}
