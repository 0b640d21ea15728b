import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { createRemoteJWKSet, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { isRole, type Role } from '@vinhdanh/domain';
import type { OidcConfig } from './oidc-config';

interface Discovery {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  jwks_uri: string;
}

export interface OidcIdentity {
  id: string;
  name: string;
  roles: Role[];
  unit?: string;
  expiresAt: number;
}

/** What the browser carries between the redirect to the provider and the callback (signed, HttpOnly, 10 minutes). */
interface Pending {
  state: string;
  nonce: string;
  verifier: string;
  next: string;
  until: number;
}

export class OidcError extends Error {
  override readonly name = 'OidcError';
}

const b64url = (bytes: Buffer) => bytes.toString('base64url');

/**
 * The relying party: discovery, the authorization request with state, nonce and PKCE (S256),
 * the code exchange at the token endpoint, and the id token verified with jose against the
 * provider's JWKS (issuer, audience = client id, expiry, nonce).
 */
export class OidcClient {
  private discovery: Promise<Discovery> | null = null;
  private jwks: JWTVerifyGetKey | null = null;
  private readonly stateKey = randomBytes(32);

  constructor(
    readonly config: OidcConfig,
    private readonly fetcher: typeof fetch = fetch,
  ) {}

  private async discover(): Promise<Discovery> {
    this.discovery ??= (async () => {
      const response = await this.fetcher(`${this.config.issuer}/.well-known/openid-configuration`, { headers: { accept: 'application/json' } });
      if (!response.ok) throw new OidcError(`discovery answered ${response.status}`);
      const doc = (await response.json()) as Partial<Discovery>;
      if (doc.issuer?.replace(/\/+$/, '') !== this.config.issuer) throw new OidcError(`discovery names issuer ${doc.issuer}, not ${this.config.issuer}`);
      for (const field of ['authorization_endpoint', 'token_endpoint', 'jwks_uri'] as const) {
        if (typeof doc[field] !== 'string') throw new OidcError(`discovery lacks ${field}`);
      }
      return doc as Discovery;
    })().catch((error: unknown) => {
      this.discovery = null; // try again next time
      throw error;
    });
    return this.discovery;
  }

  redirectUri(origin: string): string {
    return this.config.redirectUri ?? `${origin}/pages/sign-in/oidc/callback`;
  }

  /** The provider URL to send the browser to, and the signed cookie value that remembers the request. */
  async start(origin: string, next: string, now = Date.now()): Promise<{ location: string; pending: string }> {
    const d = await this.discover();
    const pending: Pending = { state: b64url(randomBytes(16)), nonce: b64url(randomBytes(16)), verifier: b64url(randomBytes(32)), next, until: now + 10 * 60_000 };
    const url = new URL(d.authorization_endpoint);
    url.searchParams.set('response_type', 'code');
    url.searchParams.set('client_id', this.config.clientId);
    url.searchParams.set('redirect_uri', this.redirectUri(origin));
    url.searchParams.set('scope', this.config.scopes);
    url.searchParams.set('state', pending.state);
    url.searchParams.set('nonce', pending.nonce);
    url.searchParams.set('code_challenge', b64url(createHash('sha256').update(pending.verifier).digest()));
    url.searchParams.set('code_challenge_method', 'S256');
    return { location: url.toString(), pending: this.seal(pending) };
  }

  /** The callback: checks state, exchanges the code, verifies the id token. Returns the person and where to go. */
  async finish(origin: string, query: { code?: unknown; state?: unknown; error?: unknown }, sealed: string | undefined, now = Date.now()): Promise<{ identity: OidcIdentity; idToken: string; next: string }> {
    if (typeof query.error === 'string') throw new OidcError(`the provider refused: ${query.error}`);
    const pending = sealed ? this.open(sealed) : null;
    if (!pending || pending.until < now) throw new OidcError('the sign-in request expired; start again');
    if (typeof query.state !== 'string' || query.state !== pending.state) throw new OidcError('state does not match');
    if (typeof query.code !== 'string' || query.code === '') throw new OidcError('no authorization code');
    const d = await this.discover();
    const body = new URLSearchParams({ grant_type: 'authorization_code', code: query.code, redirect_uri: this.redirectUri(origin), client_id: this.config.clientId, code_verifier: pending.verifier });
    if (this.config.clientSecret) body.set('client_secret', this.config.clientSecret);
    const response = await this.fetcher(d.token_endpoint, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' }, body });
    if (!response.ok) throw new OidcError(`the token endpoint answered ${response.status}`);
    const tokens = (await response.json()) as { id_token?: unknown };
    if (typeof tokens.id_token !== 'string') throw new OidcError('the token endpoint sent no id_token');
    const identity = await this.verify(tokens.id_token, pending.nonce);
    return { identity, idToken: tokens.id_token, next: pending.next };
  }

  /** An id token (at the callback, or later from the session cookie) as a person, or an error. */
  async verify(idToken: string, nonce?: string): Promise<OidcIdentity> {
    const d = await this.discover();
    this.jwks ??= createRemoteJWKSet(new URL(d.jwks_uri), { timeoutDuration: 3000 });
    const { payload } = await jwtVerify(idToken, this.jwks, { issuer: d.issuer, audience: this.config.clientId, clockTolerance: 30 });
    if (nonce !== undefined && payload.nonce !== nonce) throw new OidcError('nonce does not match');
    return this.identityOf(payload);
  }

  private identityOf(payload: JWTPayload): OidcIdentity {
    if (!payload.sub) throw new OidcError('the id token has no subject');
    const claimed = payload[this.config.rolesClaim];
    const roles = (Array.isArray(claimed) ? claimed : typeof claimed === 'string' ? claimed.split(/[\s,]+/) : []).filter((r): r is Role => typeof r === 'string' && isRole(r));
    const unit = payload[this.config.unitClaim];
    const name = typeof payload.name === 'string' ? payload.name : payload.sub;
    return { id: payload.sub, name, roles, ...(typeof unit === 'string' ? { unit } : {}), expiresAt: (payload.exp ?? 0) * 1000 };
  }

  private seal(pending: Pending): string {
    const data = Buffer.from(JSON.stringify(pending)).toString('base64url');
    return `${data}.${createHmac('sha256', this.stateKey).update(data).digest('base64url')}`;
  }

  private open(sealed: string): Pending | null {
    const [data, mac] = sealed.split('.');
    if (!data || !mac) return null;
    const expected = Buffer.from(createHmac('sha256', this.stateKey).update(data).digest('base64url'));
    const given = Buffer.from(mac);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    return JSON.parse(Buffer.from(data, 'base64url').toString('utf8')) as Pending;
  }
}
