import { performance } from 'node:perf_hooks';
import { benchEvent, STREAM_LENGTH, type EventIdKind } from './bench-event';
import { openBackend, type BackendName, type BackendSettings } from './bench-backends';

export interface BenchResult {
  backend: BackendName;
  writers: number;
  events: number;
  appendEventsPerSec: number;
  appendP50Ms: number;
  appendP99Ms: number;
  readEventsPerSec: number;
  peakRssMb: number;
}

/**
 * `writers` concurrent loops share `events` appends. Each loop works its own nominations one
 * after the other, appending ONE event per call with the revision the previous append returned,
 * like a command handler would. Then the whole log is read back in order.
 */
export async function runBench(
  backend: BackendName,
  writers: number,
  events: number,
  settings: BackendSettings,
  ids: EventIdKind = 'v4',
): Promise<BenchResult> {
  const store = await openBackend(backend, settings);
  try {
    const latencies = new Float64Array(events);
    let next = 0;
    let streams = 0;
    const writer = async () => {
      for (;;) {
        const streamIndex = streams++;
        const streamId = `nomination-${streamIndex}-${backend}`;
        let version: unknown = undefined;
        for (let revision = 0; revision < STREAM_LENGTH; revision++) {
          const slot = next++;
          if (slot >= events) return;
          const event = benchEvent(streamIndex, revision, ids);
          const started = performance.now();
          version = await store.append(streamId, event, version);
          latencies[slot] = performance.now() - started;
        }
      }
    };
    const appendStart = performance.now();
    await Promise.all(Array.from({ length: writers }, writer));
    const appendSeconds = (performance.now() - appendStart) / 1000;

    await store.settle?.();
    const readStart = performance.now();
    const read = await store.readAll();
    const readSeconds = (performance.now() - readStart) / 1000;
    if (read !== events) {
      // Our stores must give back exactly what they took. Emmett's paging (by the last message's
      // position over a batch ordered by transaction id) can skip events that committed out of
      // order; report it and time what it did deliver.
      if (backend !== 'emmett-postgres') throw new Error(`${backend}: wrote ${events} events but read back ${read}`);
      process.stderr.write(`emmett-postgres: wrote ${events} events, reading the log delivered ${read} distinct ones\n`);
    }

    latencies.sort();
    return {
      backend,
      writers,
      events,
      appendEventsPerSec: Math.round(events / appendSeconds),
      appendP50Ms: round2(percentile(latencies, 0.5)),
      appendP99Ms: round2(percentile(latencies, 0.99)),
      readEventsPerSec: Math.round(read / readSeconds),
      // maxRSS is the kernel's high-water mark for this process, in kilobytes.
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    };
  } finally {
    await store.close();
  }
}

function percentile(sorted: Float64Array, q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
