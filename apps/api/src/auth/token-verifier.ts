import { errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';
import { isRole, type Role } from '@vinhdanh/domain';
import type { JwtConfig } from '@vinhdanh/config';
import type { ApiActor } from './actor';
import type { VerificationKey } from './jwt-keys';

export const TOKEN_VERIFIER = Symbol('TOKEN_VERIFIER');

/** Why a token was refused; the reason goes into the 401's detail (it reveals nothing secret). */
export class InvalidToken extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'InvalidToken';
  }
}

/** How many verified tokens are remembered, and for how long at most (a token's own expiry caps it). */
const CACHE_SIZE = 10_000;
const CACHE_MS = 60_000;

export class TokenVerifier {
  /**
   * Verified tokens, so a client sending the same token on every request pays for the
   * signature once a minute rather than per request. Only successes are cached.
   */
  private readonly cache = new Map<string, { actor: ApiActor; until: number }>();

  constructor(
    private readonly key: VerificationKey,
    private readonly config: Pick<JwtConfig, 'issuer' | 'audience'>,
    private readonly now: () => number = Date.now,
  ) {}

  async verify(token: string): Promise<ApiActor> {
    const cached = this.cache.get(token);
    const now = this.now();
    if (cached && cached.until > now) return cached.actor;
    if (cached) this.cache.delete(token);
    const { actor, expiresAt } = await this.verifyAfresh(token);
    if (this.cache.size >= CACHE_SIZE) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(token, { actor, until: Math.min(now + CACHE_MS, expiresAt ?? Infinity) });
    return actor;
  }

  private async verifyAfresh(token: string): Promise<{ actor: ApiActor; expiresAt?: number }> {
    let payload: JWTPayload;
    try {
      const verifyOptions = {
        algorithms: this.key.algorithms,
        issuer: this.config.issuer,
        audience: this.config.audience,
        clockTolerance: 30,
        currentDate: new Date(this.now()),
      };
      const key = this.key.key;
      // jose's two overloads (a key, or a key-set lookup) do not accept the union.
      const result = typeof key === 'function' ? await jwtVerify(token, key, verifyOptions) : await jwtVerify(token, key, verifyOptions);
      payload = result.payload;
    } catch (error) {
      throw new InvalidToken(describe(error));
    }
    return { actor: actorFromClaims(payload), expiresAt: payload.exp !== undefined ? payload.exp * 1000 : undefined };
  }
}

export function actorFromClaims(payload: JWTPayload): ApiActor {
  if (typeof payload.sub !== 'string' || payload.sub.length === 0 || payload.sub.length > 200) {
    throw new InvalidToken('the token has no "sub" claim');
  }
  const claimed = payload.roles;
  if (!Array.isArray(claimed) || !claimed.every((r) => typeof r === 'string')) {
    throw new InvalidToken('the "roles" claim must be an array of role names');
  }
  // Roles we do not know are ignored rather than refused, so an SSO can carry other systems' roles.
  const roles = [...new Set(claimed.filter(isRole))] as Role[];
  const unit = payload.unit;
  if (unit !== undefined && (typeof unit !== 'string' || unit.length === 0 || unit.length > 200)) {
    throw new InvalidToken('the "unit" claim must be a non-empty string');
  }
  return { id: payload.sub, roles, unit, anonymous: false };
}

function describe(error: unknown): string {
  if (error instanceof joseErrors.JWTExpired) return 'the token has expired';
  if (error instanceof joseErrors.JWTClaimValidationFailed) return `the token's "${error.claim}" claim is not accepted`;
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return 'the token signature does not verify';
  if (error instanceof joseErrors.JOSEAlgNotAllowed) return 'the token is signed with an algorithm that is not accepted';
  if (error instanceof joseErrors.JWKSNoMatchingKey) return 'no key in the key set matches the token';
  if (error instanceof joseErrors.JWKSTimeout) return 'the key set could not be fetched in time';
  if (error instanceof joseErrors.JWSInvalid || error instanceof joseErrors.JWTInvalid) return 'the token is malformed';
  return 'the token could not be verified';
}
