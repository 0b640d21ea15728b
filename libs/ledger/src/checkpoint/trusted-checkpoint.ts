import { emptyRoot, hashesEqual } from '../merkle/hashing';
import { MerkleError } from '../merkle/merkle-error';
import { verifyConsistency, verifyInclusion } from '../merkle/verify';
import { type VerifiedCheckpoint, verifyCheckpoint } from './checkpoint';
import { CheckpointError } from './checkpoint-error';
import { type NoteVerifier, parseVerifierKey } from './note-keys';

export interface TrustedCheckpointOptions {
  /** The log this client follows; checkpoints of any other origin are refused. */
  origin: string;
  /** Trusted verifier keys (vkey strings or verifier objects). */
  verifierKeys: ReadonlyArray<string | NoteVerifier>;
  /** A previously trusted checkpoint note (e.g. persisted by the client); verified again here. */
  trusted?: string;
}

/**
 * What a verifier remembers between visits: the latest checkpoint it accepted. It moves only
 * forward, and only with a consistency proof from the size it holds to the new one, so a log
 * that rewrites history, or shows this client a different tree than it showed others, is
 * caught the moment the two views meet (RFC 9162 §8.1.4; sigsum and Go sumdb clients alike).
 */
export class TrustedCheckpoint {
  private readonly verifiers: NoteVerifier[];
  private trusted: VerifiedCheckpoint | undefined;

  constructor(private readonly options: TrustedCheckpointOptions) {
    this.verifiers = options.verifierKeys.map((k) => (typeof k === 'string' ? parseVerifierKey(k) : k));
    if (options.trusted !== undefined) this.trusted = this.verify(options.trusted);
  }

  get current(): VerifiedCheckpoint | undefined {
    return this.trusted;
  }

  private verify(note: string): VerifiedCheckpoint {
    const checkpoint = verifyCheckpoint(note, this.verifiers, { origin: this.options.origin });
    if (checkpoint.size === 0 && !hashesEqual(checkpoint.rootHash, emptyRoot)) {
      // The log signed a root for the empty tree that is not the empty tree's root.
      throw new CheckpointError('CHECKPOINT_INCONSISTENT', 'a checkpoint of size 0 must carry the empty-tree root', [note]);
    }
    return checkpoint;
  }

  /**
   * Verifies `note` and, if it extends the trusted checkpoint (proved by `proof`, a
   * consistency proof from the trusted size to the new size), makes it the trusted one.
   * The first checkpoint is trusted on its signature alone. Throws CheckpointError:
   * CHECKPOINT_SPLIT_VIEW (same size, different root — `evidence` holds both notes),
   * CHECKPOINT_ROLLBACK (smaller than the trusted size), CHECKPOINT_INCONSISTENT (the
   * proof does not connect the two roots; cause is the MerkleError), or any verifyCheckpoint error.
   */
  update(note: string, proof: readonly Uint8Array[] = []): VerifiedCheckpoint {
    const next = this.verify(note);
    const current = this.trusted;
    if (!current || current.size === 0) {
      this.trusted = next;
      return next;
    }
    if (next.size === current.size) {
      if (!hashesEqual(next.rootHash, current.rootHash)) {
        throw new CheckpointError(
          'CHECKPOINT_SPLIT_VIEW',
          `two signed checkpoints for size ${next.size} with different roots`,
          [current.note, note],
        );
      }
      return current;
    }
    if (next.size < current.size) {
      throw new CheckpointError('CHECKPOINT_ROLLBACK', `checkpoint size ${next.size} is behind the trusted size ${current.size}`);
    }
    try {
      verifyConsistency(current.size, next.size, proof, current.rootHash, next.rootHash);
    } catch (e) {
      if (!(e instanceof MerkleError)) throw e;
      throw new CheckpointError(
        'CHECKPOINT_INCONSISTENT',
        `checkpoint ${next.size} is not proved to extend trusted checkpoint ${current.size}: ${e.message}`,
        [current.note, note],
        { cause: e },
      );
    }
    this.trusted = next;
    return next;
  }

  /** Verifies that a leaf is in the trusted tree; throws MerkleError otherwise. */
  verifyInclusion(leafHash: Uint8Array, index: number, proof: readonly Uint8Array[]): void {
    if (!this.trusted) throw new CheckpointError('NOTE_UNVERIFIED', 'no trusted checkpoint yet');
    verifyInclusion(leafHash, index, this.trusted.size, proof, this.trusted.rootHash);
  }
}
