import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { ApiConfig } from '@vinhdanh/config';
import { forgetActiveVersions, readModelStates, rememberActiveVersions } from '@vinhdanh/projections';
import type { SqlClient } from '@vinhdanh/sql';
import { InjectReadModels } from '../shared/read-models';
import { API_CONFIG } from '../tokens';

/** Each read model's `version:checkpoint`: equal stamps mean the model has not changed. */
export type ReadModelStamps = ReadonlyMap<string, string>;

/**
 * Keeps the read models' active versions in memory, so a read costs one round trip, not two.
 * A rebuild (maybe another process, `vinhdanh rebuild`) swaps a version in and drops the old
 * one's tables: the versions are re-read every `readModelRefreshMs`, and at once when a read
 * finds its table gone (see ReadRetryInterceptor).
 *
 * The same query also gives each model's checkpoint, which is what the read cache checks its
 * answers against (`stamps`). Queries run one at a time, so versions are remembered in the
 * order the database gave them and never step back.
 */
@Injectable()
export class ActiveVersions implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private inFlight: Promise<ReadModelStamps | null> = Promise.resolve(null);
  private queued?: Promise<ReadModelStamps | null>;
  private stopped = false;

  constructor(
    @InjectReadModels() private readonly sql: SqlClient,
    @Inject(API_CONFIG) private readonly config: Pick<ApiConfig, 'readModelRefreshMs'>,
  ) {}

  get enabled(): boolean {
    return this.config.readModelRefreshMs > 0;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.enabled) return;
    await this.refresh();
    this.timer = setInterval(() => void this.refresh(), this.config.readModelRefreshMs);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    clearInterval(this.timer);
    forgetActiveVersions(this.sql);
  }

  /**
   * Re-reads every active version. If that fails (no projection has started yet, the database
   * is away) reads look the version up themselves.
   */
  async refresh(): Promise<void> {
    if (this.enabled) await this.stamps();
  }

  /**
   * Every read model's stamp, from a query sent after this call: a caller that saw a model
   * change elsewhere (a command's events projected) never gets an older stamp. Callers that
   * arrive while a query is out share the next one, so under load this is one small query per
   * round trip, not one per read. Null when the states cannot be read.
   */
  stamps(): Promise<ReadModelStamps | null> {
    this.queued ??= this.inFlight.then(() => {
      this.queued = undefined;
      this.inFlight = readModelStates(this.sql).then(
        (states) => {
          if (this.enabled && !this.stopped) rememberActiveVersions(this.sql, states);
          return new Map(states.map((s) => [s.name, `${s.version}:${s.checkpoint}`]));
        },
        () => {
          forgetActiveVersions(this.sql);
          return null;
        },
      );
      return this.inFlight;
    });
    return this.queued;
  }
}
