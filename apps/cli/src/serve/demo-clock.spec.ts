import { DemoClock } from './demo-clock';

describe('DemoClock', () => {
  it('runs at the wall clock\'s pace from where it starts', () => {
    let wall = 1_000_000;
    const clock = new DemoClock(new Date('2026-01-01T00:00:00Z'), () => wall);
    wall += 1_500;
    expect(clock.iso()).toBe('2026-01-01T00:00:01.500Z');
  });

  it('moves forward when told, and never back', () => {
    let wall = 0;
    const clock = new DemoClock(new Date('2026-01-01T00:00:00Z'), () => wall);
    expect(clock.advanceTo(new Date('2026-03-01T00:00:00Z')).toISOString()).toBe('2026-03-01T00:00:00.000Z');
    expect(clock.advanceTo(new Date('2026-02-01T00:00:00Z')).toISOString()).toBe('2026-03-01T00:00:00.000Z');
    wall += 60_000;
    expect(clock.iso()).toBe('2026-03-01T00:01:00.000Z');
  });
});
