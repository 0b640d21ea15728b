import { canonicalJson } from '../canonical-json';

/**
 * RFC 8785 canonical JSON, byte for byte what canonicalJson (the `canonicalize` package)
 * produces, written for the verifier's hot path: one pass building one string, strings that
 * need no escaping quoted directly, object keys quoted once and cached. Anything that is not
 * plain JSON data (toJSON, bigint, symbols…) is handed to canonicalJson, so the two never
 * disagree; fast-canonical.spec.ts checks that on arbitrary values.
 */
// JSON.stringify escapes quote, backslash, control characters and lone surrogates; so must we.
// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;
const quotedKeys = new Map<string, string>();

function quote(s: string): string {
  return NEEDS_ESCAPE.test(s) ? JSON.stringify(s) : `"${s}"`;
}

function quoteKey(k: string): string {
  let q = quotedKeys.get(k);
  if (q === undefined) {
    q = quote(k);
    if (quotedKeys.size < 10_000) quotedKeys.set(k, q);
  }
  return q;
}

function write(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return quote(value);
    case 'number':
      if (!Number.isFinite(value)) return canonicalJson(value); // throws as the reference does
      return String(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object': {
      if (value === null) return 'null';
      if (Array.isArray(value)) {
        let out = '[';
        for (let i = 0; i < value.length; i++) {
          const item: unknown = value[i];
          if (i > 0) out += ',';
          out += item === undefined || typeof item === 'symbol' ? 'null' : write(item);
        }
        return `${out}]`;
      }
      const proto = Object.getPrototypeOf(value) as unknown;
      if ((proto !== Object.prototype && proto !== null) || typeof (value as { toJSON?: unknown }).toJSON === 'function') {
        return canonicalJson(value);
      }
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record).sort();
      let out = '{';
      let first = true;
      for (const k of keys) {
        const v = record[k];
        if (v === undefined || typeof v === 'symbol') continue;
        if (!first) out += ',';
        first = false;
        out += `${quoteKey(k)}:${write(v)}`;
      }
      return `${out}}`;
    }
    default:
      return canonicalJson(value);
  }
}

export function fastCanonicalJson(value: unknown): string {
  return write(value);
}
