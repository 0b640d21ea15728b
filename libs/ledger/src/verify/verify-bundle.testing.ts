import { Readable } from 'node:stream';
import { BUNDLE_FORMAT, EVENT_LINE_INFIX, EVENT_LINE_PREFIX } from '../bundle/bundle-format';
import { signCheckpoint, SigningKey } from '../checkpoint';
import { chainedEvents } from '../checkpointer/ledger-test-sql';
import { consistencyProof, eventLeafHash, MemoryNodeStore, MerkleFrontier } from '../merkle';
import { canonicalEventText } from './event-digests';
import type { VerificationReport } from './report';

/** Failed checks as `id: CODE@position`, so a test names exactly what must be caught. */
export function failures(report: VerificationReport): string[] {
  return report.checks.filter((c) => !c.ok).map((c) => `${c.id}: ${c.failure?.code}${c.failure?.position === undefined ? '' : `@${c.failure.position}`}`);
}

const ORIGIN = 'example.org/log';
export const key = SigningKey.generate(ORIGIN);

/** A small bundle as writeBundle would write it: 25 events, checkpoints at 10 and 25. */
export function bundleText(count = 25, sizes = [10, 25]): string[] {
  const events = chainedEvents(count);
  const store = new MemoryNodeStore();
  const frontier = new MerkleFrontier(store.sink);
  const notes: string[] = [];
  for (const e of events) {
    frontier.append(eventLeafHash(e));
    if (sizes.includes(frontier.size)) notes.push(signCheckpoint({ origin: ORIGIN, size: frontier.size, rootHash: frontier.root() }, key));
  }
  const lines: string[] = [
    JSON.stringify({ kind: 'header', format: BUNDLE_FORMAT, origin: ORIGIN, exportedAt: '2026-11-26T00:00:00.000Z', campaignId: null, treeSize: count, readModels: [] }),
    JSON.stringify({ kind: 'key', keyId: '0', name: ORIGIN, vkey: key.vkey, firstUsedAt: 'x', lastUsedAt: 'x' }),
    ...sizes.map((size, i) => JSON.stringify({ kind: 'checkpoint', size, note: notes[i] })),
    ...sizes.slice(1).map((to, i) =>
      JSON.stringify({ kind: 'consistency', from: sizes[i], to, proof: consistencyProof(sizes[i], to, store).map((h) => h.toString('hex')) }),
    ),
    ...events.map((e) => `${EVENT_LINE_PREFIX}${e.hash}${EVENT_LINE_INFIX}${canonicalEventText(e)}}`),
    JSON.stringify({ kind: 'end', keys: 1, checkpoints: sizes.length, consistency: sizes.length - 1, events: count, catalogs: 0, readModelRows: 0 }),
  ];
  return lines;
}

/** Feeds text in chunks of `size` bytes, so lines straddle chunk boundaries. */
export const chunked = (text: string, size: number): Readable => {
  const bytes = Buffer.from(text);
  const parts: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) parts.push(bytes.subarray(i, i + size));
  return Readable.from(parts);
};
