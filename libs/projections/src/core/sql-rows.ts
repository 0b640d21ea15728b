import type { SqlExecutor, SqlValue } from '@vinhdanh/sql';
import type { Projection, Row, RowLoader, TableSpec } from './projection';
import { physicalTable } from './schema';

const IN_CHUNK = 500;

type Table = {
  spec: TableSpec;
  physical: string;
  cache: Map<string, Row | null>;
  dirty: Set<string>;
  /** Whether the projection ever reads this table; rows of one it never reads are only written. */
  loaded: boolean;
  /** Keys already moved to the young end of the cache in this batch. */
  touched: Set<string>;
  /** Rows waiting to be written (null: delete), as they were when parked. */
  parked: Map<string, Row | null>;
};

/**
 * A projection's rows in SQL, seen through a write-back cache. `load` fetches what a batch
 * needs in a few `IN (…)` queries; `apply` reads and writes the cache; `flush` writes the
 * dirty rows as multi-row upserts in the batch's transaction. The cache outlives a batch (hot
 * documents stay warm) because one runner owns a projection version; it keeps the most
 * recently used rows, up to `maxCached` per table. After a failed transaction the owner must
 * call `reset`, since cached rows may hold rolled-back changes.
 *
 * A rebuild writes into tables nobody reads until the swap, so it can also defer writes:
 * `flushEvicted` writes only the dirty rows that fall out of the cache, and a final `flush`
 * writes the rest. A document touched in many batches (a dossier is touched at every step of
 * its nomination) is then written about once instead of once per batch. Rows of a table the
 * projection never reads (an audit line, a recomputed verdict) never enter the cache; they
 * wait, up to `maxCached` of them, to be written in one go: a verdict
 * recomputed in several batches is serialised once, in its latest version.
 */
export class SqlRows implements RowLoader {
  private readonly tables = new Map<string, Table>();
  private executor: SqlExecutor | null = null;

  constructor(
    readonly projection: Projection,
    readonly version: number,
    /** Rows kept warm per table between batches; bounds memory (a dossier is a few kB). */
    private readonly maxCached = 5_000,
  ) {
    for (const spec of projection.tables) {
      const physical = physicalTable(projection.name, spec.name, version);
      this.tables.set(spec.name, { spec, physical, cache: new Map(), dirty: new Set(), touched: new Set(), loaded: false, parked: new Map() });
    }
  }

  /** Binds the transaction the next loads and the flush run in. */
  begin(tx: SqlExecutor): void {
    this.executor = tx;
    for (const table of this.tables.values()) table.touched.clear();
  }

  private table(name: string): Table {
    const table = this.tables.get(name);
    if (!table) throw new Error(`projection ${this.projection.name} has no table ${name}`);
    return table;
  }

  async load(tableName: string, keys: Iterable<string>): Promise<void> {
    const table = this.table(tableName);
    table.loaded = true;
    const missing: string[] = [];
    for (const k of new Set(keys)) {
      if (table.cache.has(k)) continue;
      // Set aside but not yet written: SQL does not have it yet.
      if (table.parked.has(k)) table.cache.set(k, table.parked.get(k)!);
      else missing.push(k);
    }
    if (missing.length === 0) return;
    if (!this.executor) throw new Error('SqlRows.load outside a batch');
    for (let i = 0; i < missing.length; i += IN_CHUNK) {
      const chunk = missing.slice(i, i + IN_CHUNK);
      const found = await this.executor.query<{ k: string; doc: string }>(
        `SELECT k, doc FROM ${table.physical} WHERE k IN (${chunk.map(() => '?').join(', ')})`,
        chunk,
      );
      for (const k of chunk) table.cache.set(k, null);
      for (const r of found) table.cache.set(r.k, JSON.parse(r.doc) as Row);
    }
  }

  get<T extends Row = Row>(tableName: string, key: string): T | undefined {
    const table = this.table(tableName);
    const row = table.cache.get(key);
    if (row !== undefined) touch(table, key, row);
    // A projection that reads a row it did not load would behave differently in memory and in
    // SQL; fail where the bug is rather than diverge silently.
    if (row === undefined) throw new Error(`projection ${this.projection.name}: ${tableName}/${key} was read without being loaded`);
    return (row ?? undefined) as T | undefined;
  }

  put(tableName: string, key: string, row: Row): void {
    this.write(this.table(tableName), key, row);
  }

  delete(tableName: string, key: string): void {
    this.write(this.table(tableName), key, null);
  }

  private write(table: Table, key: string, row: Row | null): void {
    // A table the projection never reads (an audit line, a step: one row per event) skips the
    // cache: its rows would only pass through it on their way to being written.
    if (!table.loaded) {
      table.parked.set(key, row);
      return;
    }
    touch(table, key, row);
    table.dirty.add(key);
  }

  /** Writes every dirty (and parked) row, then trims the cache to its bound. */
  async flush(): Promise<number> {
    let written = 0;
    for (const table of this.tables.values()) {
      this.park(table, table.dirty);
      // Nothing will read these back: keep no copy.
      if (!table.loaded) for (const k of table.dirty) table.cache.delete(k);
      table.dirty.clear();
      written += await this.writeParked(table);
      this.trim(table, false);
    }
    return written;
  }

