import type { JobLog } from '@vinhdanh/jobs';
import { loadWorkerConfig } from './worker-config';
import { lowerPriority } from './lower-priority';

function fakeOs(start: number, refuse = false) {
  const state = { nice: start };
  return {
    state,
    getPriority: () => state.nice,
    setPriority: (value: number) => {
      if (refuse) throw new Error('EACCES: permission denied');
      state.nice = value;
    },
  };
}

describe('the worker gives way to the API (WORKER_NICE)', () => {
  const lines: [string, string, unknown][] = [];
  const log: JobLog = (level, message, context) => lines.push([level, message, context]);
  beforeEach(() => (lines.length = 0));

  it('defaults to niceness 10 and accepts 0 to 19 only', () => {
    expect(loadWorkerConfig({}).nice).toBe(10);
    expect(loadWorkerConfig({ WORKER_NICE: '0' }).nice).toBe(0);
    expect(() => loadWorkerConfig({ WORKER_NICE: '-5' })).toThrow(/WORKER_NICE/);
    expect(() => loadWorkerConfig({ WORKER_NICE: '20' })).toThrow(/WORKER_NICE/);
  });

  it('given a worker at niceness 0, when started with 10, then it runs at 10 and says so', () => {
    const priorities = fakeOs(0);
    lowerPriority(10, log, priorities);
    expect(priorities.state.nice).toBe(10);
    expect(lines).toEqual([['info', expect.stringContaining('lower CPU priority'), { nice: 10 }]]);
  });

  it('given a worker an operator started at niceness 15, when started with 10, then it stays at 15', () => {
    const priorities = fakeOs(15);
    lowerPriority(10, log, priorities);
    expect(priorities.state.nice).toBe(15);
    expect(lines).toEqual([]);
  });

  it('given a system that refuses, then the worker runs on and warns with the reason', () => {
    const priorities = fakeOs(0, true);
    expect(() => lowerPriority(10, log, priorities)).not.toThrow();
    expect(priorities.state.nice).toBe(0);
    expect(lines).toEqual([['warn', expect.stringContaining('could not lower'), { nice: 10, current: 0, reason: 'EACCES: permission denied' }]]);
  });
});
