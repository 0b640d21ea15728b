import { ALL_PROJECTIONS, readerCheckpoint } from '@vinhdanh/projections';
import type { EventStore } from '@vinhdanh/event-store';
import type { SqlClient } from '@vinhdanh/sql';
import type { ProjectionLagSource } from './metrics';

/**
 * Lag of every read model from the checkpoints in the database, so the API can report it
 * whichever process runs the projections. A read model never built lags by the whole log.
 */
export function checkpointLag(store: EventStore, sql: SqlClient): ProjectionLagSource {
  return async () => {
    const next = (await store.headPosition()) + 1;
    const lag: Record<string, number> = {};
    for (const projection of ALL_PROJECTIONS) {
      let checkpoint: number | null = null;
      try {
        checkpoint = await readerCheckpoint(sql, projection.name);
      } catch {
        // The projection tables do not exist yet: nothing was ever projected.
      }
      lag[projection.name] = Math.max(0, next - (checkpoint ?? 0));
    }
    return lag;
  };
}
