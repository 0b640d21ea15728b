import { ConfigError } from './config-error';

export type Env = Record<string, string | undefined>;

export function readChoice<T extends string>(env: Env, name: string, choices: readonly T[], fallback: T): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if ((choices as readonly string[]).includes(raw)) return raw as T;
  throw new ConfigError(name, raw, `one of ${choices.join(', ')}`);
}

export function readInt(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new ConfigError(name, raw, `a whole number from ${min} to ${max}`);
  return n;
}

export function readUrl(env: Env, name: string, protocols: string[], fallback?: string): string | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(name, redact(raw), `a URL such as ${protocols[0]}//host:port/...`);
  }
  if (!protocols.includes(url.protocol)) throw new ConfigError(name, redact(raw), `a URL starting with ${protocols.join(' or ')}`);
  return raw;
}

export function readString(env: Env, name: string, fallback: string): string {
  const raw = env[name];
  return raw === undefined || raw === '' ? fallback : raw;
}

/** Never echo a password back into a log. */
function redact(raw: string): string {
  return raw.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}
