/**
 * BullMQ waits for Redis to come back before it answers, however long that takes. Where a
 * caller must not hang (the scheduler's batch, a CLI, shutdown), the wait is bounded; the
 * abandoned call may still complete later, which the deterministic job ids make harmless.
 */
export async function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      work,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what}: no answer from Redis within ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
