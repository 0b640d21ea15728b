/** Who acts, when, and under which request: every command carries it, every event keeps it. */
export interface CommandMetadata {
  actor: { id: string; roles: string[]; unit?: string };
  /** ISO-8601 instant: the command's clock, never Date.now() inside the domain. */
  now: string;
  correlationId: string;
  causationId?: string;
  idempotencyKey?: string;
}
