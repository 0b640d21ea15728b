import { InvalidEvent } from '../errors';
import { StreamNames } from './stream-names';

describe('StreamNames', () => {
  const names = new StreamNames('vd-test');

  it('puts domain streams, the log and the claims in separate namespaces under the prefix', () => {
    expect(names.domain('nomination-1')).toBe('vd-test:nomination-1');
    expect(names.log).toBe('vd-test~log');
    expect(names.claim('A1B2C3D4-0000-4000-8000-000000000000')).toBe('vd-test~id~a1b2c3d4-0000-4000-8000-000000000000');
  });

  it('reads the streamId back from a domain stream name and from nothing else', () => {
    expect(names.streamIdOf('vd-test:nomination-1')).toBe('nomination-1');
    expect(names.streamIdOf('vd-test:a:b')).toBe('a:b');
    expect(names.streamIdOf('vd-test~log')).toBeUndefined();
    expect(names.streamIdOf('vd-test2:x')).toBeUndefined();
    expect(names.streamIdOf('$$vd-test:x')).toBeUndefined();
  });

  it('never lets a streamId reach the log or a claim stream', () => {
    for (const id of ['~log', '~id~x', '', ':', '$all']) {
      const name = names.domain(id);
      expect(name).not.toBe(names.log);
      expect(names.isClaim(name)).toBe(false);
      expect(names.streamIdOf(name)).toBe(id);
    }
  });

  it('refuses a prefix that could overlap another namespace or a system stream', () => {
    for (const bad of ['', '$vd', 'a:b', 'a~b', 'x'.repeat(65), 'sp ace']) {
      expect(() => new StreamNames(bad)).toThrow(InvalidEvent);
    }
  });
});
