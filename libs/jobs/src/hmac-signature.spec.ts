import { signWebhook, verifyWebhook } from './hmac-signature';

const SECRET = 'test-secret';
const BODY = '{"a":1}';
const T = 1_700_000_000;

describe('webhook signatures', () => {
  it('match an independent HMAC-SHA256 over "<timestamp>.<body>" (openssl dgst -sha256 -hmac)', () => {
    expect(signWebhook(SECRET, T, BODY)).toBe('sha256=8cb2c3355fca388e9ac2caec004f4d5d7045d74937ab5faad61dc11682247a9f');
  });

  it('verify what was signed, within the tolerance', () => {
    const signature = signWebhook(SECRET, T, BODY);
    expect(verifyWebhook(SECRET, { signature, timestamp: String(T) }, BODY, { nowSeconds: T + 299 })).toEqual({ ok: true });
    expect(verifyWebhook(SECRET, { signature, timestamp: String(T) }, Buffer.from(BODY), { nowSeconds: T })).toEqual({ ok: true });
  });

  it('refuse a changed body, another secret, a moved timestamp, a stale or malformed delivery', () => {
    const signature = signWebhook(SECRET, T, BODY);
    const at = { nowSeconds: T };
    expect(verifyWebhook(SECRET, { signature, timestamp: String(T) }, '{"a":2}', at)).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifyWebhook('other-secret', { signature, timestamp: String(T) }, BODY, at)).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifyWebhook(SECRET, { signature, timestamp: String(T + 1) }, BODY, at)).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifyWebhook(SECRET, { signature, timestamp: String(T) }, BODY, { nowSeconds: T + 301 })).toEqual({ ok: false, reason: 'stale' });
    expect(verifyWebhook(SECRET, { signature: signature.toUpperCase(), timestamp: String(T) }, BODY, at)).toEqual({ ok: false, reason: 'malformed' });
    expect(verifyWebhook(SECRET, { signature, timestamp: null }, BODY, at)).toEqual({ ok: false, reason: 'missing' });
  });

  it('refuse every single flipped bit of the signature', () => {
    const signature = signWebhook(SECRET, T, BODY);
    const hex = signature.slice(7);
    for (let i = 0; i < hex.length; i++) {
      const flipped = hex.slice(0, i) + ((parseInt(hex[i], 16) ^ 1).toString(16)) + hex.slice(i + 1);
      expect(verifyWebhook(SECRET, { signature: `sha256=${flipped}`, timestamp: String(T) }, BODY, { nowSeconds: T }).ok).toBe(false);
    }
  });
});
