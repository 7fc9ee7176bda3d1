import { afterAll, beforeAll } from 'vitest';

/**
 * Pins the time zone for the calling test file: webmail shows local wall-clock times, so expected
 * dates are only fixed in a known zone. Restores the machine's zone afterwards.
 */
export function pinTimeZone(zone: string): void {
  let saved: string | undefined;
  beforeAll(() => {
    saved = process.env.TZ;
    process.env.TZ = zone;
  });
  afterAll(() => {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  });
}
