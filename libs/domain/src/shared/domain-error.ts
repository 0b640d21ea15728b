/**
 * A rule refused a command. `code` is stable (clients and tests match on it); `message` is
 * for a clerk to read. Never put a secret ballot's choice in either.
 */
export class DomainError {
  readonly kind = 'DomainError' as const;
  constructor(
    readonly code: string,
    readonly message: string,
    readonly details: Record<string, string | number | boolean> = {},
  ) {}
}

export function isDomainError(value: unknown): value is DomainError {
  return value instanceof DomainError;
}
