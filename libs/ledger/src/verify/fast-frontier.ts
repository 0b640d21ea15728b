import { hash } from 'node:crypto';
import { emptyRoot } from '../merkle';

/**
 * The verifier's own compact range: MerkleFrontier's algorithm without a node sink, hashing
 * with one-shot crypto.hash over a reused 65-byte buffer (0x01 ‖ left ‖ right) instead of a
 * Hash object per node, which dominated a million-leaf rebuild. fast-frontier.spec.ts checks
 * it against MerkleFrontier for every size up to a few hundred.
 */
export class FastFrontier {
  private readonly stack: Buffer[] = [];
  private count = 0;
  private readonly scratch = Buffer.alloc(65);

  constructor() {
    this.scratch[0] = 0x01;
  }

  get size(): number {
    return this.count;
  }

  private node(left: Uint8Array, right: Uint8Array): Buffer {
    this.scratch.set(left, 1);
    this.scratch.set(right, 33);
    return hash('sha256', this.scratch, 'buffer');
  }

  append(leaf: Buffer): void {
    let h = leaf;
    let n = this.count;
    while (n % 2 === 1) {
      h = this.node(this.stack.pop() as Buffer, h);
      n = (n - 1) / 2;
    }
    this.stack.push(h);
    this.count += 1;
  }

  root(): Buffer {
    if (this.stack.length === 0) return Buffer.from(emptyRoot);
    let h = this.stack[this.stack.length - 1];
    for (let i = this.stack.length - 2; i >= 0; i--) h = this.node(this.stack[i], h);
    return h;
  }
}
