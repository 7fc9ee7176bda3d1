import { z } from 'zod';

/** How far ahead of this clock a record's own time may be: clocks drift, files are crafted. */
export const MAX_FUTURE_MS = 24 * 60 * 60 * 1000;

/**
 * When something was recorded or happened (created, changed, deleted, done, an interaction):
 * never more than a day ahead of now. A crafted backup or another browser's broken clock must
 * not plant a contact "changed in 2099" that wins every merge and tops every "recent" list.
 * Due dates and expected close dates are plans, not records, and use a plain number.
 */
export const RecordedAt = z
  .number()
  .int()
  .nonnegative()
  .refine((at) => at <= Date.now() + MAX_FUTURE_MS, 'A time more than a day in the future');
