import type { SqlExecutor } from '@vinhdanh/sql';
import { campaignStream, nominationStream } from '@vinhdanh/domain';
import { parseCheckpoint } from '../checkpoint';
import { assembleProof, consistencyProofAsync, eventLeafHash, inclusionProofAsync, inclusionProofPlan, MerkleError } from '../merkle';
import {
  checkpointBySize,
  latestCheckpoint,
  type PublicKeyRecord,
  publicKeys,
  type StoredCheckpoint,
} from '../checkpointer/checkpoint-repository';
import { LedgerError } from '../checkpointer/ledger-error';
import { toCount } from '../checkpointer/ledger-schema';
import { SqlNodeReader } from '../checkpointer/sql-node-store';
import type { LedgerEvent } from '../verify/event-digests';
import { ENTRY_PROOF_FORMAT, type EntryProof, type ProvenEvent } from './entry-proof-format';

/** What entry proofs need of the event store: reading one stream (EventStore fits). */
export interface StreamSource {
  readStream(streamId: string): AsyncIterable<LedgerEvent>;
}

export interface ConsistencyAnswer {
  from: number;
  to: number;
  /** Hex hashes, RFC 9162 PROOF(from, D[to]). */
  proof: string[];
}

export interface InclusionAnswer {
  position: number;
  treeSize: number;
  leafHash: string;
  proof: string[];
}

/** Tree size the checkpointer has reached (nodes exist up to it), or 0. */
export async function treeSize(sql: SqlExecutor): Promise<number> {
  const rows = await sql.query<{ size: unknown }>('SELECT size FROM ledger_state WHERE id = 1');
  return rows.length ? toCount(rows[0].size) : 0;
}

async function assertReached(sql: SqlExecutor, size: number): Promise<void> {
  if (!Number.isSafeInteger(size) || size < 1) throw new LedgerError('LEDGER_INVALID_ARGUMENT', `tree size must be a positive integer, got ${size}`);
  const reached = await treeSize(sql);
  if (size > reached) throw new LedgerError('LEDGER_NOT_CHECKPOINTED', `the tree has ${reached} leaves, not ${size}`);
}

/** Consistency proof between two tree sizes (normally two checkpoints' sizes). */
export async function consistency(sql: SqlExecutor, from: number, to: number): Promise<ConsistencyAnswer> {
  await assertReached(sql, to);
  if (!Number.isSafeInteger(from) || from < 1 || from > to) {
    throw new LedgerError('LEDGER_INVALID_ARGUMENT', `need 0 < from ≤ to, got from ${from}, to ${to}`);
  }
  const proof = await consistencyProofAsync(from, to, new SqlNodeReader(sql));
  return { from, to, proof: proof.map((h) => h.toString('hex')) };
}

/** Inclusion proof of the event at `position` in the tree of `size` leaves. */
export async function inclusion(sql: SqlExecutor, position: number, size: number): Promise<InclusionAnswer> {
  await assertReached(sql, size);
  if (!Number.isSafeInteger(position) || position < 0 || position >= size) {
    throw new LedgerError('LEDGER_INVALID_ARGUMENT', `position ${position} is not below tree size ${size}`);
  }
  const reader = new SqlNodeReader(sql);
  const [leaf] = await reader.getNodes([{ level: 0, index: position }]);
  if (!leaf) throw new LedgerError('LEDGER_NOT_FOUND', `no leaf at position ${position}`);
  const proof = await inclusionProofAsync(position, size, reader);
  return { position, treeSize: size, leafHash: leaf.toString('hex'), proof: proof.map((h) => h.toString('hex')) };
}

/**
 * The self-contained proof of one honour-list entry: the nomination's events up to the latest
 * checkpoint, each with its leaf hash and inclusion proof (fetched for all events in one query).
 */
