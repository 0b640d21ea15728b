/**
 * A clock for the demo season: it runs at the wall clock's pace, and the demo may move it
 * forward (never back) to skip the idle weeks between steps. Deadline jobs are scheduled with
 * delays measured on this clock, so a job planned after the last jump fires on time; a job
 * planned before a jump fires late, never early — the rules it asks are then all the more due.
 */
export class DemoClock {
  private offsetMs: number;

  constructor(start: Date = new Date(), private readonly wall: () => number = Date.now) {
    this.offsetMs = start.getTime() - wall();
  }

  now(): Date {
    return new Date(this.wall() + this.offsetMs);
  }

  iso(): string {
    return this.now().toISOString();
  }

  /** Moves the clock to `instant` if it lies ahead; returns the time it now shows. */
  advanceTo(instant: Date): Date {
    const ahead = instant.getTime() - this.now().getTime();
    if (ahead > 0) this.offsetMs += ahead;
    return this.now();
  }
}
