/**
 * Buffer.from(s, 'base64') skips junk and accepts missing padding, so two different strings
 * would decode to the same key or root. Signed text must have exactly one spelling: accept
 * only standard, padded base64 (RFC 4648 §4) that re-encodes to itself.
 */
export function decodeBase64Strict(text: string): Buffer | undefined {
  if (text.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return undefined;
  const bytes = Buffer.from(text, 'base64');
  return bytes.toString('base64') === text ? bytes : undefined;
}
