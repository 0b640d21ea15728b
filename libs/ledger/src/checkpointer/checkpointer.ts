import type { SqlClient, SqlExecutor } from '@vinhdanh/sql';
import { signCheckpoint, type SigningKey } from '../checkpoint';
import { GENESIS_HASH } from '../hash-chain';
import { MerkleFrontier, rangeNodes } from '../merkle';
import { eventDigests, type LedgerEvent } from '../verify/event-digests';
import type { StoredCheckpoint } from './checkpoint-repository';
import { LedgerError } from './ledger-error';
import { ensureLedgerSchema, keyIdHex, toBuffer, toCount } from './ledger-schema';
import { insertNodes, type NodeRow, SqlNodeReader } from './sql-node-store';

/** What the checkpointer needs of the event store: its catch-up subscription (EventStore fits). */
export interface LogSource {
  subscribe(
    options: { fromPosition: number; batchSize?: number },
    handler: (events: LedgerEvent[]) => Promise<void> | void,
  ): { stop(): Promise<void>; readonly done: Promise<void> };
}

export type LedgerLog = (level: 'info' | 'error', message: string, context?: Record<string, unknown>) => void;

const stderrLog: LedgerLog = (level, message, context) => {
  process.stderr.write(`${JSON.stringify({ level, component: 'checkpointer', message, ...context })}\n`);
};

export interface CheckpointerOptions {
  sql: SqlClient;
  key: SigningKey;
  /** The log's name in its checkpoints; by convention the key's name. */
  origin?: string;
  /** Sign once this many events have been appended since the last checkpoint. Default 1,000. */
  everyEvents?: number;
  /** Sign when this much time has passed since the last checkpoint and there is anything new. Default 60 s. */
  everyMs?: number;
  /**
   * Sign at the end of any batch holding one of these events (default: NominationPublished), in
   * the same transaction, so each published entry has a proof the moment it is public.
   */
  signAfter?: (event: LedgerEvent) => boolean;
  clock?: () => Date;
  log?: LedgerLog;
}

interface PendingCheckpoint {
  size: number;
  rootHash: Buffer;
  note: string;
  signedAt: string;
}

/** One batch, tick or signNow at a time (a type-only dependency on @vinhdanh/sql keeps this lib free of drivers). */
class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work, work);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

const isPublication = (event: LedgerEvent): boolean => event.type === 'NominationPublished';

/**
 * A subscriber over the log, like a projection: its checkpoint is the tree size. For each event
 * it recomputes the chain hash (and refuses to go on, loudly, at the first one that does not
 * match: it never signs over a broken chain), appends the leaf to the Merkle frontier, and
 * writes the completed subtree nodes, its state and any checkpoints it signed in one
 * transaction per batch, so a crash neither skips nor repeats an event. It signs every
 * `everyEvents` events, after every batch holding a publication, and on the time trigger.
 */
export class Checkpointer {
  private readonly mutex = new SerialQueue();
  private readonly origin: string;
  private readonly everyEvents: number;
  private readonly everyMs: number;
  private readonly signAfter: (event: LedgerEvent) => boolean;
  private readonly clock: () => Date;
  private readonly log: LedgerLog;
  private pending: NodeRow[] = [];
  private frontier = new MerkleFrontier();
  private headHash: Buffer = Buffer.from(GENESIS_HASH);
  private signedSize = 0;
  private signedAt: number;
  private halted: LedgerError | undefined;

  private constructor(private readonly options: CheckpointerOptions) {
    this.origin = options.origin ?? options.key.name;
    this.everyEvents = options.everyEvents ?? 1_000;
    this.everyMs = options.everyMs ?? 60_000;
    this.signAfter = options.signAfter ?? isPublication;
    this.clock = options.clock ?? (() => new Date());
    this.log = options.log ?? stderrLog;
    this.signedAt = this.clock().getTime();
    if (!Number.isSafeInteger(this.everyEvents) || this.everyEvents < 1) {
      throw new LedgerError('LEDGER_INVALID_ARGUMENT', 'everyEvents must be a positive integer');
    }
  }

