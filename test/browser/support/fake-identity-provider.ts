import { createHash, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';

export interface FakeIdentityProvider {
  issuer: string;
  clientId: string;
  /** Who signs in next (the provider's "consent" is automatic). */
  person: { sub: string; name: string; roles: string[]; unit?: string };
  /** Requests it refused, with why (a test expects none). */
  refusals: string[];
  close(): Promise<void>;
}

/**
 * A minimal OpenID Connect provider for the tests: discovery, an authorize endpoint that
 * answers at once with a code, a token endpoint that checks the PKCE verifier, and its JWKS.
 */
export async function startFakeIdentityProvider(clientId = 'vinhdanh-pages'): Promise<FakeIdentityProvider> {
  const { publicKey, privateKey } = await generateKeyPair('ES256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'test-key', alg: 'ES256', use: 'sig' };
  const codes = new Map<string, { nonce: string; challenge: string; redirectUri: string }>();
  const provider: FakeIdentityProvider = {
    issuer: '',
    clientId,
    person: { sub: 'm-2', name: 'Trần Thị Lan', roles: ['council_member'], unit: 'u-a' },
    refusals: [],
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', provider.issuer);
    const json = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    const refuse = (why: string) => {
      provider.refusals.push(why);
      json(400, { error: 'invalid_request', error_description: why });
    };
    if (url.pathname === '/.well-known/openid-configuration') {
      return json(200, { issuer: provider.issuer, authorization_endpoint: `${provider.issuer}/authorize`, token_endpoint: `${provider.issuer}/token`, jwks_uri: `${provider.issuer}/jwks` });
    }
    if (url.pathname === '/jwks') return json(200, { keys: [jwk] });
    if (url.pathname === '/authorize') {
      const q = url.searchParams;
      if (q.get('client_id') !== clientId || q.get('response_type') !== 'code' || q.get('code_challenge_method') !== 'S256') return refuse('bad authorization request');
      const code = randomBytes(12).toString('hex');
      codes.set(code, { nonce: q.get('nonce') ?? '', challenge: q.get('code_challenge') ?? '', redirectUri: q.get('redirect_uri') ?? '' });
      const back = new URL(q.get('redirect_uri') ?? '');
      back.searchParams.set('code', code);
      back.searchParams.set('state', q.get('state') ?? '');
      response.writeHead(302, { location: back.toString() });
      return response.end();
    }
    if (url.pathname === '/token' && request.method === 'POST') {
      let raw = '';
      request.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
      request.on('end', () => {
        const form = new URLSearchParams(raw);
        const grant = codes.get(form.get('code') ?? '');
        codes.delete(form.get('code') ?? '');
        if (!grant) return refuse('unknown code');
        if (form.get('redirect_uri') !== grant.redirectUri || form.get('client_id') !== clientId) return refuse('redirect_uri or client_id differ');
        if (createHash('sha256').update(form.get('code_verifier') ?? '').digest('base64url') !== grant.challenge) return refuse('PKCE verifier does not match');
        const { sub, ...claims } = provider.person;
        void new SignJWT({ ...claims, nonce: grant.nonce })
          .setProtectedHeader({ alg: 'ES256', kid: 'test-key' })
          .setIssuer(provider.issuer)
          .setAudience(clientId)
          .setSubject(sub)
          .setIssuedAt()
          .setExpirationTime('1h')
          .sign(privateKey)
          .then((idToken) => json(200, { access_token: 'opaque', token_type: 'Bearer', id_token: idToken }));
      });
      return;
    }
    response.writeHead(404);
    response.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  provider.issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return provider;
}
