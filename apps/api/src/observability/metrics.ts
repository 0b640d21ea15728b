import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { EventStore } from '@vinhdanh/event-store';

export type CommandOutcome = 'accepted' | 'replayed' | 'refused' | 'conflict' | 'invalid' | 'error';

/** Something that can say how deep a queue is; BullMQ queues register one each. */
export type QueueDepthSource = () => Promise<number> | number;
/** Head position minus a projection's checkpoint, by projection name. */
export type ProjectionLagSource = () => Promise<Record<string, number>>;

/**
 * The API's Prometheus metrics, in a registry of its own so several apps in one process
 * (tests, the combined entry point) never collide. Gauges are computed on scrape.
 */
export class ApiMetrics {
  readonly registry = new Registry();
  private readonly queues = new Map<string, QueueDepthSource>();
  private projectionLag: ProjectionLagSource | undefined;

  readonly commands = new Counter({
    name: 'vinhdanh_commands_total',
    help: 'Commands received over HTTP, by command type and outcome',
    labelNames: ['type', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly appendLatency = new Histogram({
    name: 'vinhdanh_event_append_seconds',
    help: 'Time to append one batch of events to the event store',
    labelNames: ['backend'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });

  readonly commandLatency = new Histogram({
    name: 'vinhdanh_command_duration_seconds',
    help: 'Time from a command reaching its handler to its answer',
    labelNames: ['type'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });

  readonly readCache = new Counter({
    name: 'vinhdanh_read_cache_total',
    help: 'Reads answered from the read cache (hit) or from the read model (miss), by read model',
    labelNames: ['model', 'result'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'vinhdanh_' });
    const lagSource = () => this.projectionLag;
    const queues = this.queues;
    new Gauge({
      // Not vinhdanh_projection_lag_events: the runner exports that one where it runs; this is
      // what the API reads from the checkpoints in the database, wherever the runner is.
      name: 'vinhdanh_read_model_lag_events',
      help: 'Events in the log a read model has not applied yet, from its stored checkpoint',
      labelNames: ['projection'] as const,
      registers: [this.registry],
      async collect() {
        this.reset();
        const source = lagSource();
        if (!source) return;
        for (const [projection, lag] of Object.entries(await source())) this.set({ projection }, lag);
      },
    });
    new Gauge({
      name: 'vinhdanh_queue_depth',
      help: 'Jobs waiting in each queue',
      labelNames: ['queue'] as const,
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const [queue, source] of queues) {
          try {
            this.set({ queue }, await source());
          } catch {
            // A queue that cannot say (Redis down) is left out rather than reported as empty.
          }
        }
      },
    });
  }

  /** Other modules (the worker's queues) feed the queue-depth gauge through this. */
  registerQueueDepth(queue: string, source: QueueDepthSource): void {
    this.queues.set(queue, source);
  }

  setProjectionLagSource(source: ProjectionLagSource): void {
    this.projectionLag = source;
  }

  /** The same store, with every append timed. */
  instrument(store: EventStore): EventStore {
    const histogram = this.appendLatency;
    return new Proxy(store, {
      get(target, property, receiver) {
        if (property === 'append') {
          const append: EventStore['append'] = async (...args) => {
            const end = histogram.startTimer({ backend: target.backend });
            try {
              return await target.append(...args);
            } finally {
              end();
            }
          };
          return append;
        }
        const value: unknown = Reflect.get(target, property, receiver);
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
  }
}
