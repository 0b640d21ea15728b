import { CheckpointError, type CheckpointErrorCode } from './checkpoint-error';
import { createPublicKey, verify } from 'node:crypto';
import {
  assertSafeEd25519PublicKey,
  Ed25519NoteVerifier,
  ed25519KeyId,
  formatVerifierKey,
  type NoteVerifier,
  parseVerifierKey,
} from './note-keys';
import { MAX_NOTE_SIGNATURES, openNote, parseNote, signNote } from './signed-note';
import { parseGoSignerKey, SigningKey } from './signing-key';

// The reference key and note of golang.org/x/mod/sumdb/note (note_test.go and its package docs).
const VKEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const SKEY = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';
const TEXT = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const SIG_LINE = '— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n';
const NOTE = `${TEXT}\n${SIG_LINE}`;

function codeOf(fn: () => unknown): CheckpointErrorCode | 'ok' {
  try {
    fn();
    return 'ok';
  } catch (e) {
    if (e instanceof CheckpointError) return e.code;
    throw e;
  }
}

describe('signed notes (c2sp.org/signed-note) against the Go reference implementation', () => {
  it('derives the reference key ID, verifier key and signature byte for byte', () => {
    const key = parseGoSignerKey(SKEY);
    expect(key.keyId.toString(16)).toBe('c74f20a3');
    expect(key.vkey).toBe(VKEY);
    expect(key.toGoSignerKey()).toBe(SKEY);
    // Ed25519 is deterministic (RFC 8032), so our note must equal the published one exactly.
    expect(signNote(TEXT, [key])).toBe(NOTE);
  });

  it('opens the reference note with the reference verifier key', () => {
    const opened = openNote(NOTE, [parseVerifierKey(VKEY)]);
    expect(opened.text).toBe(TEXT);
    expect(opened.verified.map((s) => s.name)).toEqual(['PeterNeumann']);
  });

  it('rejects tampered text and a forged signature from a trusted key', () => {
    const v = [parseVerifierKey(VKEY)];
    expect(codeOf(() => openNote(NOTE.replace('cryptography', 'cryptographY'), v))).toBe('NOTE_BAD_SIGNATURE');
    const sig = Buffer.from(SIG_LINE.slice('— PeterNeumann '.length, -1), 'base64');
    for (const byte of [4, 20, 67]) {
      const forged = Buffer.from(sig);
      forged[byte] ^= 0x01;
      expect(codeOf(() => openNote(`${TEXT}\n— PeterNeumann ${forged.toString('base64')}\n`, v))).toBe('NOTE_BAD_SIGNATURE');
    }
  });

  it('ignores signatures from unknown keys, and rejects a note no trusted key signed', () => {
    const other = SigningKey.generate('PeterNeumann'); // same name, other key, so another key ID
    expect(codeOf(() => openNote(NOTE, [other.verifier()]))).toBe('NOTE_UNVERIFIED');
    const stranger = SigningKey.generate('stranger.example/log');
    const both = signNote(TEXT, [stranger, parseGoSignerKey(SKEY)]);
    expect(openNote(both, [parseVerifierKey(VKEY)]).verified.map((s) => s.name)).toEqual(['PeterNeumann']);
    expect(openNote(both, [stranger.verifier()]).verified.map((s) => s.name)).toEqual(['stranger.example/log']);
    expect(codeOf(() => openNote(both, []))).toBe('NOTE_UNVERIFIED');
  });

  it('checks, and fails on, a known name and key ID whose key does not match (an ID collision)', () => {
    const impostor: NoteVerifier = {
      name: 'PeterNeumann',
      keyId: 0xc74f20a3,
      verify: (m, s) => SigningKey.generate('x').verifier().verify(m, s),
    };
    expect(codeOf(() => openNote(NOTE, [impostor]))).toBe('NOTE_BAD_SIGNATURE');
    expect(codeOf(() => openNote(NOTE, [impostor, parseVerifierKey(VKEY)]))).toBe('KEY_MALFORMED');
  });

  it.each([
    ['no blank line before signatures', `${TEXT}${SIG_LINE}`.replace('\n—', '—')],
    ['no final newline', NOTE.slice(0, -1)],
    ['no signature lines', `${TEXT}\n`],
    ['a control character', NOTE.replace('problem,', 'problem,\t')],
    ['a carriage return', NOTE.replace('\n—', '\r\n—')],
    ['a hyphen instead of an em dash', NOTE.replace('—', '-')],
    ['a name with a plus', NOTE.replace('PeterNeumann x', 'Peter+Neumann x')],
    ['unpadded base64', NOTE.replace('AM=\n', 'AM\n')],
    ['junk in base64', NOTE.replace('x08go', 'x08g*')],
    ['a signature shorter than a key ID', `${TEXT}\n— PeterNeumann AAAA\n`],
    ['a line without a signature', `${TEXT}\n— PeterNeumann\n`],
    ['a lone surrogate', NOTE.replace('you', 'y\ud800u')],
  ])('rejects a note with %s', (_what, note) => {
    expect(codeOf(() => openNote(note, [parseVerifierKey(VKEY)]))).toBe('NOTE_MALFORMED');
  });

  it(`accepts up to ${MAX_NOTE_SIGNATURES} signatures and refuses more`, () => {
    const key = parseGoSignerKey(SKEY);
    const many = signNote(TEXT, Array(MAX_NOTE_SIGNATURES).fill(key));
    expect(parseNote(many).signatures).toHaveLength(MAX_NOTE_SIGNATURES);
    expect(codeOf(() => openNote(many, [key.verifier()]))).toBe('ok');
    expect(codeOf(() => parseNote(`${many}${SIG_LINE}`))).toBe('NOTE_MALFORMED');
  });

  it('refuses to sign text without a final newline or with control characters', () => {
    const key = parseGoSignerKey(SKEY);
    expect(codeOf(() => signNote('no newline', [key]))).toBe('NOTE_MALFORMED');
    expect(codeOf(() => signNote('bell\u0007\n', [key]))).toBe('NOTE_MALFORMED');
    expect(codeOf(() => signNote(TEXT, []))).toBe('NOTE_MALFORMED');
  });
});

