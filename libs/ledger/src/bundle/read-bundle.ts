import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { type BundleEvent, type BundleLine, type CanonicalEvent, EVENT_LINE_INFIX, EVENT_LINE_PREFIX, type EventHead, type PrecomputedDigests } from './bundle-format';
import { readBundleThreaded } from './read-bundle-threaded';

/** A line of a bundle that is not JSON (or not an object with a kind): the verifier reports it by line number. */
export interface MalformedLine {
  kind: 'malformed';
  line: number;
  reason: string;
}

export const NEWLINE = 0x0a;
const CLOSE = 0x7d; // }
export const PREFIX = Buffer.from(EVENT_LINE_PREFIX);
const INFIX = Buffer.from(EVENT_LINE_INFIX);
/** Where an event line's canonical text starts: after the prefix, 64 hex digits and the infix. */
export const CANONICAL_AT = PREFIX.length + 64 + INFIX.length;

export const HEAD_TAIL = ',"position":';
const TAIL = Buffer.from(HEAD_TAIL);
export const HEAD_KEYS = 'position,revision,stream,type';

/** position, revision, stream and type from the end of canonical bytes; undefined if they are not there as expected. */
function headOf(canonical: Buffer): EventHead | undefined {
  // Keys are sorted, so these four come last, after data and metadata; a nested "position" key
  // comes earlier, and inside a string a quote is escaped, so the last match is the top-level one.
  const at = canonical.lastIndexOf(TAIL);
  if (at < 0) return undefined;
  try {
    const head = JSON.parse(`{${canonical.toString('utf8', at + 1)}`) as EventHead;
    const ok =
      Object.keys(head).join(',') === HEAD_KEYS &&
      Number.isSafeInteger(head.position) &&
      Number.isSafeInteger(head.revision) &&
      typeof head.stream === 'string' &&
      typeof head.type === 'string';
    return ok ? head : undefined;
  } catch {
    return undefined;
  }
}

/**
 * An event line as writeBundle writes it: the hash and the canonical bytes are cut from the
 * line, the head is read from the bytes' tail, and the payload is parsed only when asked for.
 * A payload that does not parse reads as null, which the verifier reports as malformed.
 */
export class LazyEventLine implements BundleEvent {
  readonly kind = 'event';
  readonly head: EventHead | undefined;
  private parsed: CanonicalEvent | null | undefined;

  /** `head` and `digests` come from a worker thread that already read them from the same bytes. */
  constructor(
    readonly hash: string,
    readonly canonical: Buffer,
    head?: EventHead | null,
    readonly digests?: PrecomputedDigests,
  ) {
    this.head = head === undefined ? headOf(canonical) : (head ?? undefined);
  }

  get event(): CanonicalEvent {
    if (this.parsed === undefined) {
      try {
        this.parsed = JSON.parse(this.canonical.toString('utf8')) as CanonicalEvent;
      } catch {
        this.parsed = null;
      }
    }
    return this.parsed as CanonicalEvent;
  }
}

/** The raw canonical bytes of an event line written by writeBundle, or undefined for any other line. */
function canonicalBytesOf(chunk: Buffer, start: number, end: number): Buffer | undefined {
  if (end - start <= CANONICAL_AT + 1 || chunk[end - 1] !== CLOSE) return undefined;
  if (chunk.compare(PREFIX, 0, PREFIX.length, start, start + PREFIX.length) !== 0) return undefined;
  const infixAt = start + PREFIX.length + 64;
  if (chunk.compare(INFIX, 0, INFIX.length, infixAt, infixAt + INFIX.length) !== 0) return undefined;
  return chunk.subarray(start + CANONICAL_AT, end - 1);
}

export function parse(text: string, n: number): BundleLine | MalformedLine {
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

export interface ReadBundleOptions {
  /**
   * Threads in all, this one included: above 1, worker threads cut the lines, read the event
   * heads and hash the events (leaf and chain) in batches while this thread verifies, and the
   * lines come out in file order exactly as with one thread. Default 1.
   */
  threads?: number;
}

/**
 * Parses an NDJSON bundle line by line from a file or stream. Lines are cut from the raw
 * chunks (a UTF-8 newline byte never occurs inside a multi-byte character), which is cheaper
 * than readline; memory stays at one chunk plus one line (a few batches with threads).
 */
export function readBundle(source: string | Readable, options: ReadBundleOptions = {}): AsyncIterable<BundleLine | MalformedLine> {
  const threads = Math.floor(options.threads ?? 1);
  const groups = (): AsyncIterable<readonly Line[]> => (threads > 1 ? readBundleThreaded(source, threads - 1) : readBundleHere(source));
  return {
    async *[Symbol.asyncIterator]() {
      for await (const group of groups()) yield* group;
    },
    [LINE_GROUPS]: groups,
  } as AsyncIterable<Line>;
}

type Line = BundleLine | MalformedLine;

/**
 * A bundle reader's lines in the groups it cut them in (a chunk's, a batch's): verifyBundle
 * takes them so, which spares an async step per line. Either way the lines and their order
 * are the same.
 */
export const LINE_GROUPS = Symbol('bundle line groups');

async function* readBundleHere(source: string | Readable): AsyncIterable<readonly Line[]> {
  const input = typeof source === 'string' ? createReadStream(source, { highWaterMark: 1 << 18 }) : source;
  let rest: Buffer | undefined;
  let n = 0;
  for await (const raw of input) {
    let chunk: Buffer = typeof raw === 'string' ? Buffer.from(raw, 'utf8') : (raw as Buffer);
    if (rest) {
      chunk = Buffer.concat([rest, chunk]);
      rest = undefined;
    }
    const group: Line[] = [];
    let start = 0;
    for (let end = chunk.indexOf(NEWLINE, start); end !== -1; end = chunk.indexOf(NEWLINE, start)) {
      n += 1;
      if (end > start) {
        const canonical = canonicalBytesOf(chunk, start, end);
        group.push(
          canonical
            ? new LazyEventLine(chunk.toString('latin1', start + PREFIX.length, start + PREFIX.length + 64), canonical)
            : parse(chunk.toString('utf8', start, end), n),
        );
      }
      start = end + 1;
    }
    if (group.length) yield group;
    if (start < chunk.length) rest = chunk.subarray(start);
  }
  if (rest && rest.length > 0) yield [parse(rest.toString('utf8'), n + 1)];
}
