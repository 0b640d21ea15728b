import { ConcurrencyConflict } from './kernel';
import { AddCouncilMemberCommand, ConstituteCouncilCommand } from './index';
import { createWorkflow, type Workflow } from './create-workflow';
import { GatedStore } from './testing/gated-store';
import { workflowBackends, type WorkflowBackend } from './testing/workflow-backends';
import { ACTORS, MEMBERS, meta, readLog } from './testing/workflow-fixtures';

const newcomer = (n: number) => ({ memberId: `new-${n}`, name: `Newcomer ${n}`, councilRole: 'member' as const, unitId: `u-${n}` });

describe('createWorkflow (sqlite): the module without an HTTP app, and its bounded retries', () => {
  let backend: WorkflowBackend;
  let gated: GatedStore;
  const workflows: Workflow[] = [];

  beforeAll(async () => {
    backend = await workflowBackends.sqlite();
    gated = new GatedStore(backend.store);
  });

  afterAll(async () => {
    for (const w of workflows) await w.close();
    await backend?.cleanup();
  });

  async function open(maxAttempts: number): Promise<Workflow> {
    const w = await createWorkflow({ store: gated.store, sql: backend.sql, maxAttempts });
    workflows.push(w);
    return w;
  }

  it('retries a lost race and applies both of two concurrent changes', async () => {
    const w = await open(5);
    await w.commandBus.execute(new ConstituteCouncilCommand({ councilId: 'cw', name: 'Council', members: MEMBERS }, meta(ACTORS.admin, '2026-01-05T02:00:00Z')));
    const lost = gated.lostRaces;
    gated.holdNext(2);
    const [a, b] = await Promise.all(
      [1, 2].map((n) => w.commandBus.execute(new AddCouncilMemberCommand({ councilId: 'cw', member: newcomer(n) }, meta(ACTORS.admin, '2026-01-06T02:00:00Z')))),
    );
    expect(gated.lostRaces).toBe(lost + 1);
    expect([a.revision, b.revision].sort()).toEqual([1, 2]);
  });

  it('with one attempt only, the loser gets a ConcurrencyConflict and writes nothing', async () => {
    const w = await open(1);
    gated.holdNext(2);
    const results = await Promise.allSettled(
      [3, 4].map((n) => w.commandBus.execute(new AddCouncilMemberCommand({ councilId: 'cw', member: newcomer(n) }, meta(ACTORS.admin, '2026-01-07T02:00:00Z')))),
    );
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(failed).toHaveLength(1);
    expect(failed[0].reason).toBeInstanceOf(ConcurrencyConflict);
    expect(failed[0].reason).toMatchObject({ code: 'CONCURRENCY_CONFLICT', streamId: 'council-cw', attempts: 1 });
    const added = (await readLog(backend)).filter((e) => e.type === 'MemberAdded');
    expect(added).toHaveLength(3);
  });
});
