import { createHash } from 'node:crypto';
import { canonicalJson } from '@vinhdanh/ledger';
import { workflowBackends, type WorkflowBackend } from '../testing/workflow-backends';
import { PersonalDataStore } from './personal-data.store';

describe.each(['sqlite', 'postgres'] as const)('PersonalDataStore (%s)', (kind) => {
  let backend: WorkflowBackend;
  let store: PersonalDataStore;

  beforeAll(async () => {
    backend = await workflowBackends[kind]();
    store = await PersonalDataStore.open(backend.sql);
  });

  afterAll(async () => {
    await backend?.cleanup();
  });

  it('commits to the data with a fresh salt, so equal data gives unequal commitments', async () => {
    const data = { name: 'Lê Văn C', contact: '0900 000 000' };
    const a = await store.record('objection:n-1:o-1', data);
    const b = await store.record('objection:n-1:o-2', data);
    expect(a.commitment).toMatch(/^[0-9a-f]{64}$/);
    expect(a.commitment).not.toBe(b.commitment);
    expect(a.ref).not.toBe(b.ref);
    // Without the salt, the commitment is not the plain hash of the data: a guess cannot be tested.
    expect(a.commitment).not.toBe(createHash('sha256').update(canonicalJson(data)).digest('hex'));
    expect(await store.matches(a.ref, a.commitment)).toBe(true);
    expect(await store.matches(a.ref, b.commitment)).toBe(false);
  });

  it('erases the data with its salt', async () => {
    const { ref, commitment } = await store.record('objection:n-2:o-1', { name: 'Phạm D' });
    expect(await store.get(ref)).toEqual({ ref, purpose: 'objection:n-2:o-1', data: { name: 'Phạm D' } });
    expect(await store.erase(ref)).toBe(true);
    expect(await store.erase(ref)).toBe(false);
    expect(await store.get(ref)).toBeNull();
    expect(await store.matches(ref, commitment)).toBe(false);
  });
});
