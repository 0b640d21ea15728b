import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT, exportJWK, importPKCS8 } from 'jose';
import { ConfigError, loadJwtConfig } from '@vinhdanh/config';
import { resolveJwtKeys } from './jwt-keys';
import { mintToken } from './mint-token';
import { InvalidToken, TokenVerifier } from './token-verifier';

const SECRET = 'a-secret-of-at-least-thirty-two-bytes-0123456789';

async function verifierFor(env: Record<string, string>) {
  const config = loadJwtConfig(env, 'production');
  return new TokenVerifier((await resolveJwtKeys(config)).verification, config);
}

describe('tokens', () => {
  it('mints a token the API accepts, carrying sub, roles and unit', async () => {
    const token = await mintToken({ role: 'unit_officer', sub: 'officer-1', unit: 'u-health' }, { env: { JWT_SECRET: SECRET } });
    const actor = await (await verifierFor({ JWT_SECRET: SECRET })).verify(token);
    expect(actor).toEqual({ id: 'officer-1', roles: ['unit_officer'], unit: 'u-health', anonymous: false });
  });

  it('refuses a token signed with another secret, an expired one, and one for another audience', async () => {
    const verifier = await verifierFor({ JWT_SECRET: SECRET, JWT_AUDIENCE: 'vinhdanh', JWT_ISSUER: 'sso.example' });
    const other = await mintToken({ role: 'admin', sub: 'a' }, { secret: 'x'.repeat(40), audience: 'vinhdanh', issuer: 'sso.example' });
    await expect(verifier.verify(other)).rejects.toThrow(new InvalidToken('the token signature does not verify'));
    const expired = await mintToken({ role: 'admin', sub: 'a', expiresInSeconds: -3600 }, { secret: SECRET, audience: 'vinhdanh', issuer: 'sso.example' });
    await expect(verifier.verify(expired)).rejects.toThrow(/expired/);
    const elsewhere = await mintToken({ role: 'admin', sub: 'a' }, { secret: SECRET, audience: 'other-app', issuer: 'sso.example' });
    await expect(verifier.verify(elsewhere)).rejects.toThrow(/"aud" claim/);
  });

  it('ignores roles it does not know and refuses a token without roles or subject', async () => {
    const verifier = await verifierFor({ JWT_SECRET: SECRET });
    const key = new TextEncoder().encode(SECRET);
    const sign = (claims: Record<string, unknown>, sub?: string) => {
      const jwt = new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('1h');
      return (sub ? jwt.setSubject(sub) : jwt).sign(key);
    };
    expect((await verifier.verify(await sign({ roles: ['auditor', 'superuser'] }, 'x'))).roles).toEqual(['auditor']);
    await expect(verifier.verify(await sign({ roles: 'admin' }, 'x'))).rejects.toThrow(/roles/);
    await expect(verifier.verify(await sign({ roles: ['admin'] }))).rejects.toThrow(/sub/);
  });

  it('refuses alg=none and HS256 tokens when a public key is configured', async () => {
    const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const verifier = await verifierFor({ JWT_PUBLIC_KEY: publicKey.export({ type: 'spki', format: 'pem' }).toString() });
    const hs = await mintToken({ role: 'admin', sub: 'a' }, { secret: SECRET });
    await expect(verifier.verify(hs)).rejects.toThrow(InvalidToken);
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"sub":"a","roles":["admin"]}').toString('base64url')}.`;
    await expect(verifier.verify(none)).rejects.toThrow(InvalidToken);
  });

  it('verifies an SSO token against a PEM public key and against a JWKS URL', async () => {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const signer = await importPKCS8(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), 'RS256');
    const token = await new SignJWT({ roles: ['approver'], unit: 'u-ppc' })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setSubject('chair-1')
      .setIssuer('https://sso.example')
      .setExpirationTime('1h')
      .sign(signer);
    const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const byPem = await verifierFor({ JWT_PUBLIC_KEY: pem, JWT_ISSUER: 'https://sso.example' });
    expect((await byPem.verify(token)).id).toBe('chair-1');

    const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    const server: Server = createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const address = server.address() as { port: number };
      const byJwks = await verifierFor({ JWT_JWKS_URL: `http://127.0.0.1:${address.port}/jwks.json` });
      expect(await byJwks.verify(token)).toMatchObject({ id: 'chair-1', roles: ['approver'], unit: 'u-ppc' });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('keeps the embedded secret in a file so tokens survive a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vinhdanh-jwt-'));
    try {
      const env = { JWT_SECRET_FILE: join(dir, 'data', 'jwt-secret') };
      const first = await resolveJwtKeys(loadJwtConfig(env, 'embedded'));
      expect(first.description).toMatch(/generated now/);
      expect(statSync(env.JWT_SECRET_FILE).mode & 0o777).toBe(0o600);
      const token = await mintToken({ role: 'auditor', sub: 'aud-1' }, { env });
      const second = await resolveJwtKeys(loadJwtConfig(env, 'embedded'));
      expect(second.description).toMatch(/kept/);
      expect(second.description).not.toContain(readFileSync(env.JWT_SECRET_FILE, 'utf8').trim());
      const verifier = new TokenVerifier(second.verification, {});
      expect((await verifier.verify(token)).roles).toEqual(['auditor']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('will not mint when tokens come from an identity provider', async () => {
    await expect(mintToken({ role: 'admin', sub: 'a' }, { env: { JWT_JWKS_URL: 'https://sso.example/jwks.json' } })).rejects.toThrow(ConfigError);
    await expect(mintToken({ role: 'emperor' as never, sub: 'a' }, { secret: SECRET })).rejects.toThrow(/unknown role/);
  });
});

describe('the verified-token cache', () => {
  it('stops accepting a cached token once it expires', async () => {
    let now = Date.now();
    const config = loadJwtConfig({ JWT_SECRET: SECRET }, 'production');
    const verifier = new TokenVerifier((await resolveJwtKeys(config)).verification, config, () => now);
    const token = await mintToken({ role: 'auditor', sub: 'a', expiresInSeconds: 30 }, { secret: SECRET });
    expect((await verifier.verify(token)).id).toBe('a');
    expect((await verifier.verify(token)).id).toBe('a');
    now += 61_000; // past the expiry and its 30 s clock tolerance
    await expect(verifier.verify(token)).rejects.toThrow(/expired/);
  });
});
