import type { StoredEvent } from '@vinhdanh/event-store';

/** A column readers filter or sort on; the whole row also lives as JSON in `doc`. `field` may be a dotted path. */
export type ColumnSpec = { name: string; type: 'text' | 'int'; field: string };

/**
 * One table of a read model. Rows are JSON objects addressed by a string key; `columns` are
 * copied out of the row so SQL can filter and index them. Physical names carry the version
 * (`<projection>_<table>_v<k>`), which is what lets a rebuild swap a whole model at once.
 */
export type TableSpec = { name: string; columns: ColumnSpec[]; indexes?: string[][] };

export type Row = Record<string, unknown>;

/** A reference to the event a row (or a part of it) rests on. */
export type Cite = { position: number; hash: string };

export const cite = (event: StoredEvent): Cite => ({ position: event.position, hash: event.hash });

/** What `apply` sees: synchronous reads and writes, inside one batch. */
export interface RowView {
  get<T extends Row = Row>(table: string, key: string): T | undefined;
  put(table: string, key: string, row: Row): void;
  delete(table: string, key: string): void;
}

/**
 * Loads the rows a batch will touch before `apply` runs, so that apply stays synchronous and
 * SQL reads happen in a few `IN (…)` queries per batch instead of one per event. In memory,
 * every row is already there and `load` does nothing.
 */
export interface RowLoader extends RowView {
  load(table: string, keys: Iterable<string>): Promise<void>;
}

/**
 * A read model as pure code over events. The same object runs in the worker (over SQL) and in
 * the offline verifier (in memory); nothing in it may do I/O, read a clock or draw randomness.
 * `apply` must `put` every row it changes: SQL writes only what was put.
 */
export interface Projection {
  readonly name: string;
  /**
   * The shape of the rows (default 1). Raise it whenever a change makes rows written by the
   * old code unreadable or wrong for the new: the runner then rebuilds the model from the log
   * before following it, and readers keep the old rows until the new ones are swapped in.
   */
  readonly revision?: number;
  readonly tables: readonly TableSpec[];
  prepare(events: readonly StoredEvent[], rows: RowLoader): Promise<void>;
  apply(event: StoredEvent, rows: RowView): void;
  /**
   * After the last event of a batch: for work that only the final state of a batch needs
   * (e.g. recomputing checks once per touched nomination rather than per event). It must give
   * the same rows whatever the batch boundaries are.
   */
  finish?(rows: RowView): void;
}

export function tableOf(projection: Projection, table: string): TableSpec {
  const spec = projection.tables.find((t) => t.name === table);
  if (!spec) throw new Error(`projection ${projection.name} has no table ${table}`);
  return spec;
}