describe('verifier keys', () => {
  it('round-trips, and computes key ID = SHA-256(name ‖ 0x0A ‖ 0x01 ‖ key)[:4]', () => {
    const v = parseVerifierKey(VKEY);
    expect(v).toBeInstanceOf(Ed25519NoteVerifier);
    expect(formatVerifierKey(v.name, v.publicKey)).toBe(VKEY);
    expect(ed25519KeyId('PeterNeumann', v.publicKey)).toBe(0xc74f20a3);
  });

  it('rejects every truncation and every single-character change of a verifier key (as Go note_test does)', () => {
    let rejected = 0;
    for (let i = 0; i <= VKEY.length; i++) {
      for (let j = i + 1; j <= VKEY.length; j++) {
        if (i === 0 && j === VKEY.length) continue;
        expect(codeOf(() => parseVerifierKey(VKEY.slice(i, j)))).toBe('KEY_MALFORMED');
        rejected += 1;
      }
    }
    for (let i = 0; i < VKEY.length; i++) {
      const mangled = VKEY.slice(0, i) + String.fromCharCode(VKEY.charCodeAt(i) + 1) + VKEY.slice(i + 1);
      expect(codeOf(() => parseVerifierKey(mangled))).toBe('KEY_MALFORMED');
      rejected += 1;
    }
    expect(rejected).toBeGreaterThan(2000);
  });

  it('rejects a wrong-length key even with a matching key ID', () => {
    const long = Buffer.concat([Buffer.from([1]), Buffer.alloc(33, 7)]);
    const id = ed25519KeyId('PeterNeumann', long.subarray(1)).toString(16).padStart(8, '0');
    expect(codeOf(() => parseVerifierKey(`PeterNeumann+${id}+${long.toString('base64')}`))).toBe('KEY_MALFORMED');
  });

  it('refuses small-order and non-canonical public keys, under which signatures can be forged', () => {
    const identity = Buffer.from('01'.padEnd(64, '0'), 'hex');
    // Why it matters: node:crypto accepts one fixed signature for every message under this key.
    const jwk = { kty: 'OKP', crv: 'Ed25519', x: identity.toString('base64url') };
    const forged = Buffer.concat([identity, Buffer.alloc(32)]);
    expect(verify(null, Buffer.from('anything at all'), createPublicKey({ key: jwk, format: 'jwk' }), forged)).toBe(true);

    const smallOrder = [
      identity,
      'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f', // order 2
      '0000000000000000000000000000000000000000000000000000000000000000', // order 4
      '0000000000000000000000000000000000000000000000000000000000000080',
      'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a', // order 8
      '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05',
    ].map((k) => (typeof k === 'string' ? Buffer.from(k, 'hex') : k));
    for (const pub of smallOrder) {
      expect(() => assertSafeEd25519PublicKey(pub)).toThrow(/small-order/);
      const vkey = `bad+${ed25519KeyId('bad', pub).toString(16).padStart(8, '0')}+${Buffer.concat([Buffer.from([1]), pub]).toString('base64')}`;
      expect(codeOf(() => parseVerifierKey(vkey))).toBe('KEY_MALFORMED');
    }
    const nonCanonical = Buffer.from('eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f', 'hex'); // y = p + 1
    expect(() => assertSafeEd25519PublicKey(nonCanonical)).toThrow(/canonical/);
    for (let i = 0; i < 20; i++) expect(() => assertSafeEd25519PublicKey(SigningKey.generate('k').publicKey)).not.toThrow();
  });
});
