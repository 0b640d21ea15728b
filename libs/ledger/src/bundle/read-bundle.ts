import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { type BundleEvent, type BundleLine, EVENT_LINE_INFIX, EVENT_LINE_PREFIX } from './bundle-format';

/** A line of a bundle that is not JSON (or not an object with a kind): the verifier reports it by line number. */
export interface MalformedLine {
  kind: 'malformed';
  line: number;
  reason: string;
}

const NEWLINE = 0x0a;
const CLOSE = 0x7d; // }
const PREFIX = Buffer.from(EVENT_LINE_PREFIX);
const INFIX = Buffer.from(EVENT_LINE_INFIX);
/** Where an event line's canonical text starts: after the prefix, 64 hex digits and the infix. */
const CANONICAL_AT = PREFIX.length + 64 + INFIX.length;

/** The raw canonical bytes of an event line written by writeBundle, or undefined for any other line. */
function canonicalBytesOf(chunk: Buffer, start: number, end: number): Buffer | undefined {
  if (end - start <= CANONICAL_AT + 1 || chunk[end - 1] !== CLOSE) return undefined;
  if (chunk.compare(PREFIX, 0, PREFIX.length, start, start + PREFIX.length) !== 0) return undefined;
  const infixAt = start + PREFIX.length + 64;
  if (chunk.compare(INFIX, 0, INFIX.length, infixAt, infixAt + INFIX.length) !== 0) return undefined;
  return chunk.subarray(start + CANONICAL_AT, end - 1);
}

function parse(text: string, n: number): BundleLine | MalformedLine {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { kind: 'malformed', line: n, reason: `not JSON: ${(error as Error).message}` };
  }
  if (typeof value !== 'object' || value === null || typeof (value as { kind?: unknown }).kind !== 'string') {
    return { kind: 'malformed', line: n, reason: 'not an object with a kind' };
  }
  return value as BundleLine;
}

/**
 * Parses an NDJSON bundle line by line from a file or stream. Lines are cut from the raw
 * chunks (a UTF-8 newline byte never occurs inside a multi-byte character), which is cheaper
 * than readline; memory stays at one chunk plus one line.
 */
export async function* readBundle(source: string | Readable): AsyncIterable<BundleLine | MalformedLine> {
  const input = typeof source === 'string' ? createReadStream(source, { highWaterMark: 1 << 18 }) : source;
  let rest: Buffer | undefined;
  let n = 0;
  for await (const raw of input) {
    let chunk: Buffer = typeof raw === 'string' ? Buffer.from(raw, 'utf8') : (raw as Buffer);
    if (rest) {
      chunk = Buffer.concat([rest, chunk]);
      rest = undefined;
    }
    let start = 0;
    for (let end = chunk.indexOf(NEWLINE, start); end !== -1; end = chunk.indexOf(NEWLINE, start)) {
      n += 1;
      if (end > start) {
        const line = parse(chunk.toString('utf8', start, end), n);
        if (line.kind === 'event') {
          const canonical = canonicalBytesOf(chunk, start, end);
          if (canonical) (line as BundleEvent).canonical = canonical;
        }
        yield line;
      }
      start = end + 1;
    }
    if (start < chunk.length) rest = chunk.subarray(start);
  }
  if (rest && rest.length > 0) yield parse(rest.toString('utf8'), n + 1);
}