export async function entryProof(sql: SqlExecutor, events: StreamSource, nominationId: string): Promise<EntryProof> {
  const checkpoint = await latestCheckpoint(sql);
  if (!checkpoint) throw new LedgerError('LEDGER_NOT_CHECKPOINTED', 'no checkpoint has been signed yet');
  const { origin } = parseCheckpoint(checkpoint.note);
  const size = checkpoint.size;
  const stream: LedgerEvent[] = [];
  let publishedLater = false;
  for await (const e of events.readStream(nominationStream(nominationId))) {
    if (e.position < size) stream.push(e);
    else if (e.type === 'NominationPublished') publishedLater = true;
  }
  const published = [...stream].reverse().find((e) => e.type === 'NominationPublished');
  if (!published) {
    if (publishedLater) throw new LedgerError('LEDGER_NOT_CHECKPOINTED', `the publication of ${nominationId} is not covered by a checkpoint yet`);
    throw new LedgerError('LEDGER_NOT_FOUND', `nomination ${nominationId} is not published`);
  }
  const campaignId = stream.map((e) => (e.data as { campaignId?: unknown }).campaignId).find((id) => typeof id === 'string') as string | undefined;
  let opened: LedgerEvent | undefined;
  if (campaignId) {
    for await (const e of events.readStream(campaignStream(campaignId))) {
      opened = e.type === 'CampaignOpened' && e.position < size ? e : undefined;
      break;
    }
  }
  if (!opened) throw new LedgerError('LEDGER_NOT_FOUND', `the campaign of nomination ${nominationId} has no CampaignOpened event`);
  stream.unshift(opened);
  const plans = stream.map((e) => inclusionProofPlan(e.position, size));
  const reader = new SqlNodeReader(sql);
  const hashes = await reader.getNodes(plans.flatMap((p) => p.nodes));
  let at = 0;
  const proven: ProvenEvent[] = stream.map((e, i) => {
    const plan = plans[i];
    const proof = assembleProof(plan, hashes.slice(at, at + plan.nodes.length));
    at += plan.nodes.length;
    const { position, streamId, revision, eventId, type, data, metadata, hash } = e;
    // The leaf comes from the event itself, so a proof built over a tampered row cannot verify.
    const leafHash = eventLeafHash(e).toString('hex');
    return { position, streamId, revision, eventId, type, data, metadata, hash, leafHash, inclusionProof: proof.map((h) => h.toString('hex')) };
  });
  const data = published.data as { honourListId: string; rank: number; publishedAt: string };
  return {
    format: ENTRY_PROOF_FORMAT,
    origin,
    nominationId,
    entry: { honourListId: data.honourListId, rank: data.rank, publishedAt: data.publishedAt, position: published.position },
    checkpoint: checkpoint.note,
    publicKeys: (await publicKeys(sql)).map((k) => k.vkey),
    campaign: proven[0],
    events: proven.slice(1),
  };
}

/**
 * The ledger's read side for the API (/ledger/checkpoints, /ledger/keys, /ledger/proofs…),
 * without Nest: the API module wraps it. Every answer comes from the ledger tables and the
 * log; nothing here writes.
 */
export class LedgerService {
  constructor(
    private readonly sql: SqlExecutor,
    private readonly events?: StreamSource,
  ) {}

  latestCheckpoint(): Promise<StoredCheckpoint | null> {
    return latestCheckpoint(this.sql);
  }

  checkpointBySize(size: number): Promise<StoredCheckpoint | null> {
    return checkpointBySize(this.sql, size);
  }

  publicKeys(): Promise<PublicKeyRecord[]> {
    return publicKeys(this.sql);
  }

  treeSize(): Promise<number> {
    return treeSize(this.sql);
  }

  consistency(from: number, to: number): Promise<ConsistencyAnswer> {
    return rethrowMerkle(() => consistency(this.sql, from, to));
  }

  inclusion(position: number, size: number): Promise<InclusionAnswer> {
    return rethrowMerkle(() => inclusion(this.sql, position, size));
  }

  entryProof(nominationId: string): Promise<EntryProof> {
    if (!this.events) throw new LedgerError('LEDGER_INVALID_ARGUMENT', 'entry proofs need the event store');
    return entryProof(this.sql, this.events, nominationId);
  }

  /** Proofs without reloading the log: an AsyncNodeReader over ledger_nodes. */
  nodeReader(): SqlNodeReader {
    return new SqlNodeReader(this.sql);
  }
}

/** A missing node means the checkpointer has not written what its state claims: say so with a ledger code. */
async function rethrowMerkle<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof MerkleError) {
      throw new LedgerError(error.code === 'MERKLE_NODE_MISSING' ? 'LEDGER_STATE_CORRUPT' : 'LEDGER_INVALID_ARGUMENT', error.message);
    }
    throw error;
  }
}
