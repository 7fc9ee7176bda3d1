import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  HLC_LENGTH,
  HlcAheadError,
  HlcStamp,
  MAX_COUNTER,
  compareHlc,
  formatHlc,
  initialHlc,
  isHlc,
  parseHlc,
  randomNodeId,
  receiveHlc,
  sendHlc,
} from '@/lib/sync/shared/hlc';

const NODE = '9f2c41d07a11b3e5';
const T = Date.UTC(2026, 10, 22, 10, 4, 5, 123);

describe('HLC stamps', () => {
  it('prints the documented fixed-width form and parses it back', () => {
    const stamp = formatHlc({ millis: T, counter: 3, node: NODE });
    expect(stamp).toBe('2026-11-22T10:04:05.123Z-0003-9f2c41d07a11b3e5');
    expect(stamp).toHaveLength(HLC_LENGTH);
    expect(parseHlc(stamp)).toEqual({ millis: T, counter: 3, node: NODE });
  });

  it('rejects malformed and impossible stamps', () => {
    for (const bad of [
      '',
      '2026-11-22T10:04:05.123Z-0003-9f2c41d07a11b3e',
      '2026-11-22T10:04:05.123Z-0003-9F2C41D07A11B3E5',
      '2026-11-22T10:04:05Z-0003-9f2c41d07a11b3e5',
      '2026-02-30T10:04:05.123Z-0003-9f2c41d07a11b3e5',
      '2026-11-22T25:04:05.123Z-0003-9f2c41d07a11b3e5',
      "2026-11-22T10:04:05.123Z-0003-9f2c41d07a11b3e5' OR 1=1",
      '2026-02-29T00:00:00.000Z-0000-0000000000000000',
      '2100-02-29T00:00:00.000Z-0000-0000000000000000',
      '2026-13-01T00:00:00.000Z-0000-0000000000000000',
      '2026-11-22T10:60:05.123Z-0003-9f2c41d07a11b3e5',
    ]) {
      expect(isHlc(bad), bad).toBe(false);
      expect(HlcStamp.safeParse(bad).success, bad).toBe(false);
    }
  });

  it('accepts real leap days', () => {
    expect(isHlc('2028-02-29T23:59:59.999Z-ffff-0000000000000000')).toBe(true);
    expect(isHlc('2000-02-29T00:00:00.000Z-0000-0000000000000000')).toBe(true);
  });

  it('sorts as strings exactly as it sorts by (time, counter, node)', () => {
    const state = fc.record({ millis: fc.integer({ min: 0, max: 4_102_444_800_000 }), counter: fc.integer({ min: 0, max: MAX_COUNTER }), node: fc.stringMatching(/^[0-9a-f]{16}$/) });
    fc.assert(
      fc.property(state, state, (a, b) => {
        const byParts = a.millis - b.millis || a.counter - b.counter || (a.node < b.node ? -1 : a.node > b.node ? 1 : 0);
        expect(compareHlc(formatHlc(a), formatHlc(b))).toBe(Math.sign(byParts));
      }),
    );
  });
});

describe('HLC clock', () => {
  it('never goes backwards, even when the wall clock does', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: T - 10_000, max: T + 10_000 }), { minLength: 1, maxLength: 200 }), (walls) => {
        let state = initialHlc(NODE);
        let last = '';
        for (const wall of walls) {
          const next = sendHlc(state, wall);
          expect(next.stamp > last).toBe(true);
          last = next.stamp;
          state = next.state;
        }
      }),
    );
  });

  it('borrows the next millisecond instead of overflowing the counter', () => {
    const state = { millis: T, counter: MAX_COUNTER, node: NODE };
    const next = sendHlc(state, T);
    expect(next.state).toEqual({ millis: T + 1, counter: 0, node: NODE });
  });

  it('sends after anything it has received', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 120_000 }), fc.integer({ min: 0, max: 1000 }), fc.integer({ min: -5000, max: 5000 }), (ahead, counter, skew) => {
        const remote = formatHlc({ millis: T + ahead, counter, node: 'ffffffffffffffff' });
        const local = receiveHlc(initialHlc(NODE), remote, T + skew);
        expect(sendHlc(local, T + skew).stamp > remote).toBe(true);
      }),
    );
  });

  it('refuses a remote stamp too far ahead when asked to', () => {
    const remote = formatHlc({ millis: T + 120_000, counter: 0, node: NODE });
    expect(() => receiveHlc(initialHlc(NODE), remote, T, 60_000)).toThrow(HlcAheadError);
  });

  it('makes random 16-hex node ids', () => {
    const id = randomNodeId();
    expect(id).toMatch(/^[0-9a-f]{16}$/);
    expect(randomNodeId()).not.toBe(id);
  });
});
