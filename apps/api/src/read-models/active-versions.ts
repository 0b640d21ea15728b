import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { ApiConfig } from '@vinhdanh/config';
import { forgetActiveVersions, refreshActiveVersions } from '@vinhdanh/projections';
import type { SqlClient } from '@vinhdanh/sql';
import { InjectReadModels } from '../shared/read-models';
import { API_CONFIG } from '../tokens';

/**
 * Keeps the read models' active versions in memory, so a read costs one round trip, not two.
 * A rebuild (maybe another process, `vinhdanh rebuild`) swaps a version in and drops the old
 * one's tables: the versions are re-read every `readModelRefreshMs`, and at once when a read
 * finds its table gone (see ReadRetryInterceptor).
 */
@Injectable()
export class ActiveVersions implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private pending?: Promise<void>;
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
   * Re-reads every active version; concurrent callers share one query. If it fails (no
   * projection has started yet, the database is away) reads look the version up themselves.
   */
  refresh(): Promise<void> {
    if (!this.enabled) return Promise.resolve();
    this.pending ??= refreshActiveVersions(this.sql)
      .then(() => {
        if (this.stopped) forgetActiveVersions(this.sql);
      })
      .catch(() => forgetActiveVersions(this.sql))
      .finally(() => (this.pending = undefined));
    return this.pending;
  }
}
