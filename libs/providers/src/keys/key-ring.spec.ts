import { KeyRing } from './key-ring';
import { keyLabel, splitKeys } from './provider-keys';

describe('splitKeys and keyLabel', () => {
  it('reads a comma list, trimmed, each key once', () => {
    expect(splitKeys(' sk-a , sk-b,,sk-a ')).toEqual(['sk-a', 'sk-b']);
    expect(splitKeys(undefined)).toEqual([]);
  });

  it('shows a position and at most a quarter of the key', () => {
    expect(keyLabel('sk-proj-abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGH', 1)).toBe('#2 sk-proj-abcd…');
    expect(keyLabel('short-key-12', 0)).toBe('#1 sho…');
  });
});

describe('KeyRing', () => {
  let now = 0;
  const ring = () => new KeyRing('openai', ['sk-aaaa1111', 'sk-bbbb2222', 'sk-cccc3333'], { cooldownMs: 1_000, now: () => now });
  beforeEach(() => (now = 10_000));

  it('uses the keys in turn', () => {
    const keys = ring();
    expect([keys.pick(), keys.pick(), keys.pick(), keys.pick()]).toEqual([0, 1, 2, 0]);
    expect(keys.snapshot().map((key) => key.calls)).toEqual([2, 1, 1]);
  });

  it('skips a rejected key for the cooldown, then takes it back', () => {
    const keys = ring();
    expect(keys.reject(1, 'authentication_error: bad key')).toBe('#2 sk…');
    expect([keys.pick(), keys.pick(), keys.pick()]).toEqual([0, 2, 0]);
    expect(keys.inRotation()).toBe(2);
    expect(keys.snapshot()[1]).toMatchObject({ inRotation: false, rejections: 1, lastRejection: 'authentication_error: bad key', rejectedUntil: new Date(11_000).toISOString() });
    now = 11_000;
    expect(keys.inRotation()).toBe(3);
    expect([keys.pick(), keys.pick()]).toEqual([1, 2]);
  });

  it('when every key sits out, still tries the one coming back first, never one already tried', () => {
    const keys = ring();
    keys.reject(0, 'x');
    now += 100;
    keys.reject(2, 'x');
    now += 100;
    keys.reject(1, 'x');
    expect(keys.pick()).toBe(0);
    expect(keys.pick(new Set([0]))).toBe(2);
    expect(keys.pick(new Set([0, 1, 2]))).toBeUndefined();
  });
});
