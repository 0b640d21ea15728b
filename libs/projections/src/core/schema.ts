import type { SqlExecutor } from '@vinhdanh/sql';
import type { Projection, TableSpec } from './projection';

const NAME = /^[a-z][a-z0-9_]*$/;

export function physicalTable(projection: string, table: string, version: number): string {
  if (!NAME.test(projection) || !NAME.test(table) || !Number.isInteger(version) || version < 1) {
    throw new Error(`invalid read model table ${projection}.${table} v${version}`);
  }
  return `${projection}_${table}_v${version}`;
}

/**
 * Bookkeeping shared by every projection: which version readers use (projection_active), each
 * version's checkpoint (the next position to apply), and leases for runners without advisory
 * locks.
 */
export async function ensureMetaTables(sql: SqlExecutor): Promise<void> {
  await sql.execute(
    'CREATE TABLE IF NOT EXISTS projection_versions (name TEXT NOT NULL, version INTEGER NOT NULL, checkpoint BIGINT NOT NULL, PRIMARY KEY (name, version))',
  );
  await sql.execute('CREATE TABLE IF NOT EXISTS projection_active (name TEXT PRIMARY KEY, version INTEGER NOT NULL)');
  await sql.execute('CREATE TABLE IF NOT EXISTS projection_leases (name TEXT PRIMARY KEY, holder TEXT NOT NULL, expires_at BIGINT NOT NULL)');
  // Which code revision built each version (a version from before this table counts as 1).
  await sql.execute(
    'CREATE TABLE IF NOT EXISTS projection_revisions (name TEXT NOT NULL, version INTEGER NOT NULL, revision INTEGER NOT NULL, PRIMARY KEY (name, version))',
  );
}

export const revisionOf = (projection: Projection): number => projection.revision ?? 1;

/** Records that `version` of the projection holds rows of the code's current revision. */
export async function recordRevision(sql: SqlExecutor, projection: Projection, version: number): Promise<void> {
  await sql.execute(
    'INSERT INTO projection_revisions (name, version, revision) VALUES (?, ?, ?) ON CONFLICT (name, version) DO UPDATE SET revision = excluded.revision',
    [projection.name, version, revisionOf(projection)],
  );
}

/** The revision of the code that built a version; 1 for versions built before revisions were kept. */
export async function storedRevision(sql: SqlExecutor, name: string, version: number): Promise<number> {
  const [row] = await sql.query<{ revision: unknown }>('SELECT revision FROM projection_revisions WHERE name = ? AND version = ?', [name, version]);
  return row ? num(row.revision) : 1;
}

const docTypes = new WeakMap<SqlExecutor, Promise<string>>();

/**
 * The doc column's type. Documents of several kB are rewritten on every event that touches
 * them, and PostgreSQL compresses each with pglz by default: that was half the database's time
 * under the command workload. lz4 (PostgreSQL 14 and later, when built with it) halves the
 * projector's write time there; servers without it keep pglz.
 */
function docType(sql: SqlExecutor): Promise<string> {
  if (sql.dialect !== 'postgres') return Promise.resolve('TEXT');
  let known = docTypes.get(sql);
  if (!known) {
    known = sql
      .query<{ n: unknown }>("SELECT count(*) AS n FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY(enumvals)")
      .then(
        ([row]) => (num(row?.n) > 0 ? 'TEXT COMPRESSION lz4' : 'TEXT'),
        () => 'TEXT',
      );
    docTypes.set(sql, known);
  }
  return known;
}

function tableDdl(projection: string, spec: TableSpec, version: number, docType: string): string {
  const physical = physicalTable(projection, spec.name, version);
  const cols = spec.columns.map((c) => `${c.name} ${c.type === 'int' ? 'BIGINT' : 'TEXT'}`);
  return `CREATE TABLE IF NOT EXISTS ${physical} (k TEXT PRIMARY KEY, ${[...cols, `doc ${docType} NOT NULL`].join(', ')})`;
}

function indexDdl(projection: string, spec: TableSpec, version: number): string[] {
  const physical = physicalTable(projection, spec.name, version);
  return (spec.indexes ?? []).map((index, i) => `CREATE INDEX IF NOT EXISTS ${physical}_i${i} ON ${physical} (${index.join(', ')})`);
}

/**
 * Creates a version's tables and, unless told to wait, their secondary indexes. A rebuild
 * waits: building an index once over the finished rows costs a fraction of keeping it up to
 * date through a million inserts.
 */
export async function createVersionTables(sql: SqlExecutor, projection: Projection, version: number, options: { indexes?: boolean } = {}): Promise<void> {
  const type = await docType(sql);
  for (const spec of projection.tables) {
    await sql.execute(tableDdl(projection.name, spec, version, type));
    if (options.indexes !== false) await createVersionIndexes(sql, projection, version, spec);
  }
}

