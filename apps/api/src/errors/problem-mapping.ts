import { HttpException } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import { ConcurrencyConflict, DomainRefusal } from '@vinhdanh/application';
import { isDomainError, type DomainError, type ErrorKind } from '@vinhdanh/domain';
import { LedgerError } from '@vinhdanh/ledger';
import { EventIdConflict, InvalidEvent, StoreUnavailable, WrongExpectedRevision } from '@vinhdanh/event-store';
import { ProblemException, problemType, type ProblemDetails } from './problem';

const STATUS_OF_KIND: Record<ErrorKind, number> = { forbidden: 403, not_found: 404, conflict: 409, invalid: 422 };

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthenticated',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  406: 'Not acceptable',
  409: 'Conflict',
  413: 'Body too large',
  415: 'Unsupported media type',
  422: 'Refused',
  429: 'Too many requests',
  500: 'Internal error',
  503: 'Unavailable',
};

/** Fastify's own refusals (body parsing and friends), by their FST_ERR code. */
const FASTIFY_CODES: Record<string, { status: number; code: string; detail: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'MALFORMED_JSON', detail: 'The body is not valid JSON.' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'MALFORMED_JSON', detail: 'The body is empty but says it is JSON.' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'MALFORMED_REQUEST', detail: 'Content-Length does not match the body.' },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'BODY_TOO_LARGE', detail: 'The body is larger than this API accepts.' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', detail: 'Send the body as application/json.' },
  FST_ERR_CTP_INVALID_TYPE: { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', detail: 'Send the body as application/json.' },
  FST_ERR_BAD_URL: { status: 400, code: 'MALFORMED_REQUEST', detail: 'The URL cannot be decoded.' },
};

/** Ledger refusals a caller can cause; the others (a broken chain, corrupt state) are server faults. */
const LEDGER_STATUS: Partial<Record<LedgerError['code'], number>> = {
  LEDGER_INVALID_ARGUMENT: 400,
  LEDGER_NOT_FOUND: 404,
  LEDGER_NOT_CHECKPOINTED: 409,
};

/** PostgreSQL "undefined_table" (42P01) or SQLite "no such table", about a ledger_* table. */
function isMissingLedgerTable(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof message !== 'string' || !/\bledger_(state|nodes|checkpoints|keys)\b/.test(message)) return false;
  return code === '42P01' || /no such table/.test(message);
}

function problem(status: number, code: string, detail: string, extra: Partial<ProblemDetails> = {}): ProblemDetails {
  return { type: problemType(code), title: TITLES[status] ?? 'Error', status, detail, code, ...extra };
}

function fromDomainError(error: DomainError | DomainRefusal): ProblemDetails {
  const kind = error instanceof DomainRefusal ? error.kind : undefined;
  const status = kind ? STATUS_OF_KIND[kind] : 422;
  const details = Object.keys(error.details).length ? { details: error.details } : {};
  return problem(status, error.code, error.message, details);
}

/**
 * Everything a request can fail with, mapped to one problem in one place. `serverFault` is
 * true only for what we did not expect: those are logged with their stack, and the client gets
 * a bare 500 without it.
 */
export function toProblem(error: unknown): { problem: ProblemDetails; serverFault: boolean } {
  if (error instanceof ProblemException) {
    return { problem: problem(error.statusCode, error.code, error.detail, { title: error.title, ...error.extensions }), serverFault: false };
  }
  if (error instanceof DomainRefusal || isDomainError(error)) return { problem: fromDomainError(error), serverFault: false };
  if (error instanceof ConcurrencyConflict || error instanceof WrongExpectedRevision) {
    return {
      problem: problem(409, 'CONCURRENCY_CONFLICT', 'Someone else changed this record at the same time; nothing was written. Send the command again.'),
      serverFault: false,
    };
  }
  if (error instanceof EventIdConflict) {
    return { problem: problem(409, 'CONCURRENCY_CONFLICT', 'This event was already recorded with different content.'), serverFault: false };
  }
  if (error instanceof InvalidEvent) {
    return { problem: problem(422, 'INVALID_EVENT', `The event store refused the change: ${error.field}: ${error.reason}`), serverFault: false };
  }
  if (error instanceof StoreUnavailable) {
    return { problem: problem(503, 'STORE_UNAVAILABLE', 'The event store is not reachable; try again shortly.'), serverFault: true };
  }
  if (error instanceof LedgerError) {
    const status = LEDGER_STATUS[error.code];
    if (status) return { problem: problem(status, error.code, error.message), serverFault: false };
    return { problem: problem(500, 'INTERNAL_ERROR', 'Something went wrong on our side.'), serverFault: true };
  }
  if (isMissingLedgerTable(error)) {
    // The checkpointer has not run yet, so its tables do not exist: nothing is checkpointed.
    return { problem: problem(409, 'LEDGER_NOT_CHECKPOINTED', 'No checkpoint has been signed yet.'), serverFault: false };
  }
  if (error instanceof ThrottlerException) {
    return { problem: problem(429, 'RATE_LIMITED', 'Too many requests from this address; wait a minute and try again.'), serverFault: false };
  }
  if (error instanceof HttpException) {
    const cause = error.cause as { code?: unknown } | undefined;
    const fastify = typeof cause?.code === 'string' ? FASTIFY_CODES[cause.code] : undefined;
    if (fastify) return { problem: problem(fastify.status, fastify.code, fastify.detail), serverFault: false };
    const status = error.getStatus();
    if (status >= 500) return { problem: problem(500, 'INTERNAL_ERROR', 'Something went wrong on our side.'), serverFault: true };
    return { problem: problem(status, httpCode(status), status === 404 ? 'No such resource.' : (TITLES[status] ?? 'Request refused.')), serverFault: false };
  }
  return { problem: problem(500, 'INTERNAL_ERROR', 'Something went wrong on our side.'), serverFault: true };
}

function httpCode(status: number): string {
  switch (status) {
    case 400:
      return 'MALFORMED_REQUEST';
    case 401:
      return 'UNAUTHENTICATED';
    case 403:
      return 'FORBIDDEN';
    case 404:
      return 'NOT_FOUND';
    case 405:
      return 'METHOD_NOT_ALLOWED';
    case 413:
      return 'BODY_TOO_LARGE';
    case 415:
      return 'UNSUPPORTED_MEDIA_TYPE';
    case 429:
      return 'RATE_LIMITED';
    default:
      return `HTTP_${status}`;
  }
}
