import { type BundleLine, EVENT_LINE_INFIX, EVENT_LINE_PREFIX } from '../bundle/bundle-format';
import { readBundle } from '../bundle/read-bundle';
import { chainHash, GENESIS_HASH } from '../hash-chain';
import { chainedEvents } from '../checkpointer/ledger-test-sql';
import { canonicalEventText } from './event-digests';
import { bundleText, chunked, failures, key } from './verify-bundle.testing';
import { verifyBundle } from './verify-bundle';

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of items) out.push(x);
  return out;
}

async function* parsed(lines: string[]): AsyncIterable<BundleLine> {
  for (const l of lines) yield JSON.parse(l) as BundleLine;
}

describe('verifyBundle (pure, no database)', () => {
  it('passes a sound bundle read through readBundle in 7-byte chunks, hashing the canonical bytes as read', async () => {
    const report = await verifyBundle(readBundle(chunked(`${bundleText().join('\n')}\n`, 7)), { trustedKeys: [key.vkey] });
    expect(failures(report)).toEqual([]);
    expect(report.checks.find((c) => c.id === 'chain')!.checked).toBe(25);
  });

  it('passes the same bundle given as parsed objects (re-canonicalising, as a web page would)', async () => {
    expect(failures(await verifyBundle(parsed(bundleText())))).toEqual([]);
  });

  it('reads position, revision, stream and type from the tail even when the payload holds look-alikes', async () => {
    const fields = {
      position: 0,
      streamId: 's-1',
      revision: 0,
      eventId: 'e-0',
      type: 'T',
      data: { position: 999, revision: 7, stream: 'x', type: 'Y', note: ',"position":5,"revision":1,"stream":"z","type":"W"}' },
      metadata: { nested: { position: 3 } },
    };
    const hash = chainHash(GENESIS_HASH, fields).toString('hex');
    const line = `${EVENT_LINE_PREFIX}${hash}${EVENT_LINE_INFIX}${canonicalEventText(fields)}}`;
    const [read] = await collect(readBundle(chunked(`${line}\n`, 11)));
    expect(read.kind === 'event' && read.head).toEqual({ position: 0, revision: 0, stream: 's-1', type: 'T' });
    expect(read.kind === 'event' && read.event.data).toEqual(fields.data);
  });

  it('reads back exactly the canonical bytes it wrote', async () => {
    const lines = bundleText(3, [3]);
    const events = chainedEvents(3);
    let i = 0;
    for await (const line of readBundle(chunked(lines.join('\n'), 5))) {
      if (line.kind !== 'event') continue;
      expect(Buffer.from(line.canonical!).toString('utf8')).toBe(canonicalEventText(events[i++]));
    }
    expect(i).toBe(3);
  });

  it('names a truncated bundle, a malformed line, a missing consistency proof and a checkpoint beyond the events', async () => {
    const lines = bundleText();
    expect(failures(await verifyBundle(readBundle(chunked(lines.slice(0, -1).join('\n'), 64))))).toEqual(['format: TRUNCATED']);
    const broken = [...lines];
    broken.splice(3, 0, '{"kind":');
    expect(failures(await verifyBundle(readBundle(chunked(broken.join('\n'), 64))))).toEqual(['format: LINE_MALFORMED']);
    const noProof = lines.filter((l) => !l.startsWith('{"kind":"consistency"'));
    expect(failures(await verifyBundle(parsed(noProof)))).toEqual(['format: COUNT_MISMATCH', 'consistency: CONSISTENCY_MISSING']);
    const beyond = bundleText(25, [10, 25]).filter((l, i, all) => !(l.startsWith(EVENT_LINE_PREFIX) && i === all.length - 2));
    expect(failures(await verifyBundle(parsed(beyond)))).toEqual(
      expect.arrayContaining(['format: COUNT_MISMATCH', 'roots: CHECKPOINT_BEYOND_EVENTS@24']),
    );
  });

  it('a bundle whose sections are out of order, or with no checkpoint at all, fails', async () => {
    const lines = bundleText();
    const swapped = [lines[0], lines[2], lines[1], ...lines.slice(3)];
    expect(failures(await verifyBundle(parsed(swapped)))).toEqual(expect.arrayContaining(['format: SECTION_ORDER']));
    const unsigned = lines.filter((l) => !l.startsWith('{"kind":"checkpoint"') && !l.startsWith('{"kind":"consistency"'));
    expect(failures(await verifyBundle(parsed(unsigned)))).toEqual(
      expect.arrayContaining(['signatures: NO_CHECKPOINT', 'coverage: EVENTS_UNSIGNED@0']),
    );
  });
});
