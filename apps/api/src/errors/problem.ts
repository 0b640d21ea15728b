import { HttpException } from '@nestjs/common';

/** One thing wrong with the input: which field (a dotted path) and why. Never its value. */
export interface FieldProblem {
  field: string;
  reason: string;
}

/** RFC 9457 problem details, with a stable `code` clients match on. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance?: string;
  correlationId?: string;
  errors?: FieldProblem[];
  [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

export function problemType(code: string): string {
  return `urn:vinhdanh:problem:${code.toLowerCase().replace(/_/g, '-')}`;
}

/**
 * Thrown by the API's own code when it knows the status and code already (validation,
 * idempotency, auth); the global filter renders it as it is.
 */
export class ProblemException extends HttpException {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    readonly title: string,
    readonly detail: string,
    readonly extensions: { errors?: FieldProblem[]; [key: string]: unknown } = {},
  ) {
    super(detail, statusCode);
    this.name = 'ProblemException';
  }
}
