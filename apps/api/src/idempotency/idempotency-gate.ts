import { createHash } from 'node:crypto';
import { canonicalJson } from '@vinhdanh/ledger';
import { ProblemException } from '../errors/problem';
import type { IdempotencyStore } from './idempotency-store';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
const KEY_SHAPE = /^[\x21-\x7e]{1,255}$/;

export type GateDecision =
  | { run: true; finish(statusCode: number, body: unknown): Promise<void>; abandon(): Promise<void> }
  | { run: false; statusCode: number; body: unknown };

export function requestHash(method: string, path: string, body: unknown): string {
  return createHash('sha256')
    .update(`${method}\n${path}\n${canonicalJson(body ?? null)}`)
    .digest('hex');
}

export function parseIdempotencyKey(raw: string | string[] | undefined): string | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' || !KEY_SHAPE.test(raw)) {
    throw new ProblemException(400, 'INVALID_IDEMPOTENCY_KEY', 'Invalid input', 'Idempotency-Key must be one header of 1 to 255 visible ASCII characters.', {
      errors: [{ field: 'Idempotency-Key', reason: 'must be 1 to 255 visible ASCII characters' }],
    });
  }
  return raw;
}

/**
 * Decides whether a keyed command runs. The first request with a key claims it and runs; a
 * repeat with the same body gets the recorded answer; a different body under the same key is
 * refused; a repeat while the first is still running waits for its answer, or gets a 409.
 */
export type IdempotencyGateOptions = {
  waitMs: number;
  pollMs: number;
  staleMs: number;
  /** How long an answered key is kept; older ones are purged, at most once per `purgeEveryMs`. */
  retainMs: number;
  purgeEveryMs: number;
};

export const DEFAULT_GATE_OPTIONS: IdempotencyGateOptions = { waitMs: 10_000, pollMs: 20, staleMs: 120_000, retainMs: 24 * 3_600_000, purgeEveryMs: 600_000 };

export class IdempotencyGate {
  private readonly options: IdempotencyGateOptions;
  private nextPurge = 0;

  constructor(
    private readonly store: IdempotencyStore,
    options: Partial<IdempotencyGateOptions> = {},
    private readonly onPurgeError: (error: unknown) => void = () => undefined,
  ) {
    this.options = { ...DEFAULT_GATE_OPTIONS, ...options };
  }

  /** Times here are the wall clock's, not the commands' clock: they time out claims. */
  async enter(scope: string, key: string, hash: string): Promise<GateDecision> {
    this.purgeWhenDue();
    const deadline = Date.now() + this.options.waitMs;
    for (;;) {
      const now = new Date().toISOString();
      const staleBefore = new Date(Date.now() - this.options.staleMs).toISOString();
      const claim = await this.store.claim(scope, key, hash, now, staleBefore);
      if (claim.owned) {
        return {
          run: true,
          finish: (statusCode, body) => this.store.complete(scope, key, statusCode, body),
          abandon: () => this.store.release(scope, key),
        };
      }
      const { record } = claim;
      if (record.requestHash !== hash) {
        throw new ProblemException(
          422,
          'IDEMPOTENCY_KEY_REUSED',
          'Refused',
          'This Idempotency-Key was already used with a different request. Use a new key for a new request.',
        );
      }
      if (record.state === 'done') return { run: false, statusCode: record.statusCode, body: record.body };
      if (Date.now() >= deadline) {
        throw new ProblemException(409, 'IDEMPOTENCY_KEY_IN_PROGRESS', 'Conflict', 'A request with this Idempotency-Key is still being processed; retry shortly.');
      }
      await new Promise((resolve) => setTimeout(resolve, this.options.pollMs));
    }
  }

  /** Keeps the table to the retention window; runs beside requests and never fails one. */
  private purgeWhenDue(): void {
    const now = Date.now();
    if (now < this.nextPurge) return;
    this.nextPurge = now + this.options.purgeEveryMs;
    this.store.purgeBefore(new Date(now - this.options.retainMs).toISOString()).catch(this.onPurgeError);
  }
}
