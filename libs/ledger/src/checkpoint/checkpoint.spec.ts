import { KeyObject, webcrypto } from 'node:crypto';
import { emptyRoot, leafHash } from '../merkle/hashing';
import { rootFromLeafHashes } from '../merkle/merkle-frontier';
import { formatCheckpointText, parseCheckpoint, signCheckpoint, verifyCheckpoint } from './checkpoint';
import { CheckpointError, type CheckpointErrorCode } from './checkpoint-error';
import { parseNote } from './signed-note';
import { SigningKey } from './signing-key';

const ORIGIN = 'vinhdanh.example/ledger';
const key = SigningKey.generate(ORIGIN);
const root = rootFromLeafHashes([leafHash(Buffer.from('a')), leafHash(Buffer.from('b')), leafHash(Buffer.from('c'))]);
const time = new Date('2026-11-26T14:00:00.000Z');
const note = signCheckpoint({ origin: ORIGIN, size: 3, rootHash: root, time }, key);

function codeOf(fn: () => unknown): CheckpointErrorCode | 'ok' {
  try {
    fn();
    return 'ok';
  } catch (e) {
    if (e instanceof CheckpointError) return e.code;
    throw e;
  }
}

/** Re-signs a hand-edited body with the real key: the only way to test body parsing past the signature. */
function signedText(text: string): string {
  const id = Buffer.alloc(4);
  id.writeUInt32BE(key.keyId);
  const sig = Buffer.concat([id, key.sign(Buffer.from(text))]).toString('base64');
  return `${text}\n— ${ORIGIN} ${sig}\n`;
}

describe('checkpoints (c2sp.org/tlog-checkpoint)', () => {
  it('writes origin, size, base64 root, then the time extension line, then the signature', () => {
    expect(note.startsWith(`${ORIGIN}\n3\n${root.toString('base64')}\ntime 2026-11-26T14:00:00.000Z\n\n— ${ORIGIN} `)).toBe(true);
    expect(parseNote(note).signatures).toHaveLength(1);
  });

  it('verifies with the vkey string and returns what was signed', () => {
    const cp = verifyCheckpoint(note, [key.vkey], { origin: ORIGIN });
    expect(cp).toMatchObject({ origin: ORIGIN, size: 3, extensions: [], verifiedBy: [ORIGIN] });
    expect(cp.rootHash.equals(root)).toBe(true);
    expect(cp.time?.toISOString()).toBe(time.toISOString());
    expect(cp.note).toBe(note);
  });

  it('keeps other extension lines in order, and omits the time line when no time is given', () => {
    const text = formatCheckpointText({ origin: ORIGIN, size: 0, rootHash: emptyRoot, extensions: ['x-a 1', 'x-b 2'] });
    expect(text).toBe(`${ORIGIN}\n0\n${emptyRoot.toString('base64')}\nx-a 1\nx-b 2\n`);
    const cp = verifyCheckpoint(signedText(text), [key.verifier()]);
    expect(cp.extensions).toEqual(['x-a 1', 'x-b 2']);
    expect(cp.time).toBeUndefined();
  });

  it('parses the example of the specification without trusting it', () => {
    const example =
      'example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n\n' +
      '— example.com/behind-the-sofa Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe4URYN7u5/Zhcyv2q1gGzGku9nTo+zyWE+xeMcTOAYQ8=\n';
    const cp = parseCheckpoint(example);
    expect(cp).toMatchObject({ origin: 'example.com/behind-the-sofa', size: 20852163 });
    expect(cp.rootHash.toString('base64')).toBe('CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=');
    expect(codeOf(() => verifyCheckpoint(example, [key.vkey]))).toBe('NOTE_UNVERIFIED');
  });

  describe('rejects', () => {
    it('a checkpoint signed by another key, even one with the same name', () => {
      const impostor = SigningKey.generate(ORIGIN);
      expect(codeOf(() => verifyCheckpoint(note, [impostor.vkey]))).toBe('NOTE_UNVERIFIED');
      const forged = signCheckpoint({ origin: ORIGIN, size: 3, rootHash: root }, impostor);
      expect(codeOf(() => verifyCheckpoint(forged, [key.vkey]))).toBe('NOTE_UNVERIFIED');
    });

    it('a checkpoint with no trusted key at all', () => {
      expect(codeOf(() => verifyCheckpoint(note, []))).toBe('NOTE_UNVERIFIED');
    });

    it.each([
      ['the size', (n: string) => n.replace('\n3\n', '\n4\n')],
      ['the root', (n: string) => n.replace(root.toString('base64'), emptyRoot.toString('base64'))],
      ['the origin', (n: string) => n.replace(`${ORIGIN}\n`, 'vinhdanh.example/ledgeR\n')],
      ['the time', (n: string) => n.replace('14:00:00', '14:00:01')],
      ['an added extension line', (n: string) => n.replace('.000Z\n', '.000Z\nextra\n')],
    ])('a body with tampered %s', (_what, tamper) => {
      const tampered = tamper(note);
      expect(tampered).not.toBe(note);
      expect(codeOf(() => verifyCheckpoint(tampered, [key.vkey]))).toBe('NOTE_BAD_SIGNATURE');
    });

    it('a signature with any one bit flipped', () => {
      const line = note.slice(note.lastIndexOf('— '));
      const blob = Buffer.from(line.slice(`— ${ORIGIN} `.length, -1), 'base64');
      for (let bit = 32; bit < blob.length * 8; bit += 7) {
        const bad = Buffer.from(blob);
        bad[bit >> 3] ^= 1 << (bit & 7);
        const forged = note.replace(blob.toString('base64'), bad.toString('base64'));
        expect(codeOf(() => verifyCheckpoint(forged, [key.vkey]))).toBe('NOTE_BAD_SIGNATURE');
      }
    });

    it('a checkpoint of another origin when the origin is pinned', () => {
      const other = SigningKey.generate('other.example/log');
      const cp = signCheckpoint({ origin: 'other.example/log', size: 0, rootHash: emptyRoot }, other);
      expect(codeOf(() => verifyCheckpoint(cp, [other.vkey], { origin: ORIGIN }))).toBe('CHECKPOINT_ORIGIN_MISMATCH');
    });

    it.each([
      ['two lines only', `${ORIGIN}\n3\n`],
      ['a leading zero in the size', `${ORIGIN}\n03\n${root.toString('base64')}\n`],
      ['a negative size', `${ORIGIN}\n-3\n${root.toString('base64')}\n`],
      ['a size past 2^53', `${ORIGIN}\n9007199254740993\n${root.toString('base64')}\n`],
      ['a 31-byte root', `${ORIGIN}\n3\n${root.subarray(1).toString('base64')}\n`],
      ['unpadded root base64', `${ORIGIN}\n3\n${root.toString('base64').replace('=', '')}\n`],
      ['an empty origin', `\n3\n${root.toString('base64')}\n`],
      ['two time lines', `${ORIGIN}\n3\n${root.toString('base64')}\ntime ${time.toISOString()}\ntime ${time.toISOString()}\n`],
      ['a time that is not ISO UTC', `${ORIGIN}\n3\n${root.toString('base64')}\ntime 26/11/2026\n`],
      ['an impossible date', `${ORIGIN}\n3\n${root.toString('base64')}\ntime 2026-02-30T00:00:00.000Z\n`],
    ])('a correctly signed body with %s', (_what, text) => {
      expect(codeOf(() => verifyCheckpoint(signedText(text), [key.vkey]))).toBe('CHECKPOINT_MALFORMED');
    });

    it('to sign bodies that could not be parsed back', () => {
      expect(codeOf(() => formatCheckpointText({ origin: '', size: 1, rootHash: root }))).toBe('CHECKPOINT_MALFORMED');
      expect(codeOf(() => formatCheckpointText({ origin: ORIGIN, size: -1, rootHash: root }))).toBe('CHECKPOINT_MALFORMED');
      expect(codeOf(() => formatCheckpointText({ origin: ORIGIN, size: 1, rootHash: Buffer.alloc(20) }))).toBe('CHECKPOINT_MALFORMED');
      expect(codeOf(() => formatCheckpointText({ origin: ORIGIN, size: 1, rootHash: root, extensions: ['a\nb'] }))).toBe(
        'CHECKPOINT_MALFORMED',
      );
      expect(codeOf(() => formatCheckpointText({ origin: ORIGIN, size: 1, rootHash: root, time: new Date(NaN) }))).toBe(
        'CHECKPOINT_MALFORMED',
      );
    });
  });
});

