import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CheckpointError, type CheckpointErrorCode } from './checkpoint-error';
import { parseVerifierKey } from './note-keys';
import { DEFAULT_KEY_FILE, loadSigningKey, SigningKey } from './signing-key';

const NAME = 'vinhdanh.example/ledger';

function codeOf(fn: () => unknown): CheckpointErrorCode | 'ok' {
  try {
    fn();
    return 'ok';
  } catch (e) {
    if (e instanceof CheckpointError) return e.code;
    throw e;
  }
}

describe('SigningKey', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-key-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads back every text form of the same key to the same verifier key', () => {
    const key = SigningKey.generate(NAME);
    const pem = key.toPem();
    const der = pem.replace(/-----[A-Z ]+-----|\s/g, '');
    const seed = Buffer.from(key.toGoSignerKey().split('+').slice(4).join('+'), 'base64').subarray(1).toString('base64');
    for (const text of [pem, `\n${pem}\n`, der, seed, key.toGoSignerKey()]) {
      expect(SigningKey.fromText(NAME, text).vkey).toBe(key.vkey);
    }
    expect(parseVerifierKey(key.vkey).keyId).toBe(key.keyId);
  });

  it('accepts a PEM made by other tools (any PKCS#8 Ed25519 key)', () => {
    const pem = generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    expect(SigningKey.fromPem(NAME, pem).publicKey).toHaveLength(32);
  });

  it('refuses keys that are not Ed25519 private keys, garbage, bad names and a Go key for another name', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    expect(codeOf(() => SigningKey.fromText(NAME, rsa))).toBe('KEY_MALFORMED');
    expect(codeOf(() => SigningKey.fromText(NAME, 'not a key'))).toBe('KEY_MALFORMED');
    expect(codeOf(() => SigningKey.fromText(NAME, Buffer.alloc(31).toString('base64')))).toBe('KEY_MALFORMED');
    expect(codeOf(() => SigningKey.generate('has space'))).toBe('KEY_MALFORMED');
    expect(codeOf(() => SigningKey.generate('has+plus'))).toBe('KEY_MALFORMED');
    expect(codeOf(() => SigningKey.generate(''))).toBe('KEY_MALFORMED');
    const goKey = SigningKey.generate('other.example/log').toGoSignerKey();
    expect(codeOf(() => SigningKey.fromText(NAME, goKey))).toBe('KEY_MALFORMED');
  });

  it('never serialises the private key', () => {
    const key = SigningKey.generate(NAME);
    const json = JSON.stringify({ key });
    expect(json).toBe(JSON.stringify({ key: { name: NAME, vkey: key.vkey } }));
  });

  describe('loadSigningKey', () => {
    it('generates the key on first start, persists it with mode 0600, and reads the same key afterwards', () => {
      const keyDir = join(dir, 'data');
      const first = loadSigningKey({ name: NAME, dir: keyDir });
      const path = join(keyDir, DEFAULT_KEY_FILE);
      expect(statSync(path).mode & 0o777).toBe(0o600);
      expect(loadSigningKey({ name: NAME, dir: keyDir }).vkey).toBe(first.vkey);
      expect(readdirSync(keyDir)).toEqual([DEFAULT_KEY_FILE]); // no temp file left behind
    });

    it('prefers a non-empty value (the environment variable), then a file, then the directory', () => {
      const fromEnv = SigningKey.generate(NAME);
      const fromFile = SigningKey.generate(NAME);
      const file = join(dir, 'given.pem');
      writeFileSync(file, fromFile.toPem());
      expect(loadSigningKey({ name: NAME, value: fromEnv.toPem(), file, dir }).vkey).toBe(fromEnv.vkey);
      expect(loadSigningKey({ name: NAME, value: '  ', file, dir }).vkey).toBe(fromFile.vkey);
      expect(loadSigningKey({ name: NAME, value: '', dir }).vkey).toBe(loadSigningKey({ name: NAME, dir }).vkey);
    });

    it('fails clearly when nothing is configured, when a given file is missing, or when the file is not a key', () => {
      expect(codeOf(() => loadSigningKey({ name: NAME }))).toBe('SIGNING_KEY_MISSING');
      expect(() => loadSigningKey({ name: NAME, file: join(dir, 'missing.pem') })).toThrow(/ENOENT/);
      writeFileSync(join(dir, DEFAULT_KEY_FILE), 'garbage');
      expect(codeOf(() => loadSigningKey({ name: NAME, dir }))).toBe('KEY_MALFORMED');
    });
  });
});
