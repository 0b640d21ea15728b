import fc from 'fast-check';
import { canonicalJson } from '../canonical-json';
import { fastCanonicalJson } from './fast-canonical';

describe('fastCanonicalJson', () => {
  it('equals the reference canonicalizer on arbitrary JSON values, including escapes, surrogates and unicode keys', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (value) => {
        expect(fastCanonicalJson(value)).toBe(canonicalJson(value));
      }),
      { numRuns: 2_000 },
    );
    fc.assert(
      fc.property(fc.dictionary(fc.string({ unit: 'binary' }), fc.oneof(fc.string({ unit: 'binary' }), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer())), (value) => {
        expect(fastCanonicalJson(value)).toBe(canonicalJson(value));
      }),
      { numRuns: 2_000 },
    );
  });

  it('matches the reference on the edge cases RFC 8785 names', () => {
    const cases: unknown[] = [
      { numbers: [Number('333333333.33333329'), 1e30, 4.5, 0.002, 1e-27, -0, 9007199254740991] },
      { '\u20ac': 'Euro Sign', '\r': 'Carriage Return', '\ufb33': 'Hebrew', '1': 'One', '\ud83d\ude00': 'Emoji', '\u0080': 'Control' },
      { lone: '\ud800', quote: '"', back: '\\', ctl: '\u0001', tiếng: 'Việt' },
      { skip: undefined, arr: [undefined, 1], date: new Date(0), nested: { z: 1, a: [{ y: null, b: true }] } },
    ];
    for (const value of cases) expect(fastCanonicalJson(value)).toBe(canonicalJson(value));
    expect(() => fastCanonicalJson({ x: Number.NaN })).toThrow();
    expect(() => fastCanonicalJson([Infinity])).toThrow();
  });
});
