import { ConfigError } from './config-error';
import { Env, readChoice, readInt, readString, readUrl } from './env-readers';

export const RUN_MODES = ['production', 'embedded'] as const;
export type RunMode = (typeof RUN_MODES)[number];

export const JWT_PUBLIC_KEY_ALGORITHMS = ['RS256', 'PS256', 'ES256', 'EdDSA'] as const;
export type JwtPublicKeyAlgorithm = (typeof JWT_PUBLIC_KEY_ALGORITHMS)[number];

/**
 * Where token signatures are checked against. `embedded` means no JWT_* variable was set:
 * the API keeps a random HS256 secret in a file under ./data, so tokens minted by the CLI
 * survive restarts.
 */
export type JwtKeySource =
  | { kind: 'secret'; secret: string }
  | { kind: 'public_key'; publicKeyPem: string; algorithm: JwtPublicKeyAlgorithm }
  | { kind: 'jwks'; jwksUrl: string }
  | { kind: 'embedded'; secretFile: string };

export interface JwtConfig {
  key: JwtKeySource;
  issuer?: string;
  audience?: string;
}

export interface ApiConfig {
  mode: RunMode;
  port: number;
  host: string;
  redisUrl: string;
  jwt: JwtConfig;
  /** Requests per minute an anonymous caller (one IP) may make. */
  publicRateLimit: number;
  /** Largest request body accepted, in bytes. */
  bodyLimit: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /**
   * How often the read models' active versions are re-read, in ms; reads use the remembered
   * ones in between (a rebuild's swap is seen at the latest this much later). 0: look them up on
   * every read.
   */
  readModelRefreshMs: number;
  /**
   * Memory for answers kept ready to send (dossiers, honour lists), in MB; each is sent again
   * only while its read model's checkpoint has not moved. 0 turns the cache off.
   */
  readCacheMb: number;
  /**
   * How many processes serve the API on one port (node:cluster); 1 serves from this process.
   * Each counts the anonymous rate limit on its own.
   */
  workers: number;
  /**
   * Hours an answered Idempotency-Key is kept. A retry within them gets the original answer;
   * after them the key is forgotten (the command runner still refuses to write a keyed command
   * twice, since the key travels with its events).
   */
  idempotencyRetainHours: number;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** NODE_ENV=production implies production unless VINHDANH_MODE says otherwise. */
export function loadRunMode(env: Env = process.env): RunMode {
  const fallback: RunMode = env.NODE_ENV === 'production' ? 'production' : 'embedded';
  return readChoice(env, 'VINHDANH_MODE', RUN_MODES, fallback);
}

export function loadJwtConfig(env: Env = process.env, mode: RunMode = loadRunMode(env)): JwtConfig {
  const secret = env.JWT_SECRET || undefined;
  const publicKey = env.JWT_PUBLIC_KEY || undefined;
  const jwksUrl = readUrl(env, 'JWT_JWKS_URL', ['https:', 'http:']);
  const chosen = [secret && 'JWT_SECRET', publicKey && 'JWT_PUBLIC_KEY', jwksUrl && 'JWT_JWKS_URL'].filter(Boolean);
  if (chosen.length > 1) {
    throw new ConfigError(chosen[1] as string, '(set)', `only one of JWT_SECRET, JWT_PUBLIC_KEY, JWT_JWKS_URL; ${chosen.join(' and ')} are both set`);
  }
  const issuer = env.JWT_ISSUER || undefined;
  const audience = env.JWT_AUDIENCE || undefined;
  let key: JwtKeySource;
  if (secret !== undefined) {
    // HS256 with fewer than 256 bits of key is guessable offline from any one token.
    if (Buffer.byteLength(secret, 'utf8') < 32) throw new ConfigError('JWT_SECRET', '(hidden)', 'at least 32 bytes of random text');
    key = { kind: 'secret', secret };
  } else if (publicKey !== undefined) {
    const pem = publicKey.replace(/\\n/g, '\n');
    if (!/-----BEGIN PUBLIC KEY-----[\s\S]+-----END PUBLIC KEY-----/.test(pem)) {
      throw new ConfigError('JWT_PUBLIC_KEY', '(given)', 'a PEM SubjectPublicKeyInfo ("-----BEGIN PUBLIC KEY----- …")');
    }
    key = { kind: 'public_key', publicKeyPem: pem, algorithm: readChoice(env, 'JWT_ALGORITHM', JWT_PUBLIC_KEY_ALGORITHMS, 'RS256') };
  } else if (jwksUrl !== undefined) {
    key = { kind: 'jwks', jwksUrl };
  } else {
    if (mode === 'production') {
      throw new ConfigError('JWT_SECRET', undefined, 'one of JWT_SECRET, JWT_PUBLIC_KEY or JWT_JWKS_URL, required when VINHDANH_MODE=production');
    }
    key = { kind: 'embedded', secretFile: readString(env, 'JWT_SECRET_FILE', './data/jwt-secret') };
  }
  return { key, issuer, audience };
}

export function loadApiConfig(env: Env = process.env): ApiConfig {
  const mode = loadRunMode(env);
  const host = readString(env, 'HOST', '127.0.0.1');
  if (!/^[A-Za-z0-9.:[\]-]+$/.test(host)) throw new ConfigError('HOST', host, 'a host name or IP address such as 127.0.0.1 or 0.0.0.0');
  return {
    mode,
    port: readInt(env, 'PORT', 3000, 0, 65535),
    host,
    redisUrl: readUrl(env, 'REDIS_URL', ['redis:', 'rediss:'], 'redis://127.0.0.1:6379') as string,
    jwt: loadJwtConfig(env, mode),
    publicRateLimit: readInt(env, 'PUBLIC_RATE_LIMIT', 120, 1, 1_000_000),
    bodyLimit: readInt(env, 'BODY_LIMIT', 1_048_576, 1024, 64 * 1_048_576),
    logLevel: readChoice(env, 'LOG_LEVEL', LOG_LEVELS, 'info'),
    readModelRefreshMs: readInt(env, 'READ_MODEL_REFRESH_MS', 1000, 0, 3_600_000),
    readCacheMb: readInt(env, 'READ_CACHE_MB', 64, 0, 16_384),
    workers: readInt(env, 'API_WORKERS', 1, 1, 64),
    idempotencyRetainHours: readInt(env, 'IDEMPOTENCY_RETAIN_HOURS', 24, 1, 24 * 366),
  };
}
