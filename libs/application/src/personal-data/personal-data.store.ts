import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { canonicalBytes } from '@vinhdanh/ledger';
import type { SqlClient } from '@vinhdanh/sql';

/** What a person who files an objection gives: kept here, erasable, never in the log. */
export type PersonalData = Record<string, string>;

export interface PersonalDataRecord {
  ref: string;
  purpose: string;
  data: PersonalData;
}

const DDL = [
  `CREATE TABLE IF NOT EXISTS personal_data (
     ref TEXT PRIMARY KEY,
     purpose TEXT NOT NULL,
     data TEXT NOT NULL,
     salt TEXT NOT NULL
   )`,
];

/** SHA-256(salt ‖ RFC 8785 canonical JSON of the data), lowercase hex. */
export function personalDataCommitment(salt: Buffer, data: PersonalData): string {
  return createHash('sha256').update(salt).update(canonicalBytes(data)).digest('hex');
}

/**
 * Personal data (Decree 13/2023) outside the log. An event carries only `ref` and the salted
 * commitment; erasing the row removes the data and its salt together, after which the
 * commitment in the log can no longer be tested against a guess, while events, hash chain and
 * Merkle proofs stay exactly as they were.
 */
export class PersonalDataStore {
  private constructor(private readonly sql: SqlClient) {}

  static async open(sql: SqlClient): Promise<PersonalDataStore> {
    for (const statement of DDL) await sql.execute(statement);
    return new PersonalDataStore(sql);
  }

  /** Keeps the data under a fresh reference with a fresh 32-byte salt; returns what the event may carry. */
  async record(purpose: string, data: PersonalData): Promise<{ ref: string; commitment: string }> {
    const ref = randomUUID();
    const salt = randomBytes(32);
    await this.sql.execute(`INSERT INTO personal_data (ref, purpose, data, salt) VALUES (?, ?, ?, ?)`, [
      ref,
      purpose,
      JSON.stringify(data),
      salt.toString('hex'),
    ]);
    return { ref, commitment: personalDataCommitment(salt, data) };
  }

  async get(ref: string): Promise<PersonalDataRecord | null> {
    const [row] = await this.sql.query<{ purpose: string; data: string }>(`SELECT purpose, data FROM personal_data WHERE ref = ?`, [ref]);
    return row ? { ref, purpose: row.purpose, data: JSON.parse(row.data) as PersonalData } : null;
  }

  /** True when the stored data still matches the commitment an event carries; false once erased. */
  async matches(ref: string, commitment: string): Promise<boolean> {
    const [row] = await this.sql.query<{ data: string; salt: string }>(`SELECT data, salt FROM personal_data WHERE ref = ?`, [ref]);
    if (!row || !/^[0-9a-f]{64}$/.test(commitment)) return false;
    const computed = personalDataCommitment(Buffer.from(row.salt, 'hex'), JSON.parse(row.data) as PersonalData);
    return timingSafeEqual(Buffer.from(computed, 'hex'), Buffer.from(commitment, 'hex'));
  }

  /** Deletes the data and its salt. Returns whether there was anything to erase. */
  async erase(ref: string): Promise<boolean> {
    return (await this.sql.execute(`DELETE FROM personal_data WHERE ref = ?`, [ref])).changes > 0;
  }
}
