import type { AppendResult, ExpectedRevision, NewEvent } from '../event';

/** One caller's append waiting for the next group commit. */
export interface AppendCall {
  streamId: string;
  events: NewEvent[];
  expected: ExpectedRevision;
  resolve(result: AppendResult): void;
  reject(error: unknown): void;
}
