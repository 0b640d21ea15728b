import type { Row, RowLoader } from './projection';

/** All rows of one projection in maps: the store the offline verifier and the unit tests use. */
export class MemoryRows implements RowLoader {
  readonly tables = new Map<string, Map<string, Row>>();

  private table(name: string): Map<string, Row> {
    let table = this.tables.get(name);
    if (!table) this.tables.set(name, (table = new Map()));
    return table;
  }

  async load(): Promise<void> {}

  get<T extends Row = Row>(table: string, key: string): T | undefined {
    return this.tables.get(table)?.get(key) as T | undefined;
  }

  put(table: string, key: string, row: Row): void {
    this.table(table).set(key, row);
  }

  delete(table: string, key: string): void {
    this.tables.get(table)?.delete(key);
  }
}
