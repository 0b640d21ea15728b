import type { Choice, SecretBallot } from '@vinhdanh/domain';
import type { SqlClient } from '@vinhdanh/sql';
import { cryptoShuffle } from './shuffle';

export interface SealedBallot {
  /** The id of the participation event (BallotCast) this ballot was cast with. */
  eventId: string;
  nominationId: string;
  /** Random (CSPRNG) and returned to the voter as their receipt. */
  ballotId: string;
  choice: Choice;
}

interface SealCall {
  ballot: SealedBallot;
  resolve(): void;
  reject(error: unknown): void;
}

/** Most ballots one INSERT seals (four parameters each). */
const MAX_SEALS_PER_INSERT = 100;

const DDL = [
  `CREATE TABLE IF NOT EXISTS ballot_box (
     event_id TEXT PRIMARY KEY,
     nomination_id TEXT NOT NULL,
     ballot_id TEXT NOT NULL UNIQUE,
     choice TEXT NOT NULL CHECK (choice IN ('yes', 'no', 'abstain'))
   )`,
  `CREATE INDEX IF NOT EXISTS ballot_box_by_nomination ON ballot_box (nomination_id)`,
];

/**
 * The sealed ballot box of secret votes, outside the log. Casting seals {ballotId, choice}
 * here under the participation event's id BEFORE that event is appended (the log may live in
 * another database, so no transaction spans both); closing reveals only the ballots whose
 * participation event is really in the stream, shuffled, and then empties the box.
 *
 * A row holds no member id and no time. While a vote is open, someone who can read both this
 * table and the log can still join them on the event id; emptying the box at close ends that,
 * and from then on nothing in the tables links a member to a choice. Residual: deleted rows can
 * linger below the tables until the storage reuses the space (SQLite WAL frames until a
 * checkpoint, PostgreSQL dead tuples until vacuum, and its WAL), so whoever can read the raw
 * database files is trusted like a teller who watched the box.
 *
 * Nothing here logs, and no error message carries a choice.
 */
export class BallotBoxStore {
  private constructor(private readonly sql: SqlClient) {}

  static async open(sql: SqlClient): Promise<BallotBoxStore> {
    for (const statement of DDL) await sql.execute(statement);
    // Emptying the box should not leave the rows readable in the file's free pages; FAST zeroes
    // them where that costs no extra I/O (see the residual noted on the class).
    if (sql.dialect === 'sqlite') await sql.execute('PRAGMA secure_delete = FAST');
    return new BallotBoxStore(sql);
  }

  private sealing: SealCall[] = [];

  /**
   * Idempotent for the same ballot; a different ballot under the same event id is refused.
   * Ballots sealed in the same turn of the event loop (concurrent votes) go in one INSERT; if
   * that fails, each is sealed alone, so one bad ballot fails by itself.
   */
  seal(ballot: SealedBallot): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.sealing.push({ ballot, resolve, reject });
      if (this.sealing.length === 1) setImmediate(() => void this.flushSeals());
    });
  }

  private async flushSeals(): Promise<void> {
    let calls = this.sealing.splice(0);
    while (calls.length > 0) {
      // One INSERT never holds the same event id twice: which of the two won would not show.
      const group: SealCall[] = [];
      const ids = new Set<string>();
      const rest: SealCall[] = [];
      for (const call of calls) {
        if (group.length < MAX_SEALS_PER_INSERT && !ids.has(call.ballot.eventId)) {
          ids.add(call.ballot.eventId);
          group.push(call);
        } else rest.push(call);
      }
      await this.sealGroup(group);
      calls = rest;
    }
  }

  private async sealGroup(calls: SealCall[]): Promise<void> {
    let inserted: Set<string>;
    try {
      const rows = await this.sql.query<{ event_id: string }>(
        `INSERT INTO ballot_box (event_id, nomination_id, ballot_id, choice) VALUES ${calls.map(() => '(?, ?, ?, ?)').join(', ')} ON CONFLICT (event_id) DO NOTHING RETURNING event_id`,
        calls.flatMap(({ ballot }) => [ballot.eventId, ballot.nominationId, ballot.ballotId, ballot.choice]),
      );
      inserted = new Set(rows.map((r) => r.event_id));
    } catch (error) {
      if (calls.length > 1) {
        for (const call of calls) await this.sealGroup([call]);
        return;
      }
      // PostgreSQL puts the failing row, choice included, in its error detail: keep only the SQLSTATE.
      const code = (error as { code?: unknown }).code;
      calls[0]!.reject(new Error(`the ballot could not be sealed${typeof code === 'string' ? ` (${code})` : ''}`));
      return;
    }
    for (const call of calls) {
      if (inserted.has(call.ballot.eventId)) call.resolve();
      else this.sameAsHeld(call.ballot).then(call.resolve, call.reject);
    }
  }

  /** A repeat of a ballot already sealed is fine; another ballot under its event id is not. */
  private async sameAsHeld(ballot: SealedBallot): Promise<void> {
    const [held] = await this.sql.query<{ nomination_id: string; ballot_id: string; choice: string }>(
      `SELECT nomination_id, ballot_id, choice FROM ballot_box WHERE event_id = ?`,
      [ballot.eventId],
    );
    if (!held || held.nomination_id !== ballot.nominationId || held.ballot_id !== ballot.ballotId || held.choice !== ballot.choice) {
      throw new Error(`another ballot is already sealed under participation event ${ballot.eventId}`);
    }
  }

  /** The receipt sealed under a participation event, while the box still holds it. */
  async receiptOf(eventId: string): Promise<string | null> {
    const [row] = await this.sql.query<{ ballot_id: string }>(`SELECT ballot_id FROM ballot_box WHERE event_id = ?`, [eventId]);
    return row?.ballot_id ?? null;
  }

  /**
   * The ballots of `nominationId` whose participation event is among `participationEventIds`
   * (the BallotCast events actually in the stream), in CSPRNG-shuffled order. A ballot sealed
   * for an append that never happened (a crash, a lost race) has no such event and is left out.
   */
  async reveal(nominationId: string, participationEventIds: Iterable<string>): Promise<SecretBallot[]> {
    const cast = new Set(participationEventIds);
    const rows = await this.sql.query<{ event_id: string; ballot_id: string; choice: Choice }>(
      `SELECT event_id, ballot_id, choice FROM ballot_box WHERE nomination_id = ?`,
      [nominationId],
    );
    return cryptoShuffle(rows.filter((r) => cast.has(r.event_id)).map((r) => ({ ballotId: r.ballot_id, choice: r.choice })));
  }

  /** Drops one sealed ballot whose append is known not to have happened. */
  async discard(eventId: string): Promise<void> {
    await this.sql.execute(`DELETE FROM ballot_box WHERE event_id = ?`, [eventId]);
  }

  /** Empties the box of a nomination once its ballots are in the log; doing it twice is harmless. */
  async empty(nominationId: string): Promise<number> {
    return (await this.sql.execute(`DELETE FROM ballot_box WHERE nomination_id = ?`, [nominationId])).changes;
  }

  /** How many sealed ballots a nomination's box holds (orphans included). */
  async count(nominationId: string): Promise<number> {
    const [row] = await this.sql.query<{ n: number | string }>(`SELECT COUNT(*) AS n FROM ballot_box WHERE nomination_id = ?`, [nominationId]);
    return Number(row?.n ?? 0);
  }
}