  /** Creates the tables if needed and resumes from the stored state. */
  static async open(options: CheckpointerOptions): Promise<Checkpointer> {
    await ensureLedgerSchema(options.sql);
    const checkpointer = new Checkpointer(options);
    await checkpointer.load();
    return checkpointer;
  }

  /** The tree size: also the next log position to read. */
  get size(): number {
    return this.frontier.size;
  }

  get lastSignedSize(): number {
    return this.signedSize;
  }

  private async load(): Promise<void> {
    const rows = await this.options.sql.query<{
      origin: string;
      size: unknown;
      head_hash: unknown;
      checkpoint_size: unknown;
      checkpoint_at: string | null;
    }>('SELECT origin, size, head_hash, checkpoint_size, checkpoint_at FROM ledger_state WHERE id = 1');
    this.pending = [];
    const sink = (level: number, index: number, hash: Buffer): void => {
      this.pending.push({ level, index, hash });
    };
    if (rows.length === 0) {
      this.frontier = new MerkleFrontier(sink);
      this.headHash = Buffer.from(GENESIS_HASH);
      this.signedSize = 0;
      return;
    }
    const row = rows[0];
    if (row.origin !== this.origin) {
      throw new LedgerError('LEDGER_STATE_CORRUPT', `the ledger tables belong to log ${row.origin}, not ${this.origin}`);
    }
    const size = toCount(row.size);
    const ids = rangeNodes(0, size);
    const hashes = await new SqlNodeReader(this.options.sql).getNodes(ids);
    if (hashes.some((h) => h === undefined)) {
      throw new LedgerError('LEDGER_STATE_CORRUPT', `ledger_nodes lacks the frontier of size ${size}`);
    }
    this.frontier = MerkleFrontier.fromState({ size, hashes: hashes as Buffer[] }, sink);
    this.headHash = toBuffer(row.head_hash);
    this.signedSize = toCount(row.checkpoint_size);
    if (row.checkpoint_at) this.signedAt = new Date(row.checkpoint_at).getTime();
  }

  /** Takes a batch in position order. Throws LedgerError (after committing the good prefix) on a gap or a broken chain. */
  async handle(events: readonly LedgerEvent[]): Promise<StoredCheckpoint[]> {
    return this.mutex.run(async () => {
      if (this.halted) throw this.halted;
      const signed: PendingCheckpoint[] = [];
      let failure: LedgerError | undefined;
      let publication = false;
      for (const event of events) {
        if (event.position < this.size) continue; // redelivered after a restart: already in the tree
        if (event.position !== this.size) {
          failure = new LedgerError('LEDGER_POSITION_GAP', `expected position ${this.size}, got ${event.position}`, this.size);
          break;
        }
        const { chain, leaf } = eventDigests(this.headHash, event);
        if (!chain.equals(Buffer.from(event.hash, 'hex'))) {
          failure = new LedgerError(
            'LEDGER_CHAIN_BROKEN',
            `hash chain broken at position ${event.position}: the stored hash does not match the event and its predecessor; refusing to sign`,
            event.position,
          );
          break;
        }
        this.frontier.append(leaf);
        this.headHash = chain;
        if (this.signAfter(event)) publication = true;
        if (this.size - this.signedSize >= this.everyEvents) signed.push(this.sign());
      }
      // A publication is signed over in the very transaction that records it, once per batch
      // however many it holds: an honour list published in bulk is one checkpoint, not hundreds.
      if ((publication && this.size > this.signedSize) || (!failure && this.dueByTime())) signed.push(this.sign());
      const stored = await this.commit(signed);
      if (failure) {
        this.halted = failure;
        this.log('error', failure.message, { code: failure.code, position: failure.position, treeSize: this.size });
        throw failure;
      }
      return stored;
    });
  }

  /** The time trigger: signs if anything arrived since the last checkpoint and everyMs has passed. */
  async tick(): Promise<StoredCheckpoint | null> {
    return this.mutex.run(async () => {
      if (this.halted || !this.dueByTime()) return null;
      const [stored] = await this.commit([this.sign()]);
      return stored;
    });
  }

