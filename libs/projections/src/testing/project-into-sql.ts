import type { StoredEvent } from '@vinhdanh/event-store';
import type { SqlClient } from '@vinhdanh/sql';
import { applyBatch } from '../core/apply-batch';
import type { Projection } from '../core/projection';
import { ensureActiveVersion, ensureMetaTables } from '../core/schema';
import { SqlRows } from '../core/sql-rows';

/** Applies events to the active version of each projection, batch by batch, as the runner does. */
export async function projectIntoSql(sql: SqlClient, projections: readonly Projection[], events: readonly StoredEvent[], batchSize = 7): Promise<void> {
  await ensureMetaTables(sql);
  for (const projection of projections) {
    // A small cache bound makes the tests exercise reloading rows from SQL, not only the cache.
    const rows = new SqlRows(projection, await ensureActiveVersion(sql, projection), 3);
    for (let i = 0; i < events.length; i += batchSize) {
      const batch = events.slice(i, i + batchSize);
      await sql.transaction((tx) => applyBatch(tx, rows, batch));
    }
  }
}
