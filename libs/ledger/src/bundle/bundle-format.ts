import type { LedgerEvent } from '../verify/event-digests';

export const BUNDLE_FORMAT = 'vinhdanh-audit-bundle/1';

/**
 * An audit bundle is one NDJSON file, written and read as a stream, never whole in memory.
 * Every line is one JSON object with a `kind`, in this order:
 *
 *   header        format, origin, when, which campaign the read models are scoped to, tree size
 *   key*          every public key the log ever signed with (rotations included)
 *   checkpoint*   every signed checkpoint note up to the tree size, smallest first
 *   consistency*  RFC 9162 consistency proof between each checkpoint and the next
 *   event*        the log's events 0 … treeSize-1, exactly as stored (hash included)
 *   catalog*      the catalog snapshot of each campaign opened in the log
 *   readModel*    published read-model rows (honour list, tallies, fairness report…), one
 *                 line per row, addressed as projection / table / key
 *   end           counts of what came before, so a truncated file is caught
 *
 * Secret ballots stay as secret as in the log: the events carry participation (BallotCast)
 * and the shuffled revealed ballots (VotingClosed) apart; nothing comes from the ballot box.
 *
 * The events always run up to a signed checkpoint (the latest), so every event is covered by
 * a signature; an event past the last checkpoint is itself a finding.
 *
 * With a campaign, the bundle still carries the WHOLE log: a Merkle root commits to every leaf,
 * so a subset of events cannot be checked against a signed checkpoint. Only the read models
 * are restricted to that campaign; the verifier recomputes them from all events and compares
 * that campaign's rows.
 */
export interface BundleHeader {
  kind: 'header';
  format: typeof BUNDLE_FORMAT;
  origin: string;
  exportedAt: string;
  /** The campaign the read models are restricted to, or null for all. */
  campaignId: string | null;
  /** Number of events in the bundle: the size of the latest checkpoint at export time. */
  treeSize: number;
  /** The projections whose rows the readModel section carries, so a verifier knows which to re-run. */
  readModels: ReadModelSnapshotInfo[];
}

/**
 * A projection as published at export time: `upTo` is its checkpoint (the next position it
 * would apply), so a verifier re-runs it over events [0, upTo) only. Rows and checkpoint are
 * read in one transaction, so they agree.
 */
export interface ReadModelSnapshotInfo {
  name: string;
  upTo: number;
}

export interface BundleKey {
  kind: 'key';
  keyId: string;
  name: string;
  vkey: string;
  firstUsedAt: string;
  lastUsedAt: string;
}

export interface BundleCheckpoint {
  kind: 'checkpoint';
  size: number;
  note: string;
}

export interface BundleConsistency {
  kind: 'consistency';
  from: number;
  to: number;
  /** Hex hashes. */
  proof: string[];
}

/** An event's committed fields, named as in its canonical form (eventCanonicalBytes). */
export interface CanonicalEvent {
  position: number;
  stream: string;
  revision: number;
  eventId: string;
  type: string;
  data: unknown;
  metadata: unknown;
}

/**
 * `event` is written as its RFC 8785 canonical text, the very bytes the chain and the Merkle
 * leaf commit to, so a verifier can hash the line's bytes without re-canonicalising:
 *   {"kind":"event","hash":"<64 hex>","event":<canonical event>}
 * Bytes that are not the committed ones fail the chain or the signed roots, so nothing is
 * trusted by reading them this way.
 */
export interface BundleEvent {
  kind: 'event';
  /** Hex SHA-256(prev ‖ canonical event), as the log stores it. */
  hash: string;
  event: CanonicalEvent;
  /** Set by readBundle (never written): the raw canonical bytes of `event` as they are in the file. */
  canonical?: Uint8Array;
  /**
   * Set by readBundle (never written): position, revision, stream and type, read from the
   * tail of the canonical bytes, where RFC 8785's key order puts them after data and metadata.
   * Lets a verifier skip parsing the payload of events it only hashes.
   */
  head?: EventHead;
  /**
   * Set by a threaded readBundle (never written): the leaf digest of the canonical bytes, and
   * the chain digest over them after `prev`, the previous event line's stored hash. The
   * verifier takes the chain digest only when its own predecessor equals `prev`.
   */
  digests?: PrecomputedDigests;
}

export interface PrecomputedDigests {
  /** Empty when the worker had no predecessor (the first event line of its batch). */
  prev: Buffer;
  chain: Buffer;
  leaf: Buffer;
  /** `chain` equals the line's stored hash (so the verifier need not decode it to compare). */
  matchesStored: boolean;
}

export interface EventHead {
  position: number;
  revision: number;
  stream: string;
  type: string;
}

export const EVENT_LINE_PREFIX = '{"kind":"event","hash":"';
export const EVENT_LINE_INFIX = '","event":';

export function toLedgerEvent(line: BundleEvent): LedgerEvent {
  const e = line.event;
  return { position: e.position, streamId: e.stream, revision: e.revision, eventId: e.eventId, type: e.type, data: e.data, metadata: e.metadata, hash: line.hash };
}

export interface BundleCatalog {
  kind: 'catalog';
  campaignId: string;
  catalogVersion: string;
  catalog: unknown;
  /** Log position of the CampaignOpened event it was copied from. */
  position: number;
}

/** A published read-model row: the projection's name, its table, the row's key, the row. */
export interface ReadModelRow {
  model: string;
  table: string;
  key: string;
  row: Record<string, unknown>;
}

export interface BundleReadModelRow extends ReadModelRow {
  kind: 'readModel';
}

export interface BundleEnd {
  kind: 'end';
  keys: number;
  checkpoints: number;
  consistency: number;
  events: number;
  catalogs: number;
  readModelRows: number;
}

export type BundleLine =
  | BundleHeader
  | BundleKey
  | BundleCheckpoint
  | BundleConsistency
  | BundleEvent
  | BundleCatalog
  | BundleReadModelRow
  | BundleEnd;

/** Where each kind may appear; a line of a lower rank after a higher one is out of order. */
export const SECTION_RANK: Record<BundleLine['kind'], number> = {
  header: 0,
  key: 1,
  checkpoint: 2,
  consistency: 3,
  event: 4,
  catalog: 5,
  readModel: 6,
  end: 7,
};
