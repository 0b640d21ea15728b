/**
 * Ledger benchmark: what the checkpointer and the proof API will cost at log scale.
 *
 *   node -r @swc-node/register -r reflect-metadata test/bench/ledger.bench.ts --events 1000000 [--json]
 *
 * Phases, on N synthetic events shaped like the domain's (nomination stream, data, metadata):
 *  1. leaf hashing: eventLeafHash (RFC 8785 canonical JSON + SHA-256) per event;
 *  2. frontier: MerkleFrontier.append of every leaf into an in-memory node store;
 *  3. proofs: latency of inclusionProof at size N for random indices, and of consistencyProof
 *     from a random smaller size to N (p50/p99, ms), reading from the node store;
 *  4. verification throughput of those proofs (proofs/s);
 *  5. checkpoint sign and verify (Ed25519) per second.
 * Options: --events N (default 1,000,000), --samples S proofs per kind (default 20,000), --json.
 */
import { Command } from 'commander';
import {
  consistencyProof,
  eventLeafHash,
  inclusionProof,
  MemoryNodeStore,
  MerkleFrontier,
  signCheckpoint,
  SigningKey,
  verifyCheckpoint,
  verifyConsistency,
  verifyInclusion,
} from '@vinhdanh/ledger';

const positiveInt = (value: string, flag: string): number => {
  const n = Number(value.replace(/[_,]/g, ''));
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`${flag} must be a positive integer, got "${value}"`);
  return n;
};

const options = new Command()
  .name('ledger.bench')
  .option('--events <n>', 'events in the log', (v) => positiveInt(v, '--events'), 1_000_000)
  .option('--samples <n>', 'proofs generated and verified per kind', (v) => positiveInt(v, '--samples'), 20_000)
  .option('--json', 'print one JSON object instead of a table', false)
  .parse()
  .opts<{ events: number; samples: number; json: boolean }>();

const HASH = 32;
const now = (): bigint => process.hrtime.bigint();
const ms = (from: bigint, to: bigint = now()): number => Number(to - from) / 1e6;
const round = (x: number, digits = 3): number => Number(x.toFixed(digits));

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Deterministic pseudo-random indices (mulberry32), so runs are comparable. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function syntheticEvent(position: number) {
  const nomination = Math.floor(position / 8);
  return {
    position,
    streamId: `nomination-${nomination}`,
    revision: position % 8,
    eventId: `00000000-0000-4000-8000-${position.toString(16).padStart(12, '0')}`,
    type: 'EvaluationScored',
    data: { nominationId: `n-${nomination}`, evaluatorId: `u-${position % 97}`, scores: { criteria1: 8, criteria2: 9.5 }, note: 'đạt' },
    metadata: { actor: `u-${position % 97}`, at: new Date(Date.UTC(2026, 0, 1) + position * 1000).toISOString(), correlationId: `c-${nomination}` },
  };
}

