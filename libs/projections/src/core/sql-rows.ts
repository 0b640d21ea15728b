import type { SqlExecutor, SqlValue } from '@vinhdanh/sql';
import type { Projection, Row, RowLoader, TableSpec } from './projection';
import { physicalTable } from './schema';

const IN_CHUNK = 500;
/** Under SQLite's 32,766 and PostgreSQL's 65,535 bound parameters per statement. */
const MAX_PARAMS = 30_000;

type Table = { spec: TableSpec; physical: string; cache: Map<string, Row | null>; dirty: Set<string> };

/**
 * A projection's rows in SQL, seen through a write-back cache. `load` fetches what a batch
 * needs in a few `IN (…)` queries; `apply` reads and writes the cache; `flush` writes the
 * dirty rows as multi-row upserts in the batch's transaction. The cache outlives a batch (hot
 * documents stay warm) because one runner owns a projection version; after a failed
 * transaction the owner must call `reset`, since cached rows may hold rolled-back changes.
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
      this.tables.set(spec.name, { spec, physical: physicalTable(projection.name, spec.name, version), cache: new Map(), dirty: new Set() });
    }
  }

  /** Binds the transaction the next loads and the flush run in. */
  begin(tx: SqlExecutor): void {
    this.executor = tx;
  }

  private table(name: string): Table {
    const table = this.tables.get(name);
    if (!table) throw new Error(`projection ${this.projection.name} has no table ${name}`);
    return table;
  }

  async load(tableName: string, keys: Iterable<string>): Promise<void> {
    const table = this.table(tableName);
    const missing = [...new Set(keys)].filter((k) => !table.cache.has(k));
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
    // A projection that reads a row it did not load would behave differently in memory and in
    // SQL; fail where the bug is rather than diverge silently.
    if (row === undefined) throw new Error(`projection ${this.projection.name}: ${tableName}/${key} was read without being loaded`);
    return (row ?? undefined) as T | undefined;
  }

  put(tableName: string, key: string, row: Row): void {
    const table = this.table(tableName);
    table.cache.set(key, row);
    table.dirty.add(key);
  }

  delete(tableName: string, key: string): void {
    const table = this.table(tableName);
    table.cache.set(key, null);
    table.dirty.add(key);
  }

  async flush(): Promise<number> {
    const tx = this.executor;
    if (!tx) throw new Error('SqlRows.flush outside a batch');
    let written = 0;
    for (const table of this.tables.values()) {
      if (table.dirty.size === 0) continue;
      const upserts: Row[] = [];
      const upsertKeys: string[] = [];
      const deletes: string[] = [];
      for (const k of table.dirty) {
        const row = table.cache.get(k);
        if (row) {
          upserts.push(row);
          upsertKeys.push(k);
        } else deletes.push(k);
      }
      const cols = table.spec.columns;
      const width = cols.length + 2;
      const perStatement = Math.max(1, Math.min(1000, Math.floor(MAX_PARAMS / width)));
      const head = `INSERT INTO ${table.physical} (k, ${[...cols.map((c) => c.name), 'doc'].join(', ')}) VALUES `;
      const tail = ` ON CONFLICT (k) DO UPDATE SET ${[...cols.map((c) => c.name), 'doc'].map((c) => `${c} = excluded.${c}`).join(', ')}`;
      const tuple = `(${Array.from({ length: width }, () => '?').join(', ')})`;
      for (let i = 0; i < upserts.length; i += perStatement) {
        const n = Math.min(perStatement, upserts.length - i);
        const params: SqlValue[] = [];
        for (let j = i; j < i + n; j++) {
          const row = upserts[j];
          params.push(upsertKeys[j]);
          for (const c of cols) params.push(columnValue(row[c.field], c.type));
          params.push(JSON.stringify(row));
        }
        await tx.execute(head + Array.from({ length: n }, () => tuple).join(', ') + tail, params);
      }
      for (let i = 0; i < deletes.length; i += IN_CHUNK) {
        const chunk = deletes.slice(i, i + IN_CHUNK);
        await tx.execute(`DELETE FROM ${table.physical} WHERE k IN (${chunk.map(() => '?').join(', ')})`, chunk);
      }
      written += table.dirty.size;
      table.dirty.clear();
      if (table.cache.size > this.maxCached) table.cache.clear();
    }
    return written;
  }

  /** Forgets every cached row: after a rollback, or when another writer may have written. */
  reset(): void {
    for (const table of this.tables.values()) {
      table.cache.clear();
      table.dirty.clear();
    }
    this.executor = null;
  }
}

function columnValue(value: unknown, type: 'text' | 'int'): SqlValue {
  if (value === undefined || value === null) return null;
  if (type === 'int') return typeof value === 'number' ? value : Number(value);
  return typeof value === 'string' ? value : String(value);
}
