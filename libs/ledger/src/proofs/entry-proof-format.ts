import type { LedgerEvent } from '../verify/event-digests';

export const ENTRY_PROOF_FORMAT = 'vinhdanh-entry-proof/1';

/** An event of the entry's nomination stream with its leaf hash and its inclusion proof (hex). */
export interface ProvenEvent extends LedgerEvent {
  leafHash: string;
  inclusionProof: string[];
}

/**
 * What a citizen downloads for one honour-list entry: every event of the nomination (the
 * publication and the decisions behind it) with inclusion proofs to one signed checkpoint,
 * and the public keys that may have signed it. Self-contained: verifyEntryProof needs nothing else.
 */
export interface EntryProof {
  format: typeof ENTRY_PROOF_FORMAT;
  origin: string;
  nominationId: string;
  entry: { honourListId: string; rank: number; publishedAt: string; position: number };
  /** The C2SP signed checkpoint note all proofs lead to. */
  checkpoint: string;
  /** Verifier keys (vkey strings) the log has used; compare them with the published ones. */
  publicKeys: string[];
  /** The campaign's CampaignOpened event: its catalog snapshot holds the vote rules the result is recomputed with. */
  campaign: ProvenEvent;
  /** The nomination's stream, revision 0 onwards, up to the checkpoint. */
  events: ProvenEvent[];
}
