import { campaignStream, nominationStream } from '@vinhdanh/domain';
import { verifyCheckpoint, type VerifiedCheckpoint } from '../checkpoint';
import { CheckpointError } from '../checkpoint/checkpoint-error';
import { eventLeafHash, hashesEqual, MerkleError, verifyInclusion } from '../merkle';
import { ENTRY_PROOF_FORMAT, type EntryProof, type ProvenEvent } from '../proofs/entry-proof-format';
import { Check, report, type VerificationReport } from './report';
import { SeasonAudit } from './season-audit';

export interface VerifyEntryOptions {
  /** The log's published verifier keys. Without them the proof's own keys are used (and the report says so). */
  trustedKeys?: readonly string[];
}

const HEX32 = /^[0-9a-f]{64}$/;

/**
 * What a citizen runs on a downloaded entry proof: the checkpoint's signature, each event's
 * leaf hash recomputed from the event, each inclusion proof against the signed root, that the
 * events are the nomination's own stream in order, and that the decisions behind the entry
 * hold (ballots revealed = participation, the result recomputed, approval after a passing
 * vote, publication after approval, not revoked since). Pure: no I/O.
 */
export function verifyEntryProof(proof: EntryProof, options: VerifyEntryOptions = {}): VerificationReport {
  const format = new Check('format', 'Entry proof is well-formed');
  const signature = new Check('signature', 'Checkpoint signature by the log\'s key');
  const leaves = new Check('leaves', 'Leaf hashes recomputed from the events');
  const inclusion = new Check('inclusion', 'Every event is in the signed tree');
  const stream = new Check('stream', 'The events are the nomination\'s whole stream, in order');
  const ballots = new Check('ballots', 'Revealed ballots equal participation');
  const tallies = new Check('tallies', 'Council result recomputed from the revealed ballots');
  const decisions = new Check('decisions', 'Approval after a passing vote, publication after approval');
  const entry = new Check('entry', 'The entry is published as stated and not revoked');
  const checks = [format, signature, leaves, inclusion, stream, ballots, tallies, decisions, entry];

  if (proof?.format !== ENTRY_PROOF_FORMAT || !Array.isArray(proof.events) || typeof proof.checkpoint !== 'string' || !proof.campaign) {
    format.fail('FORMAT_UNKNOWN', `not a ${ENTRY_PROOF_FORMAT} document`);
    return report(checks);
  }
  format.pass();

  let checkpoint: VerifiedCheckpoint | undefined;
  try {
    checkpoint = verifyCheckpoint(proof.checkpoint, options.trustedKeys ?? proof.publicKeys ?? [], { origin: proof.origin });
    signature.pass();
    signature.note(
      options.trustedKeys ? 'checked against the keys given to the verifier' : 'checked against the keys in the proof itself; compare them with the keys the log publishes',
    );
  } catch (e) {
    signature.fail(e instanceof CheckpointError ? e.code : 'ERROR', e instanceof Error ? e.message : String(e));
  }

  const audit = new SeasonAudit({ ballots, tallies, decisions });
  let revision = 0;
  let lastPosition = -1;
  const proveIncluded = (e: ProvenEvent): void => {
    const leaf = eventLeafHash(e);
    if (typeof e.leafHash !== 'string' || !HEX32.test(e.leafHash) || !hashesEqual(leaf, Buffer.from(e.leafHash, 'hex'))) {
      leaves.fail('LEAF_MISMATCH', `the event at position ${e.position} does not hash to the leaf hash given`, e.position);
    } else {
      leaves.pass();
    }
    if (checkpoint) {
      try {
        verifyInclusion(leaf, e.position, checkpoint.size, (e.inclusionProof ?? []).map((h) => Buffer.from(h, 'hex')), checkpoint.rootHash);
        inclusion.pass();
      } catch (err) {
        inclusion.fail(err instanceof MerkleError ? err.code : 'ERROR', `event at position ${e.position}: ${err instanceof Error ? err.message : String(err)}`, e.position);
      }
    }
  };
  const campaign = proof.campaign;
  proveIncluded(campaign);
  const campaignId = (campaign.data as { campaignId?: unknown } | null)?.campaignId;
  if (campaign.type !== 'CampaignOpened' || typeof campaignId !== 'string' || campaign.streamId !== campaignStream(campaignId) || campaign.revision !== 0) {
    stream.fail('CAMPAIGN_MISMATCH', 'the campaign event is not the opening of a campaign', campaign.position);
  }
  audit.apply(campaign);
  for (const e of proof.events) {
    proveIncluded(e);
    const data = (e.data ?? {}) as { campaignId?: unknown };
    if (data.campaignId !== undefined && data.campaignId !== campaignId) {
      stream.fail('CAMPAIGN_MISMATCH', `the event at position ${e.position} belongs to another campaign than the one given`, e.position);
    }
    if (e.streamId !== nominationStream(proof.nominationId) || e.revision !== revision || e.position <= lastPosition) {
      stream.fail('STREAM_ORDER', `position ${e.position} is not revision ${revision} of ${nominationStream(proof.nominationId)}`, e.position);
    } else {
      stream.pass();
    }
    revision += 1;
    lastPosition = e.position;
    audit.apply(e);
  }
  if (!checkpoint) inclusion.fail('NO_TRUSTED_CHECKPOINT', 'the inclusion proofs cannot be checked without a verified checkpoint');

  const published = audit.publications.get(proof.nominationId);
  if (!published) {
    entry.fail('ENTRY_NOT_PUBLISHED', 'the events hold no publication of this nomination');
  } else if (published.revoked) {
    entry.fail('ENTRY_REVOKED', 'the award was revoked after its publication', published.position);
  } else if (published.honourListId !== proof.entry?.honourListId || published.rank !== proof.entry?.rank || published.position !== proof.entry?.position) {
    entry.fail('ENTRY_MISMATCH', 'the entry does not say what its publication event says', published.position);
  } else {
    entry.pass();
  }
  return report(checks);
}
