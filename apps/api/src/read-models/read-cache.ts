import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { ApiConfig } from '@vinhdanh/config';
import type { ApiMetrics } from '../observability/metrics';
import { API_CONFIG, API_METRICS } from '../tokens';
import { ActiveVersions } from './active-versions';

/** An answer ready to send (JSON, already serialised), and what access checks need of it. */
export interface CachedAnswer {
  body: Buffer;
  /** A strong entity tag: a hash of the bytes, so equal answers have equal tags whoever built them. */
  etag: string;
  /** The nominee's unit, for a unit officer's own-unit check. */
  unitId?: string;
}

/** The answer for a JSON text, with its entity tag (hashed once, when the answer is built). */
export function answerOf(json: string, unitId?: string): CachedAnswer {
  const body = Buffer.from(json);
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
  return unitId === undefined ? { body, etag } : { body, etag, unitId };
}

interface Entry {
  stamp: string;
  answer: CachedAnswer;
  bytes: number;
}

/** Bookkeeping per entry besides the body: the map slot, the key and stamp strings. */
const ENTRY_OVERHEAD = 256;

/**
 * Answers that are read far more often than they change (a campaign's honour list on the day
 * it is published, a dossier under review), kept serialised. An answer is reused only while its
 * read model's version and checkpoint are the ones it was built at, checked by a query sent
 * after the request arrived (ActiveVersions.stamps, shared by concurrent reads): a reader never
 * sees an older answer than an uncached read would give. The stamp is taken before the answer
 * is loaded, so an answer can only be newer than its stamp, never older. Bounded by
 * READ_CACHE_MB, least recently used first out.
 */
@Injectable()
export class ReadCache {
  private readonly entries = new Map<string, Entry>();
  private readonly loading = new Map<string, Promise<CachedAnswer | null>>();
  private readonly budget: number;
  private bytes = 0;

  constructor(
    private readonly versions: ActiveVersions,
    @Inject(API_CONFIG) config: Pick<ApiConfig, 'readCacheMb'>,
    @Inject(API_METRICS) private readonly metrics: ApiMetrics,
  ) {
    this.budget = config.readCacheMb * 1_048_576;
  }

  /** The answer for `key` of read model `model`, from `load` unless a current one is kept. */
  async read(model: string, key: string, load: () => Promise<CachedAnswer | null>): Promise<CachedAnswer | null> {
    if (this.budget === 0) return load();
    const stamp = (await this.versions.stamps())?.get(model);
    if (stamp === undefined) return load();
    const id = `${model}\u0000${key}`;
    const kept = this.entries.get(id);
    if (kept?.stamp === stamp) {
      this.entries.delete(id);
      this.entries.set(id, kept);
      this.metrics.readCache.inc({ model, result: 'hit' });
      return kept.answer;
    }
    this.metrics.readCache.inc({ model, result: 'miss' });
    const loadId = `${id}\u0000${stamp}`;
    let pending = this.loading.get(loadId);
    if (!pending) {
      pending = load();
      this.loading.set(loadId, pending);
      pending.then(
        (answer) => {
          this.loading.delete(loadId);
          if (answer) this.keep(id, stamp, answer);
        },
        () => this.loading.delete(loadId),
      );
    }
    return pending;
  }

  /** Bytes held, for tests and the curious. */
  get size(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.bytes };
  }

  private keep(id: string, stamp: string, answer: CachedAnswer): void {
    const bytes = answer.body.length + id.length * 2 + ENTRY_OVERHEAD;
    if (bytes > this.budget) return;
    this.drop(id);
    this.entries.set(id, { stamp, answer, bytes });
    this.bytes += bytes;
    for (const [oldest] of this.entries) {
      if (this.bytes <= this.budget) break;
      this.drop(oldest);
    }
  }

  private drop(id: string): void {
    const entry = this.entries.get(id);
    if (!entry) return;
    this.entries.delete(id);
    this.bytes -= entry.bytes;
  }
}
