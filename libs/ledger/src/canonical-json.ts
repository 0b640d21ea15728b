import canonicalizeImpl from 'canonicalize';

/**
 * RFC 8785 (JSON Canonicalization Scheme). Hashes and signatures are taken over these
 * bytes, so two parties that hold the same value always hash the same thing.
 */
export function canonicalJson(value: unknown): string {
  const text = canonicalizeImpl(value);
  if (text === undefined) throw new TypeError('value cannot be represented as JSON');
  return text;
}

export function canonicalBytes(value: unknown): Buffer {
  return Buffer.from(canonicalJson(value), 'utf8');
}
