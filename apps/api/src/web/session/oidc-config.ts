import { ConfigError, readString, readUrl, type Env } from '@vinhdanh/config';

/** Single sign-on by OpenID Connect (authorization-code flow with PKCE), when OIDC_ISSUER is set. */
export interface OidcConfig {
  issuer: string;
  clientId: string;
  /** Absent for a public client (PKCE only); sent as client_secret_post otherwise. */
  clientSecret?: string;
  /** Default: <the request's origin>/pages/sign-in/oidc/callback. */
  redirectUri?: string;
  scopes: string;
  /** The id-token claim that lists the person's roles (our role names). */
  rolesClaim: string;
  unitClaim: string;
}

export function loadOidcConfig(env: Env = process.env): OidcConfig | null {
  const issuer = readUrl(env, 'OIDC_ISSUER', ['https:', 'http:']);
  if (!issuer) return null;
  const clientId = env.OIDC_CLIENT_ID;
  if (!clientId) throw new ConfigError('OIDC_CLIENT_ID', undefined, 'the client id registered at the identity provider, required with OIDC_ISSUER');
  const redirectUri = readUrl(env, 'OIDC_REDIRECT_URI', ['https:', 'http:']);
  return {
    issuer: issuer.replace(/\/+$/, ''),
    clientId,
    ...(env.OIDC_CLIENT_SECRET ? { clientSecret: env.OIDC_CLIENT_SECRET } : {}),
    ...(redirectUri ? { redirectUri } : {}),
    scopes: readString(env, 'OIDC_SCOPES', 'openid profile'),
    rolesClaim: readString(env, 'OIDC_ROLES_CLAIM', 'roles'),
    unitClaim: readString(env, 'OIDC_UNIT_CLAIM', 'unit'),
  };
}
