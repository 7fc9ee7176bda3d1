import { afterAll, beforeAll } from 'vitest';

/**
 * Runs the calling test file in `zone` (Node reads TZ at each date call), then restores the
 * zone it found: day arithmetic across daylight saving is only tested in a zone that has it.
 */
export function inTimeZone(zone: string): void {
  const previous = process.env.TZ;
  beforeAll(() => {
    process.env.TZ = zone;
  });
  afterAll(() => {
    if (previous === undefined) delete process.env.TZ;
    else process.env.TZ = previous;
  });
}