describe('WebCrypto (what a browser will use) and node:crypto agree on Ed25519 notes', () => {
  const subtle = webcrypto.subtle;

  it('WebCrypto verifies a checkpoint signature made with node:crypto', async () => {
    const { text, signatures } = parseNote(note);
    const publicKey = await subtle.importKey('raw', key.publicKey, { name: 'Ed25519' }, false, ['verify']);
    expect(await subtle.verify({ name: 'Ed25519' }, publicKey, signatures[0].signature, Buffer.from(text))).toBe(true);
    const tampered = Buffer.from(text.replace('\n3\n', '\n4\n'));
    expect(await subtle.verify({ name: 'Ed25519' }, publicKey, signatures[0].signature, tampered)).toBe(false);
  });

  it('node:crypto verifies a checkpoint note signed with WebCrypto', async () => {
    const pair = (await subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
    const raw = Buffer.from(await subtle.exportKey('raw', pair.publicKey));
    const browserKey = SigningKey.fromKeyObject('browser.example/log', KeyObject.from(pair.privateKey));
    expect(browserKey.publicKey.equals(raw)).toBe(true);
    const text = formatCheckpointText({ origin: 'browser.example/log', size: 0, rootHash: emptyRoot });
    const sig = Buffer.from(await subtle.sign({ name: 'Ed25519' }, pair.privateKey, Buffer.from(text)));
    const id = Buffer.alloc(4);
    id.writeUInt32BE(browserKey.keyId);
    const signed = `${text}\n— browser.example/log ${Buffer.concat([id, sig]).toString('base64')}\n`;
    expect(verifyCheckpoint(signed, [browserKey.vkey]).size).toBe(0);
  });
});
