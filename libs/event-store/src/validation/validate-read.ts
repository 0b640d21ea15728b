/**
 * Read options come from code, not from users, so a bad one is a programming error: a
 * RangeError that names the option, rather than an empty result or a loop that never ends.
 */
export function validateReadOptions(options: { fromPosition?: number; toPosition?: number; fromRevision?: number; batchSize?: number }): void {
  for (const name of ['fromPosition', 'toPosition', 'fromRevision'] as const) {
    const value = options[name];
    if (value !== undefined && !(Number.isSafeInteger(value) && value >= 0)) {
      throw new RangeError(`${name} must be a whole number ≥ 0, got ${String(value)}`);
    }
  }
  const { batchSize } = options;
  if (batchSize !== undefined && !(Number.isSafeInteger(batchSize) && batchSize >= 1)) {
    throw new RangeError(`batchSize must be a whole number ≥ 1, got ${String(batchSize)}`);
  }
}
