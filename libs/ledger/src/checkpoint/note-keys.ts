import {
  createHash,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  type KeyObject,
  sign,
  verify,
} from 'node:crypto';
import { CheckpointError } from './checkpoint-error';
import { decodeBase64Strict } from './strict-base64';

/** Signature type byte of c2sp.org/signed-note for Ed25519. */
export const ED25519_SIGNATURE_TYPE = 0x01;
const ED25519_PUBLIC_KEY_BYTES = 32;
const ED25519_SIGNATURE_BYTES = 64;
// DER prefix of a PKCS#8 Ed25519 private key (RFC 8410); the 32-byte seed follows.
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

export interface NoteSigner {
  readonly name: string;
  /** uint32 key ID, the first four bytes of each signature. */
  readonly keyId: number;
  sign(message: Buffer): Buffer;
}

export interface NoteVerifier {
  readonly name: string;
  readonly keyId: number;
  verify(message: Buffer, signature: Buffer): boolean;
}

/** c2sp.org/signed-note: key names are non-empty, with no Unicode spaces and no '+'. */
export function isValidKeyName(name: string): boolean {
  return name.length > 0 && !/[\s+]/u.test(name) && Buffer.from(name, 'utf8').toString('utf8') === name;
}

function assertKeyName(name: string): void {
  if (!isValidKeyName(name)) {
    throw new CheckpointError('KEY_MALFORMED', `key name ${JSON.stringify(name)} must be non-empty, without spaces or '+'`);
  }
}

/** key ID = SHA-256(key name ‖ 0x0A ‖ 0x01 ‖ 32-byte Ed25519 public key)[:4], big-endian. */
export function ed25519KeyId(name: string, publicKey: Uint8Array): number {
  return createHash('sha256')
    .update(Buffer.from(name, 'utf8'))
    .update(Buffer.from([0x0a, ED25519_SIGNATURE_TYPE]))
    .update(publicKey)
    .digest()
    .readUInt32BE(0);
}

const hex8 = (id: number): string => id.toString(16).padStart(8, '0');

/** The verifier key string of golang.org/x/mod/sumdb/note: `<name>+<hex key ID>+<base64(0x01 ‖ public key)>`. */
export function formatVerifierKey(name: string, publicKey: Uint8Array): string {
  assertKeyName(name);
  if (publicKey.length !== ED25519_PUBLIC_KEY_BYTES) {
    throw new CheckpointError('KEY_MALFORMED', `an Ed25519 public key is ${ED25519_PUBLIC_KEY_BYTES} bytes, got ${publicKey.length}`);
  }
  const material = Buffer.concat([Buffer.from([ED25519_SIGNATURE_TYPE]), publicKey]).toString('base64');
  return `${name}+${hex8(ed25519KeyId(name, publicKey))}+${material}`;
}

export function ed25519PublicKeyObject(publicKey: Uint8Array): KeyObject {
  return createPublicKey({
    key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(publicKey).toString('base64url') },
    format: 'jwk',
  });
}

const FIELD_PRIME = 2n ** 255n - 19n;
let x25519Probe: KeyObject | undefined;

function modPow(base: bigint, exponent: bigint): bigint {
  let result = 1n;
  let b = base % FIELD_PRIME;
  for (let e = exponent; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * b) % FIELD_PRIME;
    b = (b * b) % FIELD_PRIME;
  }
  return result;
}

/**
 * Refuses public keys that identify no signer. OpenSSL (hence node:crypto) accepts, under the
 * identity point as public key, one fixed signature for every message; every small-order key
 * allows such forgeries. Go's note package accepts these keys; we fail closed when the key is
 * configured instead. Test: map the Edwards y to the Montgomery u = (1+y)/(1-y) and run X25519
 * with a random scalar (a multiple of 8): the result is zero exactly for small-order points.
 * Non-canonical encodings (y ≥ p) are refused too, so one point has one key ID.
 */
