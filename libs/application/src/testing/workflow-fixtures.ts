import { Test, type TestingModule } from '@nestjs/testing';
import { CommandBus } from '@nestjs/cqrs';
import type { AwardCatalog, CampaignSchedule, CommandMetadata, CouncilMember } from '@vinhdanh/domain';
import type { StoredEvent } from '@vinhdanh/event-store';
import { DomainRefusal, type AwardHistory } from '../kernel';
import { BallotBoxStore } from '../ballot-box/ballot-box.store';
import { PersonalDataStore } from '../personal-data/personal-data.store';
import { WorkflowModule } from '../workflow.module';
import { GatedStore } from './gated-store';
import { workflowBackends, type WorkflowBackend } from './workflow-backends';

/** Test data for the application specs: one campaign year (2026), a six-member council, actors. */

export const NOMINEE_UNIT = 'u-health';
export const MEMBERS: CouncilMember[] = [
  { memberId: 'm-1', name: 'Member One', councilRole: 'chair', unitId: 'u-ppc' },
  { memberId: 'm-2', name: 'Member Two', councilRole: 'vice_chair', unitId: 'u-a' },
  { memberId: 'm-3', name: 'Member Three', councilRole: 'secretary', unitId: 'u-b' },
  { memberId: 'm-4', name: 'Member Four', councilRole: 'member', unitId: 'u-c' },
  { memberId: 'm-5', name: 'Member Five', councilRole: 'member', unitId: NOMINEE_UNIT },
  { memberId: 'm-6', name: 'Member Six', councilRole: 'member', unitId: 'u-d' },
];

export type Actor = CommandMetadata['actor'];
export const ACTORS = {
  admin: { id: 'admin-1', roles: ['admin'] },
  officer: { id: 'officer-1', roles: ['unit_officer'], unit: NOMINEE_UNIT },
  eval1: { id: 'eval-1', roles: ['evaluator'], unit: 'u-board' },
  eval2: { id: 'eval-2', roles: ['evaluator'], unit: 'u-board' },
  secretary: { id: 'sec-1', roles: ['council_secretary'], unit: 'u-board' },
  approver: { id: 'chair-1', roles: ['approver'], unit: 'u-ppc' },
  publisher: { id: 'pub-1', roles: ['publisher'], unit: 'u-board' },
  citizen: { id: 'anonymous', roles: [] },
};
export const memberActor = (id: string): Actor => ({ id, roles: ['council_member'], unit: MEMBERS.find((m) => m.memberId === id)?.unitId });

export const SCHEDULE: CampaignSchedule = {
  pledgeDeadline: '2026-03-31T16:59:59Z',
  nominationDeadline: '2026-06-30T16:59:59Z',
  evaluationDeadline: '2026-08-31T16:59:59Z',
  noticeStart: '2026-09-01T00:00:00Z',
  noticeEnd: '2026-09-30T16:59:59Z',
  councilSessionAt: '2026-10-05T02:00:00Z',
  decisionDeadline: '2026-10-31T16:59:59Z',
  publicationDeadline: '2026-11-30T16:59:59Z',
};

let seq = 0;
export const meta = (actor: Actor, now: string, idempotencyKey?: string): CommandMetadata => ({
  actor,
  now,
  correlationId: `corr-${++seq}`,
  ...(idempotencyKey ? { idempotencyKey } : {}),
});

export async function readLog(backend: WorkflowBackend): Promise<StoredEvent[]> {
  const events: StoredEvent[] = [];
  for await (const e of backend.store.readAll()) events.push(e);
  return events;
}

/** Every key in a JSON value, at any depth. */
export function keysOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(keysOf);
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => [k, ...keysOf(v)]);
  return [];
}

export async function refusalOf(promise: Promise<unknown>): Promise<DomainRefusal> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof DomainRefusal)) throw new Error(`expected a DomainRefusal, got ${String(error)}`);
  return error;
}

export interface BootedWorkflow {
  backend: WorkflowBackend;
  gated: GatedStore;
  moduleRef: TestingModule;
  bus: CommandBus;
  box: BallotBoxStore;
  personalData: PersonalDataStore;
  close(): Promise<void>;
}

/** The WorkflowModule booted with @nestjs/testing over a fresh backend, its store behind a gate. */
export async function bootWorkflow(kind: 'sqlite' | 'postgres', catalog?: AwardCatalog, awardHistory?: AwardHistory): Promise<BootedWorkflow> {
  const backend = await workflowBackends[kind]();
  const gated = new GatedStore(backend.store);
  const moduleRef = await Test.createTestingModule({
    imports: [WorkflowModule.register({ store: gated.store, sql: backend.sql, catalog, awardHistory })],
  }).compile();
  await moduleRef.init();
  return {
    backend,
    gated,
    moduleRef,
    bus: moduleRef.get(CommandBus),
    box: moduleRef.get(BallotBoxStore),
    personalData: moduleRef.get(PersonalDataStore),
    async close() {
      await moduleRef.close();
      await backend.cleanup();
    },
  };
}
