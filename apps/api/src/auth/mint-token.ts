import { SignJWT } from 'jose';
import { randomUUID } from 'node:crypto';
import { ConfigError, loadJwtConfig, type Env } from '@vinhdanh/config';
import { isRole, ROLES, type Role } from '@vinhdanh/domain';
import { resolveJwtKeys } from './jwt-keys';

export interface MintTokenRequest {
  role: Role | Role[];
  sub: string;
  unit?: string;
  /** Seconds; default eight hours, a working day. */
  expiresInSeconds?: number;
}

export interface MintTokenOptions {
  /** Sign with this secret instead of reading the configuration. */
  secret?: Uint8Array | string;
  issuer?: string;
  audience?: string;
  /** Where JWT_SECRET / JWT_SECRET_FILE / JWT_ISSUER / JWT_AUDIENCE are read; default process.env. */
  env?: Env;
}

/**
 * A token the API accepts, for `vinhdanh token --role R --unit U --sub ID`. It signs with the
 * configured JWT_SECRET, or the embedded secret under ./data; with a public key or JWKS the
 * tokens come from the SSO and this refuses.
 */
export async function mintToken(request: MintTokenRequest, options: MintTokenOptions = {}): Promise<string> {
  const roles = Array.isArray(request.role) ? request.role : [request.role];
  for (const role of roles) {
    if (!isRole(role)) throw new RangeError(`unknown role "${String(role)}"; roles are ${ROLES.join(', ')}`);
  }
  if (!request.sub) throw new RangeError('a token needs a subject (--sub)');
  let secret: Uint8Array;
  let issuer = options.issuer;
  let audience = options.audience;
  if (options.secret !== undefined) {
    secret = typeof options.secret === 'string' ? new TextEncoder().encode(options.secret) : options.secret;
  } else {
    const config = loadJwtConfig(options.env ?? process.env, 'embedded');
    const keys = await resolveJwtKeys(config);
    if (!keys.signingSecret) {
      throw new ConfigError('JWT_SECRET', undefined, 'set to mint tokens locally; with JWT_PUBLIC_KEY or JWT_JWKS_URL tokens come from the identity provider');
    }
    secret = keys.signingSecret;
    issuer ??= config.issuer;
    audience ??= config.audience;
  }
  const claims: Record<string, unknown> = { roles };
  if (request.unit !== undefined) claims.unit = request.unit;
  let jwt = new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(request.sub)
    .setIssuedAt()
    .setJti(randomUUID())
    .setExpirationTime(`${request.expiresInSeconds ?? 8 * 3600}s`);
  if (issuer) jwt = jwt.setIssuer(issuer);
  if (audience) jwt = jwt.setAudience(audience);
  return jwt.sign(secret);
}
