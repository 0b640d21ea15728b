import Database from 'better-sqlite3';
import type { Tamper } from '../testing/tamper';

/** Edits the SQLite file through a second connection, as an intruder with file access would. */
export function sqliteTamper(path: string): Tamper {
  const withDb = <T>(work: (db: Database.Database) => T): T => {
    const db = new Database(path);
    try {
      db.pragma('busy_timeout = 5000');
      return db.transaction(() => work(db)).immediate();
    } finally {
      db.close();
    }
  };
  return {
    async updateEvent(position, change) {
      withDb((db) => {
        if (change.data !== undefined) db.prepare('UPDATE events SET data = ? WHERE position = ?').run(JSON.stringify(change.data), position);
        if (change.type !== undefined) db.prepare('UPDATE events SET type = ? WHERE position = ?').run(change.type, position);
        if (change.metadata !== undefined) {
          db.prepare('UPDATE events SET metadata = ? WHERE position = ?').run(JSON.stringify(change.metadata), position);
        }
      });
    },
    async deleteEvent(position) {
      withDb((db) => db.prepare('DELETE FROM events WHERE position = ?').run(position));
    },
    async swapEvents(a, b) {
      withDb((db) => {
        const read = db.prepare('SELECT stream_id, revision, event_id, type, data, metadata, hash FROM events WHERE position = ?');
        const rowA = read.get(a) as unknown[] | undefined;
        const rowB = read.get(b) as unknown[] | undefined;
        if (!rowA || !rowB) throw new Error(`cannot swap ${a} and ${b}: a row is missing`);
        const write = db.prepare(
          'UPDATE events SET stream_id = ?, revision = ?, event_id = ?, type = ?, data = ?, metadata = ?, hash = ? WHERE position = ?',
        );
        // Park row a under values no real row has, so the unique constraints hold at every step.
        db.prepare("UPDATE events SET stream_id = '#swap', event_id = '#swap' WHERE position = ?").run(a);
        write.run(...Object.values(rowA), b);
        write.run(...Object.values(rowB), a);
      });
    },
  };
}
