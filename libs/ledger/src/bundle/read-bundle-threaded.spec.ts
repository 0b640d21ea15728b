import type { Readable } from 'node:stream';
import { type BundleLine, EVENT_LINE_PREFIX } from './bundle-format';
import { type MalformedLine, readBundle } from './read-bundle';
import { readBundleThreaded as batches } from './read-bundle-threaded';
import { verifyBundle } from '../verify/verify-bundle';
import { bundleText, chunked, failures, key } from '../verify/verify-bundle.testing';

/** The threaded reader's lines one by one, with batches of `batchBytes`. */
async function* readBundleThreaded(source: Readable, workers: number, batchBytes: number): AsyncIterable<BundleLine | MalformedLine> {
  for await (const group of batches(source, workers, batchBytes)) yield* group;
}

const text = (lines: string[], trailingNewline = true): string => `${lines.join('\n')}${trailingNewline ? '\n' : ''}`;

/** Every line as the verifier sees it: kind, line number, hash, head and canonical bytes. */
async function seen(lines: AsyncIterable<unknown>): Promise<unknown[]> {
  const out: unknown[] = [];
  for await (const l of lines as AsyncIterable<Record<string, unknown>>) {
    out.push(l.kind === 'event' ? { hash: l.hash, head: l.head, canonical: Buffer.from(l.canonical as Uint8Array).toString('utf8') } : l);
  }
  return out;
}

/** Single-threaded and threaded (two workers, batches of a few lines, tiny chunks) on the same text. */
async function bothWays(t: string): Promise<[string[], string[]]> {
  const one = failures(await verifyBundle(readBundle(chunked(t, 64)), { trustedKeys: [key.vkey] }));
  const many = failures(await verifyBundle(readBundleThreaded(chunked(t, 7), 2, 900), { trustedKeys: [key.vkey] }));
  return [one, many];
}

const eventIndex = (lines: string[], k: number): number => lines.findIndex((l) => l.startsWith(EVENT_LINE_PREFIX)) + k;

describe('readBundle with worker threads', () => {
  it('yields the same lines as one thread, in order, across batch and chunk boundaries', async () => {
    const lines = bundleText(60, [10, 33, 60]);
    lines.splice(eventIndex(lines, 20), 0, '', '{"kind":');
    for (const trailing of [true, false]) {
      const expected = await seen(readBundle(chunked(text(lines, trailing), 64)));
      expect(await seen(readBundleThreaded(chunked(text(lines, trailing), 7), 2, 500))).toEqual(expected);
      expect(await seen(readBundleThreaded(chunked(text(lines, trailing), 4096), 3, 1 << 20))).toEqual(expected);
    }
    // The workers did hash: every event has a chain digest but the first, and the one after the malformed line.
    let chained = 0;
    for await (const l of readBundleThreaded(chunked(text(lines), 4096), 2, 1 << 20)) if (l.kind === 'event' && l.digests?.chain.length === 32) chained += 1;
    expect(chained).toBe(60 - 2);
  });

  it('passes a sound bundle, with the threads option of readBundle', async () => {
    const report = await verifyBundle(readBundle(chunked(text(bundleText()), 64), { threads: 2 }), { trustedKeys: [key.vkey] });
    expect(failures(report)).toEqual([]);
    expect(report.checks.find((c) => c.id === 'chain')!.checked).toBe(25);
  });

  it('rejects a tampered bundle with the same failures and positions as one thread', async () => {
    const lines = bundleText(40, [10, 25, 40]);
    const edited = [...lines];
    const e7 = eventIndex(edited, 7);
    edited[e7] = edited[e7].replace('"revision":', '"zz":0,"revision":');
    const dropped = lines.filter((_, i) => i !== eventIndex(lines, 12));
    const moved = [...lines];
    const [a, b] = [eventIndex(moved, 3), eventIndex(moved, 4)];
    [moved[a], moved[b]] = [moved[b], moved[a]];
    const badHash = [...lines];
    const e30 = eventIndex(badHash, 30);
    badHash[e30] = `${EVENT_LINE_PREFIX}${'z'.repeat(64)}${badHash[e30].slice(EVENT_LINE_PREFIX.length + 64)}`;
    const payload = [...lines];
    const e15 = eventIndex(payload, 15);
    payload[e15] = payload[e15].replace('"data":{', '"data":{"x":');
    for (const tampered of [edited, dropped, moved, badHash, payload]) {
      const [one, many] = await bothWays(text(tampered));
      expect(one.length).toBeGreaterThan(0);
      expect(many).toEqual(one);
    }
    const [one, many] = await bothWays(text(lines.slice(0, -1)));
    expect(many).toEqual(one);
    expect(many).toEqual(['format: TRUNCATED']);
  });
});