export function assertSafeEd25519PublicKey(publicKey: Uint8Array): void {
  let y = 0n;
  for (let i = 31; i >= 0; i--) y = (y << 8n) | BigInt(i === 31 ? publicKey[i] & 0x7f : publicKey[i]);
  if (y >= FIELD_PRIME) throw new CheckpointError('KEY_MALFORMED', 'unsafe Ed25519 public key: not canonically encoded');
  const small = new CheckpointError('KEY_MALFORMED', 'unsafe Ed25519 public key: a small-order point');
  if (y === 1n) throw small; // the identity: 1 - y has no inverse
  let u = ((1n + y) * modPow(FIELD_PRIME + 1n - y, FIELD_PRIME - 2n)) % FIELD_PRIME;
  const uBytes = Buffer.alloc(32);
  for (let i = 0; i < 32; i++, u >>= 8n) uBytes[i] = Number(u & 0xffn);
  x25519Probe ??= generateKeyPairSync('x25519').privateKey;
  let shared: Buffer;
  try {
    const point = createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x: uBytes.toString('base64url') }, format: 'jwk' });
    shared = diffieHellman({ privateKey: x25519Probe, publicKey: point });
  } catch {
    throw small; // OpenSSL refuses to derive an all-zero secret
  }
  if (shared.every((b) => b === 0)) throw small;
}

export class Ed25519NoteVerifier implements NoteVerifier {
  readonly keyId: number;
  private readonly key: KeyObject;

  constructor(
    readonly name: string,
    readonly publicKey: Buffer,
  ) {
    assertKeyName(name);
    if (publicKey.length !== ED25519_PUBLIC_KEY_BYTES) {
      throw new CheckpointError('KEY_MALFORMED', `an Ed25519 public key is ${ED25519_PUBLIC_KEY_BYTES} bytes, got ${publicKey.length}`);
    }
    assertSafeEd25519PublicKey(publicKey);
    this.keyId = ed25519KeyId(name, publicKey);
    this.key = ed25519PublicKeyObject(publicKey);
  }

  verify(message: Buffer, signature: Buffer): boolean {
    return signature.length === ED25519_SIGNATURE_BYTES && verify(null, message, this.key, signature);
  }

  get vkey(): string {
    return formatVerifierKey(this.name, this.publicKey);
  }
}

/** Parses a verifier key string; the key ID in it must match the one computed from name and key. */
export function parseVerifierKey(vkey: string): Ed25519NoteVerifier {
  const first = vkey.indexOf('+');
  const second = vkey.indexOf('+', first + 1);
  if (first < 0 || second < 0) throw new CheckpointError('KEY_MALFORMED', 'verifier key must be <name>+<hex id>+<base64 key>');
  const name = vkey.slice(0, first);
  const id = vkey.slice(first + 1, second);
  const material = decodeBase64Strict(vkey.slice(second + 1));
  if (!isValidKeyName(name)) throw new CheckpointError('KEY_MALFORMED', 'verifier key has an invalid name');
  if (!/^[0-9a-f]{8}$/.test(id)) throw new CheckpointError('KEY_MALFORMED', 'verifier key ID must be 8 lower-case hex digits');
  if (!material || material.length !== 1 + ED25519_PUBLIC_KEY_BYTES || material[0] !== ED25519_SIGNATURE_TYPE) {
    throw new CheckpointError('KEY_MALFORMED', 'verifier key material must be base64(0x01 ‖ 32-byte Ed25519 public key)');
  }
  const verifier = new Ed25519NoteVerifier(name, material.subarray(1));
  if (hex8(verifier.keyId) !== id) throw new CheckpointError('KEY_MALFORMED', 'verifier key ID does not match its name and key');
  return verifier;
}

export function ed25519PrivateKeyFromSeed(seed: Uint8Array): KeyObject {
  if (seed.length !== 32) throw new CheckpointError('KEY_MALFORMED', `an Ed25519 seed is 32 bytes, got ${seed.length}`);
  return createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]), format: 'der', type: 'pkcs8' });
}

export function ed25519PublicKeyBytes(key: KeyObject): Buffer {
  const jwk = key.export({ format: 'jwk' });
  if (jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string') throw new CheckpointError('KEY_MALFORMED', 'not an Ed25519 key');
  return Buffer.from(jwk.x, 'base64url');
}

export function ed25519Seed(privateKey: KeyObject): Buffer {
  const jwk = privateKey.export({ format: 'jwk' });
  if (jwk.crv !== 'Ed25519' || typeof jwk.d !== 'string') throw new CheckpointError('KEY_MALFORMED', 'not an Ed25519 private key');
  return Buffer.from(jwk.d, 'base64url');
}

/** Signs with an Ed25519 private KeyObject; the raw signature, without the key ID. */
export function ed25519Sign(privateKey: KeyObject, message: Buffer): Buffer {
  return sign(null, message, privateKey);
}
