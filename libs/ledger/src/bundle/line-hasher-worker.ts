/**
 * The per-event work of verifying a bundle that does not depend on order, run in a worker
 * thread: cut a batch of whole lines, recognise event lines as writeBundle writes them, read
 * each one's head from the tail of its canonical bytes, and hash the bytes for the Merkle leaf
 * and for the chain (with the previous event line's stored hash as predecessor; the verifier
 * uses that chain digest only when its own predecessor is the same, so nothing is trusted).
 *
 * It is plain JavaScript in a string, started with `eval: true`, so the same code runs under
 * the compiled build, under the test transpiler and under coverage instrumentation, with no
 * worker file to ship. Its event-line rules are read-bundle.ts's (prefix, infix, head keys),
 * passed in workerData; read-bundle-threaded.spec.ts checks both paths read every bundle alike.
 *
 * In: { id, buf } (a copy of the batch, transferred). Out: { id, newlines, starts, ends, lineNos,
 * flags, positions, revisions, streams, types, digests }, transferred; flags: 1 event line, 2 head read, 4 chain hashed; digests holds 96 bytes per line:
 * predecessor used, chain, leaf.
 */
export const LINE_HASHER_SOURCE = String.raw`
const { parentPort, workerData } = require('node:worker_threads');
const { hash } = require('node:crypto');
const PREFIX = Buffer.from(workerData.prefix);
const INFIX = Buffer.from(workerData.infix);
const TAIL = Buffer.from(workerData.tail);
const HEAD_KEYS = workerData.headKeys;
const CANONICAL_AT = PREFIX.length + 64 + INFIX.length;
const NEWLINE = 0x0a;
const CLOSE = 0x7d;

function headOf(canonical) {
  const at = canonical.lastIndexOf(TAIL);
  if (at < 0) return undefined;
  try {
    const head = JSON.parse('{' + canonical.toString('utf8', at + 1));
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

parentPort.on('message', ({ id, buf: raw }) => {
  const buf = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  let newlines = 0;
  for (let i = buf.indexOf(NEWLINE); i !== -1; i = buf.indexOf(NEWLINE, i + 1)) newlines += 1;
  const starts = new Int32Array(newlines);
  const ends = new Int32Array(newlines);
  const lineNos = new Int32Array(newlines);
  const flags = new Uint8Array(newlines);
  const positions = new Float64Array(newlines);
  const revisions = new Float64Array(newlines);
  const streams = [];
  const types = [];
  const digests = Buffer.allocUnsafeSlow(96 * newlines);
  let prev;
  let k = 0;
  let lineNo = 0;
  let start = 0;
  for (let end = buf.indexOf(NEWLINE); end !== -1; end = buf.indexOf(NEWLINE, start)) {
    lineNo += 1;
    if (end > start) {
      starts[k] = start;
      ends[k] = end;
      lineNos[k] = lineNo;
      streams.push('');
      types.push('');
      const isEvent =
        end - start > CANONICAL_AT + 1 &&
        buf[end - 1] === CLOSE &&
        buf.compare(PREFIX, 0, PREFIX.length, start, start + PREFIX.length) === 0 &&
        buf.compare(INFIX, 0, INFIX.length, start + PREFIX.length + 64, start + CANONICAL_AT) === 0;
      if (isEvent) {
        let f = 1;
        const canonical = buf.subarray(start + CANONICAL_AT, end - 1);
        const head = headOf(canonical);
        if (head) {
          f |= 2;
          positions[k] = head.position;
          revisions[k] = head.revision;
          streams[k] = head.stream;
          types[k] = head.type;
        }
        const scratch = Buffer.allocUnsafe(32 + canonical.length);
        canonical.copy(scratch, 32);
        const at = 96 * k;
        let chain;
        if (prev) {
          scratch.set(prev, 0);
          chain = hash('sha256', scratch, 'buffer');
          digests.set(prev, at);
          digests.set(chain, at + 32);
          f |= 4;
        }
        scratch[31] = 0x00;
        digests.set(hash('sha256', scratch.subarray(31), 'buffer'), at + 64);
        const stored = Buffer.from(buf.toString('latin1', start + PREFIX.length, start + PREFIX.length + 64), 'hex');
        if (chain && stored.length === 32 && chain.equals(stored)) f |= 8;
        prev = stored.length === 32 ? stored : chain;
        flags[k] = f;
      } else {
        prev = undefined;
      }
      k += 1;
    }
    start = end + 1;
  }
  const cut = (a) => a.subarray(0, k);
  const out = {
    id,
    newlines,
    starts: cut(starts),
    ends: cut(ends),
    lineNos: cut(lineNos),
    flags: cut(flags),
    positions: cut(positions),
    revisions: cut(revisions),
    streams,
    types,
    digests,
  };
  parentPort.postMessage(out, [starts.buffer, ends.buffer, lineNos.buffer, flags.buffer, positions.buffer, revisions.buffer, digests.buffer]);
});
`;