  /** Signs the current size now if it is not signed yet (e.g. before an export). */
  async signNow(): Promise<StoredCheckpoint | null> {
    return this.mutex.run(async () => {
      if (this.halted || this.size === this.signedSize) return null;
      const [stored] = await this.commit([this.sign()]);
      return stored;
    });
  }

  /** Follows the log from the tree size, and signs on the time trigger in between batches. */
  start(source: LogSource, options: { batchSize?: number } = {}): { stop(): Promise<void>; readonly done: Promise<void> } {
    const subscription = source.subscribe({ fromPosition: this.size, batchSize: options.batchSize ?? 1_000 }, async (events) => {
      await this.handle(events);
    });
    const timer = setInterval(
      () => {
        this.tick().catch((error: unknown) => this.log('error', 'time-triggered checkpoint failed', { error: String(error) }));
      },
      Math.min(this.everyMs, 1_000),
    );
    timer.unref();
    const done = subscription.done.finally(() => clearInterval(timer));
    return {
      done,
      stop: async () => {
        clearInterval(timer);
        await subscription.stop();
      },
    };
  }

  private dueByTime(): boolean {
    return this.size > this.signedSize && this.clock().getTime() - this.signedAt >= this.everyMs;
  }

  private sign(): PendingCheckpoint {
    const time = this.clock();
    const rootHash = this.frontier.root();
    const note = signCheckpoint({ origin: this.origin, size: this.size, rootHash, time }, this.options.key);
    this.signedSize = this.size;
    this.signedAt = time.getTime();
    return { size: this.size, rootHash, note, signedAt: time.toISOString() };
  }

  private async commit(signed: PendingCheckpoint[]): Promise<StoredCheckpoint[]> {
    const nodes = this.pending;
    this.pending = [];
    const { key } = this.options;
    const keyId = keyIdHex(key.keyId);
    const last = signed[signed.length - 1];
    try {
      await this.options.sql.transaction(async (tx: SqlExecutor) => {
        // Two workers over the same tables (a rolling restart) write the same nodes and never
        // move the state backwards; a size both sign collides on the checkpoint key and the
        // loser reloads from what the winner committed.
        await insertNodes(tx, nodes);
        await tx.execute(
          `INSERT INTO ledger_state (id, origin, size, head_hash, checkpoint_size, checkpoint_at) VALUES (1, ?, ?, ?, ?, ?)
           ON CONFLICT (id) DO UPDATE SET size = excluded.size, head_hash = excluded.head_hash,
             checkpoint_size = excluded.checkpoint_size, checkpoint_at = excluded.checkpoint_at
           WHERE ledger_state.size <= excluded.size`,
          [this.origin, this.size, this.headHash, this.signedSize, new Date(this.signedAt).toISOString()],
        );
        for (const c of signed) {
          await tx.execute(
            'INSERT INTO ledger_checkpoints (size, root_hash, key_id, vkey, note, signed_at) VALUES (?, ?, ?, ?, ?, ?)',
            [c.size, c.rootHash, keyId, key.vkey, c.note, c.signedAt],
          );
        }
        if (last) {
          await tx.execute(
            `INSERT INTO ledger_keys (vkey, key_id, name, first_used_at, last_used_at) VALUES (?, ?, ?, ?, ?)
             ON CONFLICT (vkey) DO UPDATE SET last_used_at = excluded.last_used_at`,
            [key.vkey, keyId, key.name, signed[0].signedAt, last.signedAt],
          );
        }
      });
    } catch (error) {
      // Memory ran ahead of the database: go back to what is committed, then let the caller retry.
      await this.load();
      throw error;
    }
    for (const c of signed) this.log('info', 'checkpoint signed', { size: c.size, keyId });
    return signed.map((c) => ({
      size: c.size,
      rootHash: c.rootHash.toString('hex'),
      keyId,
      vkey: key.vkey,
      note: c.note,
      signedAt: c.signedAt,
    }));
  }
}