export async function createVersionIndexes(sql: SqlExecutor, projection: Projection, version: number, only?: TableSpec): Promise<void> {
  for (const spec of only ? [only] : projection.tables) for (const ddl of indexDdl(projection.name, spec, version)) await sql.execute(ddl);
}

export async function dropVersionTables(sql: SqlExecutor, projection: Projection, version: number): Promise<void> {
  for (const spec of projection.tables) await sql.execute(`DROP TABLE IF EXISTS ${physicalTable(projection.name, spec.name, version)}`);
  await sql.execute('DELETE FROM projection_revisions WHERE name = ? AND version = ?', [projection.name, version]);
}

/**
 * Text in byte order on both backends (PostgreSQL's default collation would sort
 * 'a_b' and 'ab' differently from SQLite), so pages and lists come out the same everywhere.
 */
export const byteOrder = (sql: SqlExecutor, column: string): string => (sql.dialect === 'postgres' ? `${column} COLLATE "C"` : column);

/** PostgreSQL returns BIGINT as a string. */
export const num = (value: unknown): number => (typeof value === 'number' ? value : Number(value));

export async function activeVersion(sql: SqlExecutor, name: string, forUpdate = false): Promise<number | null> {
  const lock = forUpdate && sql.dialect === 'postgres' ? ' FOR UPDATE' : '';
  const [row] = await sql.query<{ version: unknown }>(`SELECT version FROM projection_active WHERE name = ?${lock}`, [name]);
  return row ? num(row.version) : null;
}

export async function versionCheckpoint(sql: SqlExecutor, name: string, version: number): Promise<number | null> {
  const [row] = await sql.query<{ checkpoint: unknown }>('SELECT checkpoint FROM projection_versions WHERE name = ? AND version = ?', [name, version]);
  return row ? num(row.checkpoint) : null;
}

/**
 * The version readers use, creating version 1 (empty, checkpoint 0) on first start. Safe to
 * race: every statement is idempotent.
 */
export async function ensureActiveVersion(sql: SqlExecutor, projection: Projection): Promise<number> {
  const current = await activeVersion(sql, projection.name);
  if (current !== null) return current;
  await createVersionTables(sql, projection, 1);
  await sql.execute('INSERT INTO projection_versions (name, version, checkpoint) VALUES (?, 1, 0) ON CONFLICT (name, version) DO NOTHING', [projection.name]);
  await recordRevision(sql, projection, 1);
  await sql.execute('INSERT INTO projection_active (name, version) VALUES (?, 1) ON CONFLICT (name) DO NOTHING', [projection.name]);
  return (await activeVersion(sql, projection.name))!;
}

/**
 * Active versions a long-lived reader (the API) keeps in memory, so a read is one round trip
 * instead of two. The pointer changes only when a rebuild swaps versions, which may happen in
 * another process: the owner re-reads the states (`readModelStates`, `rememberActiveVersions`) on a timer, and at once
 * when a read finds its table gone (the swap drops the retired version's tables right after it).
 */
const rememberedVersions = new WeakMap<SqlExecutor, Map<string, number>>();

/** Which version of a read model readers use, and how far into the log it has applied. */
export interface ReadModelState {
  name: string;
  version: number;
  checkpoint: number;
}

/** Every read model's active version and checkpoint, in one query. */
export async function readModelStates(sql: SqlExecutor): Promise<ReadModelState[]> {
  const rows = await sql.query<{ name: string; version: unknown; checkpoint: unknown }>(
    'SELECT a.name, a.version, v.checkpoint FROM projection_active a JOIN projection_versions v ON v.name = a.name AND v.version = a.version',
  );
  return rows.map((r) => ({ name: r.name, version: num(r.version), checkpoint: num(r.checkpoint) }));
}

/** From now on readTable(sql, …) uses these versions (until the next refresh or forget). */
export function rememberActiveVersions(sql: SqlExecutor, states: readonly Pick<ReadModelState, 'name' | 'version'>[]): void {
  rememberedVersions.set(sql, new Map(states.map((s) => [s.name, s.version])));
}

/** Stops readTable(sql, …) from using remembered versions (until the next refresh). */
export function forgetActiveVersions(sql: SqlExecutor): void {
  rememberedVersions.delete(sql);
}

/** The physical name of a table of the version readers currently use. */
export async function readTable(sql: SqlExecutor, projection: string, table: string): Promise<string | null> {
  const version = rememberedVersions.get(sql)?.get(projection) ?? (await activeVersion(sql, projection).catch(() => null));
  return version === null ? null : physicalTable(projection, table, version);
}
