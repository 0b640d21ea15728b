import { createHash } from 'node:crypto';
import type { ChainedEventFields } from '../hash-chain';
import { eventLeafHash } from './event-leaf';

const event: ChainedEventFields = {
  position: 7,
  streamId: 'nomination-42',
  revision: 2,
  eventId: '0b7e1d7a-1c1e-4c43-9a53-9d1f4f2f0a11',
  type: 'NominationApproved',
  data: { decisionNumber: '123/QĐ-UBND', approvedBy: 'chair' },
  metadata: { actor: 'chair', at: '2026-11-26T10:00:00.000Z' },
};

describe('eventLeafHash', () => {
  it('is SHA-256(0x00 ‖ RFC 8785 canonical event), keys sorted, as the offline verifier will recompute it', () => {
    const canonical =
      '{"data":{"approvedBy":"chair","decisionNumber":"123/QĐ-UBND"},"eventId":"0b7e1d7a-1c1e-4c43-9a53-9d1f4f2f0a11",' +
      '"metadata":{"actor":"chair","at":"2026-11-26T10:00:00.000Z"},"position":7,"revision":2,"stream":"nomination-42",' +
      '"type":"NominationApproved"}';
    const expected = createHash('sha256').update(Buffer.from([0])).update(canonical, 'utf8').digest();
    expect(eventLeafHash(event).equals(expected)).toBe(true);
  });

  it('changes when any committed field changes, and not when key order does', () => {
    const base = eventLeafHash(event);
    const variants: ChainedEventFields[] = [
      { ...event, position: 8 },
      { ...event, streamId: 'nomination-43' },
      { ...event, revision: 3 },
      { ...event, eventId: 'other' },
      { ...event, type: 'NominationRejected' },
      { ...event, data: { decisionNumber: '124/QĐ-UBND', approvedBy: 'chair' } },
      { ...event, metadata: { actor: 'someone-else', at: '2026-11-26T10:00:00.000Z' } },
    ];
    for (const v of variants) expect(eventLeafHash(v).equals(base)).toBe(false);
    const reordered = { ...event, data: { approvedBy: 'chair', decisionNumber: '123/QĐ-UBND' } };
    expect(eventLeafHash(reordered).equals(base)).toBe(true);
  });
});
