import { z } from 'zod';

/**
 * A keep-in-touch cadence (issue 22): "every N days". It is a field of the row it applies to, so
 * it syncs with that row: `cadenceDays` on a saved segment (every member) and on a contact (that
 * person alone). Per-tier defaults are a browser setting (lib/settings/cadence-settings.ts).
 * A year is the longest rhythm anyone keeps in touch on; a day the shortest.
 */
export const MAX_CADENCE_DAYS = 365;
export const CadenceDays = z
  .number()
  .int('Whole days only.')
  .min(1, 'At least every day.')
  .max(MAX_CADENCE_DAYS, `At most every ${MAX_CADENCE_DAYS} days.`);
export type CadenceDays = z.infer<typeof CadenceDays>;
