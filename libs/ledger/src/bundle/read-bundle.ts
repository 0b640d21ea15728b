import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import type { BundleLine } from './bundle-format';

/** A line of a bundle that is not JSON (or not an object with a kind): the verifier reports it by line number. */
export interface MalformedLine {
  kind: 'malformed';
  line: number;
  reason: string;
}

/** Parses an NDJSON bundle line by line from a file or stream; memory stays at one line. */
export async function* readBundle(source: string | Readable): AsyncIterable<BundleLine | MalformedLine> {
  const input = typeof source === 'string' ? createReadStream(source, { encoding: 'utf8', highWaterMark: 1 << 20 }) : source;
  const lines = createInterface({ input, crlfDelay: Infinity });
  let n = 0;
  for await (const text of lines) {
    n += 1;
    if (text.length === 0) continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      yield { kind: 'malformed', line: n, reason: `not JSON: ${(error as Error).message}` };
      continue;
    }
    if (typeof value !== 'object' || value === null || typeof (value as { kind?: unknown }).kind !== 'string') {
      yield { kind: 'malformed', line: n, reason: 'not an object with a kind' };
      continue;
    }
    yield value as BundleLine;
  }
}
