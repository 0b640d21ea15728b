import type { JobLog } from '@vinhdanh/jobs';

export interface Supervised {
  stop(): Promise<void>;
}

/**
 * Keeps a log follower running: when its `done` rejects (the database went away, a batch
 * failed) it is started again from its own checkpoint after a pause that doubles up to 30 s.
 */
export function supervise(name: string, start: () => Promise<{ stop(): Promise<void>; readonly done: Promise<void> }>, log: JobLog): Supervised {
  let stopped = false;
  let current: { stop(): Promise<void> } | null = null;
  let wake: () => void = () => undefined;
  const loop = (async () => {
    let pause = 1_000;
    while (!stopped) {
      try {
        const running = await start();
        current = running;
        if (stopped) await running.stop();
        await running.done;
        pause = 1_000;
      } catch (error) {
        log('error', `${name} stopped; restarting from its checkpoint`, { error: error instanceof Error ? error.message : String(error), retryInMs: pause });
      }
      current = null;
      if (stopped) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, pause);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      pause = Math.min(pause * 2, 30_000);
    }
  })();
  return {
    async stop() {
      stopped = true;
      wake();
      await current?.stop();
      await loop;
    },
  };
}
