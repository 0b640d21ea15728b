import { ERROR_CODES, type DomainError, type ErrorKind } from '@vinhdanh/domain';

/**
 * A rule refused the command. Carries the domain's stable code and clerk-readable message
 * (never a secret ballot's choice: the deciders guarantee that, and handlers add nothing).
 * `kind` is the domain's own classification, so the API maps it to a status in one place.
 */
export class DomainRefusal extends Error {
  readonly code: string;
  readonly kind: ErrorKind;
  readonly details: Record<string, string | number | boolean>;

  constructor(readonly error: DomainError) {
    super(error.message);
    this.name = 'DomainRefusal';
    this.code = error.code;
    this.kind = (ERROR_CODES as Record<string, ErrorKind>)[error.code] ?? 'invalid';
    this.details = error.details;
  }
}

/**
 * Other writers kept moving the stream: every one of our bounded attempts lost the race.
 * Nothing was written by this command; the client may simply send it again.
 */
export class ConcurrencyConflict extends Error {
  readonly code = 'CONCURRENCY_CONFLICT' as const;

  constructor(
    readonly streamId: string,
    readonly attempts: number,
    cause?: unknown,
  ) {
    super(`stream "${streamId}" kept changing; gave up after ${attempts} attempt(s)`, { cause });
    this.name = 'ConcurrencyConflict';
  }
}
