/** Keys whose values never reach a log line: a secret ballot's choice, and credentials. */
const SECRET_KEYS = new Set(['choice', 'ballots', 'password', 'token', 'authorization', 'contact', 'phone', 'email']);

/** A copy safe to log: the values of secret keys replaced, at any depth. */
export function redactSecrets(value: unknown, depth = 0): unknown {
  if (depth > 8) return '[deep]';
  if (Array.isArray(value)) return value.slice(0, 50).map((v) => redactSecrets(v, depth + 1));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) out[key] = SECRET_KEYS.has(key.toLowerCase()) ? '[redacted]' : redactSecrets(v, depth + 1);
    return out;
  }
  return value;
}

/** pino's redact paths for the same keys in request logs. */
export const PINO_REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'body.choice',
  'req.body.choice',
  '*.choice',
  '*.*.choice',
  'body.contact',
  '*.contact',
];