function main(): void {
  const n = options.events;
  const samples = options.samples;
  const random = rng(20261126);
  const progress = (msg: string): void => {
    if (!options.json) process.stderr.write(`${msg}\n`);
  };

  // 1. Leaf hashes, kept in one buffer: a million Buffer objects would measure the GC instead.
  progress(`hashing ${n} events…`);
  const leaves = Buffer.alloc(n * HASH);
  let t = now();
  for (let i = 0; i < n; i++) eventLeafHash(syntheticEvent(i)).copy(leaves, i * HASH);
  const hashMs = ms(t);

  // 2. Frontier + node store.
  progress('appending to the frontier…');
  const store = new MemoryNodeStore();
  const frontier = new MerkleFrontier(store.sink);
  t = now();
  for (let i = 0; i < n; i++) frontier.append(leaves.subarray(i * HASH, (i + 1) * HASH));
  const appendMs = ms(t);
  t = now();
  const root = frontier.root();
  const rootMs = ms(t);

  // 3. Proof latency.
  progress(`generating ${samples} inclusion and ${samples} consistency proofs…`);
  const incl: Array<{ index: number; proof: Buffer[] }> = [];
  const inclLatency: number[] = [];
  for (let s = 0; s < samples; s++) {
    const index = Math.floor(random() * n);
    const start = now();
    const proof = inclusionProof(index, n, store);
    inclLatency.push(ms(start));
    incl.push({ index, proof });
  }
  const cons: Array<{ size1: number; root1: Buffer; proof: Buffer[] }> = [];
  const consLatency: number[] = [];
  const oldRoots = new Map<number, Buffer>();
  for (let s = 0; s < samples; s++) {
    const size1 = 1 + Math.floor(random() * (n - 1));
    const start = now();
    const proof = consistencyProof(size1, n, store);
    consLatency.push(ms(start));
    // The old root is the verifier's own knowledge, so it is not part of the measured cost.
    if (!oldRoots.has(size1)) oldRoots.set(size1, MerkleFrontier.fromStore(size1, store).root());
    cons.push({ size1, root1: oldRoots.get(size1) as Buffer, proof });
  }
  inclLatency.sort((a, b) => a - b);
  consLatency.sort((a, b) => a - b);

  // 4. Verification throughput.
  progress('verifying…');
  t = now();
  for (const { index, proof } of incl) verifyInclusion(leaves.subarray(index * HASH, (index + 1) * HASH), index, n, proof, root);
  const verifyInclMs = ms(t);
  t = now();
  for (const { size1, root1, proof } of cons) verifyConsistency(size1, n, proof, root1, root);
  const verifyConsMs = ms(t);

  // 5. Checkpoints.
  const key = SigningKey.generate('bench.example/ledger');
  const checkpoints = Math.min(samples, 5_000);
  const notes: string[] = [];
  t = now();
  for (let i = 0; i < checkpoints; i++) notes.push(signCheckpoint({ origin: key.name, size: n - i, rootHash: root, time: new Date() }, key));
  const signMs = ms(t);
  const verifier = key.verifier();
  t = now();
  for (const note of notes) verifyCheckpoint(note, [verifier], { origin: key.name });
  const verifyCpMs = ms(t);

  const result = {
    bench: 'ledger',
    events: n,
    samples,
    node: process.version,
    leafHashEventsPerSec: Math.round(n / (hashMs / 1000)),
    frontierAppendsPerSec: Math.round(n / (appendMs / 1000)),
    buildEventsPerSec: Math.round(n / ((hashMs + appendMs) / 1000)),
    rootMs: round(rootMs, 4),
    inclusionProofMs: { p50: round(percentile(inclLatency, 50), 4), p99: round(percentile(inclLatency, 99), 4), length: incl[0].proof.length },
    consistencyProofMs: { p50: round(percentile(consLatency, 50), 4), p99: round(percentile(consLatency, 99), 4) },
    verifyInclusionPerSec: Math.round(samples / (verifyInclMs / 1000)),
    verifyConsistencyPerSec: Math.round(samples / (verifyConsMs / 1000)),
    checkpointSignPerSec: Math.round(checkpoints / (signMs / 1000)),
    checkpointVerifyPerSec: Math.round(checkpoints / (verifyCpMs / 1000)),
    storedNodes: 2 * n - n.toString(2).replace(/0/g, '').length,
    rssMB: Math.round(process.memoryUsage().rss / 2 ** 20),
  };

  if (options.json) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  const rows: Array<[string, string]> = [
    ['events', n.toLocaleString('en')],
    ['leaf hashing (canonical JSON + SHA-256)', `${result.leafHashEventsPerSec.toLocaleString('en')} events/s`],
    ['frontier append + node store', `${result.frontierAppendsPerSec.toLocaleString('en')} leaves/s`],
    ['build, both together', `${result.buildEventsPerSec.toLocaleString('en')} events/s`],
    ['root of the frontier', `${result.rootMs} ms`],
    ['inclusion proof at size N', `p50 ${result.inclusionProofMs.p50} ms, p99 ${result.inclusionProofMs.p99} ms`],
    ['consistency proof to size N', `p50 ${result.consistencyProofMs.p50} ms, p99 ${result.consistencyProofMs.p99} ms`],
    ['verify inclusion', `${result.verifyInclusionPerSec.toLocaleString('en')} proofs/s`],
    ['verify consistency', `${result.verifyConsistencyPerSec.toLocaleString('en')} proofs/s`],
    ['sign checkpoint (Ed25519)', `${result.checkpointSignPerSec.toLocaleString('en')} /s`],
    ['verify checkpoint', `${result.checkpointVerifyPerSec.toLocaleString('en')} /s`],
    ['RSS', `${result.rssMB} MB`],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  for (const [k, v] of rows) process.stdout.write(`${k.padEnd(width)}  ${v}\n`);
}

main();
