import { redactSecrets } from './redact';

describe('redactSecrets', () => {
  it('hides a ballot choice and contact details at any depth, and keeps the rest', () => {
    expect(redactSecrets({ sessionId: 's-1', choice: 'yes', filer: { name: 'A', contact: 'a@b.vn' }, list: [{ Choice: 'no' }] })).toEqual({
      sessionId: 's-1',
      choice: '[redacted]',
      filer: { name: 'A', contact: '[redacted]' },
      list: [{ Choice: '[redacted]' }],
    });
  });
});