  /**
   * Trims the cache to its bound, writing the dirty rows it drops; the other dirty rows stay
   * unwritten until a later call or a final `flush`. Only for tables no reader uses yet.
   */
  async flushEvicted(): Promise<number> {
    let written = 0;
    for (const table of this.tables.values()) {
      if (!table.loaded) {
        this.park(table, table.dirty);
        for (const k of table.dirty) table.cache.delete(k);
        table.dirty.clear();
        if (table.parked.size >= this.maxCached) written += await this.writeParked(table);
        continue;
      }
      this.trim(table, true);
      written += await this.writeParked(table);
    }
    return written;
  }

  /** Drops least recently used rows down to the bound, parking the dirty ones if allowed. */
  private trim(table: Table, parkDirty: boolean): void {
    let excess = table.cache.size - this.maxCached;
    for (const k of table.cache.keys()) {
      if (excess-- <= 0) break;
      if (table.dirty.delete(k)) {
        if (!parkDirty) throw new Error(`projection ${this.projection.name}: dirty row ${k} evicted unwritten`);
        this.park(table, [k]);
      }
      table.cache.delete(k);
    }
  }

  /**
   * Sets rows aside to be written. They are serialised only when written, so `apply` must not
   * change a row after its last `put` without putting it again: which the Projection contract
   * already asks, since SQL writes only what was put.
   */
  private park(table: Table, keys: Iterable<string>): void {
    for (const k of keys) table.parked.set(k, table.cache.get(k) ?? null);
  }

  private async writeParked(table: Table): Promise<number> {
    const tx = this.executor;
    if (!tx) throw new Error('SqlRows.flush outside a batch');
    if (table.parked.size === 0) return 0;
    const upserts: [string, Row][] = [];
    const deletes: string[] = [];
    for (const [k, row] of table.parked) {
      if (row) upserts.push([k, row]);
      else deletes.push(k);
    }
    const written = table.parked.size;
    table.parked.clear();
    const { columns } = table.spec;
    // Serialised one statement's worth at a time: the JSON of a few hundred rows dies young,
    // where the JSON of every parked row at once would outlive a scavenge and be promoted.
    let next = 0;
    for (const size of statementSizes(upserts.length, ROWS_PER_STATEMENT)) {
      const params: SqlValue[] = [];
      for (const [k, row] of upserts.slice(next, (next += size))) {
        params.push(k);
        for (const c of columns) params.push(columnValue(fieldValue(row, c.field), c.type));
        params.push(JSON.stringify(row));
      }
      await tx.execute(upsertSql(table, size), params);
    }
    for (let i = 0; i < deletes.length; i += IN_CHUNK) {
      const chunk = deletes.slice(i, i + IN_CHUNK);
      await tx.execute(`DELETE FROM ${table.physical} WHERE k IN (${chunk.map(() => '?').join(', ')})`, chunk);
    }
    return written;
  }

  /** Forgets every cached row: after a rollback, or when another writer may have written. */
  reset(): void {
    for (const table of this.tables.values()) {
      table.cache.clear();
      table.dirty.clear();
      table.parked.clear();
      table.touched.clear();
    }
    this.executor = null;
  }
}

/**
 * Rows per upsert. Every statement is one of a few texts, so each is compiled once: SQLite's
 * client keeps the compiled statement and PostgreSQL a named prepared one per connection. A
 * new text per row count meant compiling a thousand-row statement at every flush. Beyond
 * about 100 rows a statement saves nothing more (measured in BENCHMARKS.md).
 */
const ROWS_PER_STATEMENT = [100, 10, 1];

/** Splits n rows into statements of the given sizes, largest first (the last size must be 1). */
function statementSizes(n: number, sizes: readonly number[]): number[] {
  const out: number[] = [];
  for (const size of sizes)
    while (n >= size) {
      out.push(size);
      n -= size;
    }
  return out;
}

const upsertTexts = new WeakMap<Table, Map<number, string>>();

/** The multi-row upsert for `size` rows of a table, built once per size. */
function upsertSql(table: Table, size: number): string {
  let texts = upsertTexts.get(table);
  if (!texts) upsertTexts.set(table, (texts = new Map()));
  let text = texts.get(size);
  if (text === undefined) {
    const cols = ['k', ...table.spec.columns.map((c) => c.name), 'doc'];
    const tuple = `(${cols.map(() => '?').join(', ')})`;
    text =
      `INSERT INTO ${table.physical} (${cols.join(', ')}) VALUES ` +
      Array.from({ length: size }, () => tuple).join(', ') +
      ` ON CONFLICT (k) DO UPDATE SET ${cols
        .slice(1)
        .map((c) => `${c} = excluded.${c}`)
        .join(', ')}`;
    texts.set(size, text);
  }
  return text;
}

/**
 * Moves a key to the young end of the cache (a Map iterates in insertion order). Only the
 * first touch in a batch moves it: the cache is trimmed between batches, so order within one
 * does not matter, and a campaign row read by every event would otherwise be moved thousands
 * of times.
 */
function touch(table: Table, key: string, row: Row | null): void {
  if (table.touched.has(key)) {
    table.cache.set(key, row);
    return;
  }
  table.touched.add(key);
  table.cache.delete(key);
  table.cache.set(key, row);
}

/** A row's field by name, or by a dotted path into a nested object ('nominee.unitId'). */
function fieldValue(row: Row, field: string): unknown {
  if (!field.includes('.')) return row[field];
  let value: unknown = row;
  for (const part of field.split('.')) value = value !== null && typeof value === 'object' ? (value as Row)[part] : undefined;
  return value;
}

function columnValue(value: unknown, type: 'text' | 'int'): SqlValue {
  if (value === undefined || value === null) return null;
  if (type === 'int') return typeof value === 'number' ? value : Number(value);
  return typeof value === 'string' ? value : String(value);
}
