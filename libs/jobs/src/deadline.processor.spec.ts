import type { CommandBus } from '@nestjs/cqrs';
import { UnrecoverableError } from 'bullmq';
import { CloseVotingCommand, DomainRefusal, MarkDeadlineMissedCommand } from '@vinhdanh/application';
import { DomainError } from '@vinhdanh/domain';
import { DeadlineNotYetDue, deadlineProcessor } from './deadline.processor';
import type { DeadlineJobData } from './job-data';

const NOW = new Date('2026-11-01T00:00:00Z');
const job = (data: DeadlineJobData) => ({ id: 'deadline.voting.n-1.2026-10-31T165959.000Z', name: data.action, data });
const closeVoting: DeadlineJobData = { action: 'close-voting', nominationId: 'n-1', sessionId: 's-1', dueAt: '2026-10-31T16:59:59Z' };

function busAnswering(answer: (command: unknown) => unknown) {
  const sent: unknown[] = [];
  const bus = {
    execute: async (command: unknown) => {
      sent.push(command);
      return answer(command);
    },
  } as unknown as CommandBus;
  return { bus, sent };
}
const refusing = (code: string) => () => {
  throw new DomainRefusal(new DomainError(code, 'refused'));
};

describe('deadlineProcessor', () => {
  it('sends the command as the system scheduler, keyed by the job id, on the clock of the worker', async () => {
    const { bus, sent } = busAnswering(() => ({ positions: [7, 8], replayed: false }));
    const outcome = await deadlineProcessor({ bus, clock: () => NOW })(job(closeVoting));
    expect(outcome).toEqual({ outcome: 'applied', positions: [7, 8], replayed: false });
    expect(sent).toHaveLength(1);
    const command = sent[0] as CloseVotingCommand;
    expect(command).toBeInstanceOf(CloseVotingCommand);
    expect(command.data).toEqual({ nominationId: 'n-1', sessionId: 's-1' });
    expect(command.metadata).toMatchObject({
      actor: { id: 'system:scheduler', roles: ['system'] },
      now: NOW.toISOString(),
      idempotencyKey: 'deadline.voting.n-1.2026-10-31T165959.000Z',
    });
  });

  it('maps each deadline to its command', async () => {
    const { bus, sent } = busAnswering(() => ({ positions: [], replayed: false }));
    await deadlineProcessor({ bus })(job({ action: 'mark-deadline-missed', nominationId: 'n-1', deadline: 'evaluation', dueAt: '2026-08-31T16:59:59Z' }));
    expect(sent[0]).toBeInstanceOf(MarkDeadlineMissedCommand);
    expect((sent[0] as MarkDeadlineMissedCommand).data).toEqual({ nominationId: 'n-1', deadline: 'evaluation' });
  });

  it('counts a step already done as done', async () => {
    for (const code of ['VOTING_CLOSED', 'ALREADY_MARKED', 'NOTHING_OUTSTANDING']) {
      const { bus } = busAnswering(refusing(code));
      await expect(deadlineProcessor({ bus })(job(closeVoting))).resolves.toEqual({ outcome: 'already-done', code });
    }
  });

  it('retries a deadline the rules do not see as passed yet, and fails at once on any other refusal', async () => {
    await expect(deadlineProcessor({ bus: busAnswering(refusing('DEADLINE_NOT_PASSED')).bus })(job(closeVoting))).rejects.toBeInstanceOf(DeadlineNotYetDue);
    await expect(deadlineProcessor({ bus: busAnswering(refusing('FORBIDDEN_ROLE')).bus })(job(closeVoting))).rejects.toBeInstanceOf(UnrecoverableError);
    const outage = new Error('store unavailable');
    await expect(deadlineProcessor({ bus: busAnswering(() => Promise.reject(outage)).bus })(job(closeVoting))).rejects.toBe(outage);
  });
});
