import { uniqueCites } from './fairness-checks';

describe('uniqueCites', () => {
  it('given cites out of order, repeated and missing, then each event once in log order, as copies', () => {
    const a = { position: 7, hash: 'h7' };
    const given = [a, null, { position: 2, hash: 'h2' }, undefined, { position: 7, hash: 'h7' }, { position: 5, hash: 'h5' }, { position: 2, hash: 'h2' }];
    const cites = uniqueCites(given);
    expect(cites).toEqual([
      { position: 2, hash: 'h2' },
      { position: 5, hash: 'h5' },
      { position: 7, hash: 'h7' },
    ]);
    expect(cites).not.toContain(a);
    expect(uniqueCites([])).toEqual([]);
  });
});
