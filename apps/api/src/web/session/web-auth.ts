import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { ApiConfig } from '@vinhdanh/config';
import type { Role } from '@vinhdanh/domain';
import { type ApiActor, type ResolvedJwtKeys, mintToken, InvalidToken, TokenVerifier } from '../api-parts';
import { parseCookies, serializeCookie } from './cookies';
import { DEMO_STAFF, type DemoPerson } from './demo-people';
import type { OidcClient } from './oidc-client';

export const SESSION_COOKIE = 'vd_session';
export const CSRF_COOKIE = 'vd_csrf';
const SESSION_SECONDS = 8 * 3600;
const OIDC_PREFIX = 'oidc.';

export interface WebUser extends ApiActor {
  name: string;
}

/**
 * Page sessions: the server mints the same kind of token the JSON API takes and keeps it in an
 * HttpOnly, SameSite=Lax cookie, so page scripts never hold it. Forms carry a CSRF token: an
 * HMAC of the visitor's random CSRF cookie and their session, so it changes at sign-in.
 */
export class WebAuth {
  private readonly verifier: TokenVerifier;
  /** Per process: a restart only makes open forms ask for a reload. */
  private readonly csrfKey = randomBytes(32);
  /** Display names of people signed in locally (tokens carry ids, not names). */
  private readonly names = new Map<string, string>(DEMO_STAFF.map((p) => [p.id, p.name]));

  constructor(
    private readonly config: ApiConfig,
    private readonly keys: ResolvedJwtKeys,
    /** Single sign-on, when OIDC_ISSUER is configured. */
    readonly oidc: OidcClient | null = null,
  ) {
    this.verifier = new TokenVerifier(keys.verification, config.jwt);
  }

  /** Local sign-in: only in the embedded mode, and only when this process can sign tokens. */
  get localSignInAllowed(): boolean {
    return this.config.mode !== 'production' && this.keys.signingSecret !== undefined;
  }

  get secureCookies(): boolean {
    return this.config.mode === 'production';
  }

  async signInLocal(person: DemoPerson): Promise<string> {
    if (!this.localSignInAllowed || !this.keys.signingSecret) throw new Error('local sign-in is off');
    this.names.set(person.id, person.name);
    const token = await mintToken(
      { role: person.roles, sub: person.id, unit: person.unit, expiresInSeconds: SESSION_SECONDS },
      { secret: this.keys.signingSecret, issuer: this.config.jwt.issuer, audience: this.config.jwt.audience },
    );
    return serializeCookie(SESSION_COOKIE, token, { maxAgeSeconds: SESSION_SECONDS, secure: this.secureCookies });
  }

  /** After single sign-on the session holds the provider's id token, checked again on each request. */
  oidcSessionCookie(idToken: string, expiresAt: number, now = Date.now()): string {
    const seconds = Math.max(1, Math.min(SESSION_SECONDS, Math.floor((expiresAt - now) / 1000)));
    return serializeCookie(SESSION_COOKIE, `${OIDC_PREFIX}${idToken}`, { maxAgeSeconds: seconds, secure: this.secureCookies });
  }

  signOutCookie(): string {
    return serializeCookie(SESSION_COOKIE, '', { maxAgeSeconds: 0, secure: this.secureCookies });
  }

  /** The signed-in person, or null (no cookie, or a token that no longer verifies). */
  async user(request: FastifyRequest): Promise<WebUser | null> {
    const token = parseCookies(request.headers.cookie)[SESSION_COOKIE];
    if (!token) return null;
    if (token.startsWith(OIDC_PREFIX)) {
      if (!this.oidc) return null;
      try {
        const who = await this.oidc.verify(token.slice(OIDC_PREFIX.length));
        return { id: who.id, roles: who.roles, ...(who.unit !== undefined ? { unit: who.unit } : {}), anonymous: false, name: who.name };
      } catch {
        return null; // expired or no longer valid: sign in again
      }
    }
    try {
      const actor = await this.verifier.verify(token);
      return { ...actor, name: this.names.get(actor.id) ?? actor.id };
    } catch (error) {
      if (error instanceof InvalidToken) return null;
      throw error;
    }
  }

  /** The CSRF cookie to set when the visitor has none yet (null when they have one). */
  csrfCookieFor(request: FastifyRequest): { value: string; setCookie: string | null } {
    const existing = parseCookies(request.headers.cookie)[CSRF_COOKIE];
    if (existing && /^[A-Za-z0-9_-]{43}$/.test(existing)) return { value: existing, setCookie: null };
    const value = randomBytes(32).toString('base64url');
    return { value, setCookie: serializeCookie(CSRF_COOKIE, value, { secure: this.secureCookies, sameSite: 'Strict' }) };
  }

  csrfToken(csrfCookie: string, request: FastifyRequest): string {
    const session = parseCookies(request.headers.cookie)[SESSION_COOKIE] ?? '';
    return createHmac('sha256', this.csrfKey).update(csrfCookie).update('\n').update(session).digest('base64url');
  }

  checkCsrf(request: FastifyRequest, token: unknown): boolean {
    const cookie = parseCookies(request.headers.cookie)[CSRF_COOKIE];
    if (!cookie || typeof token !== 'string') return false;
    const expected = Buffer.from(this.csrfToken(cookie, request));
    const given = Buffer.from(token);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}

export const hasAnyRole = (user: WebUser | null, ...roles: Role[]): boolean => Boolean(user && roles.some((r) => user.roles.includes(r)));
