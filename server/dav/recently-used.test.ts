import { describe, expect, it } from 'vitest';
import { RecentlyUsed } from './recently-used';

describe('RecentlyUsed', () => {
  it('drops the least recently used first, and moves a read entry only after a quarter turn', () => {
    const kept = new RecentlyUsed<number, string>(8);
    for (let key = 0; key < 8; key++) kept.set(key, `v${key}`);
    // Read right after it was put: 0 was put 8 insertions ago (> 8 / 4), so it moves; 7 was just put, so it stays where it is.
    expect(kept.get(0)).toBe('v0');
    expect(kept.get(7)).toBe('v7');
    kept.set(8, 'v8');
    kept.set(9, 'v9');
    expect(kept.size).toBe(8);
    expect([0, 1, 2, 3].map((key) => kept.get(key))).toEqual(['v0', undefined, undefined, 'v3']);
  });

  it('never holds more than its capacity, and a new value for a key replaces the old', () => {
    const kept = new RecentlyUsed<string, number>(100);
    for (let n = 0; n < 1_000; n++) {
      kept.set(`k${n % 150}`, n);
      if (n % 3 === 0) kept.get(`k${(n * 7) % 150}`);
      expect(kept.size).toBeLessThanOrEqual(100);
    }
    expect(kept.get('k99')).toBe(999);
  });
});
