/** Apply transactions sized from the last one's time, so the panel's readers never wait long. */
import { describe, expect, it } from 'vitest';
import { ApplySlices, MAX_ROWS, MIN_ROWS, TARGET_MS } from '@/lib/sync/client/apply-slices';

describe('ApplySlices', () => {
  it('starts at a whole page and shrinks toward the target time, at most halving each time', () => {
    const slices = new ApplySlices();
    expect(slices.sizeFor(true)).toBe(MAX_ROWS);
    slices.took(1000, 400); // 2.5 rows/ms: 100 rows would take the target's 40 ms
    expect(slices.sizeFor(true)).toBe(500);
    slices.took(500, 200);
    expect(slices.sizeFor(true)).toBe(250);
    slices.took(250, 100);
    expect(slices.sizeFor(true)).toBe(125); // aimed at 100, but no more than halved
    slices.took(125, 50);
    expect(slices.sizeFor(true)).toBe(2.5 * TARGET_MS);
  });

  it('grows back when transactions get quick, at most doubling, never past a page', () => {
    const slices = new ApplySlices();
    for (let i = 0; i < 5; i += 1) slices.took(slices.sizeFor(true), 1_000);
    expect(slices.sizeFor(true)).toBe(MIN_ROWS);
    slices.took(MIN_ROWS, 1);
    expect(slices.sizeFor(true)).toBe(2 * MIN_ROWS);
    for (let i = 0; i < 10; i += 1) slices.took(slices.sizeFor(true), 1);
    expect(slices.sizeFor(true)).toBe(MAX_ROWS);
  });

  it('learns nothing from a page’s short tail', () => {
    const slices = new ApplySlices();
    slices.took(10, 400);
    expect(slices.sizeFor(true)).toBe(MAX_ROWS);
  });

  it('gives a whole page when no reader is open, and the learnt size again when one opens', () => {
    const slices = new ApplySlices();
    slices.took(1000, 400);
    slices.took(500, 200);
    expect(slices.sizeFor(true)).toBe(250);
    expect(slices.sizeFor(false)).toBe(MAX_ROWS);
    slices.took(MAX_ROWS, 400); // a whole page still teaches the rate: 100 rows in 40 ms
    expect(slices.sizeFor(true)).toBe(125); // no more than halved
    expect(slices.sizeFor(false)).toBe(MAX_ROWS);
  });
});
