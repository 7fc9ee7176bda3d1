import { z } from 'zod';
import { OwnerId, ValueTier } from './activity';
import { CadenceDays } from './cadence';
import { LifecycleStage } from './contact';
import { RecordedAt } from './timestamps';

/**
 * A saved segment (issue 22): a named rule over what the product knows about a contact. The rule
 * is a list of conditions that must all hold (AND); an empty rule is every contact. The model is
 * here, beside the other synced rows, because segments sync (lib/sync/shared/tables.ts) and the
 * server checks pushed fields against it; lib/segments evaluates rules and plans their reading.
 */

/** "Touches in N days" counts the touches lib/db keeps per contact, which cover 90 days. */
export const MAX_TOUCH_WINDOW_DAYS = 90;
/** Days back a "contacted within N days" condition may reach: ten years. */
export const MAX_DAYS_BACK = 3_650;

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'A date as YYYY-MM-DD');
const Days = z.number().int().min(1).max(MAX_DAYS_BACK);
const Text = z.string().trim().min(1, 'Type a value.').max(300);
/** Money in integer minor units (cents), as deals store it. */
const MinorUnits = z.number().int().nonnegative();
const Bound = z.enum(['at-least', 'at-most']);

export const SegmentCondition = z.discriminatedUnion('field', [
  z.object({ field: z.literal('tier'), op: z.enum(['is', 'is-not']), value: ValueTier }),
  z.object({ field: z.literal('stage'), op: z.enum(['is', 'is-not']), value: LifecycleStage }),
  z.object({ field: z.literal('pipelineStage'), op: z.enum(['is', 'is-not']), value: z.string().min(1).max(80) }),
  z.object({ field: z.literal('tag'), op: z.enum(['has', 'lacks']), value: z.string().min(1).max(80) }),
  /** An owner's user id, or UNASSIGNED (lib/model/ownership.ts) for contacts nobody owns. */
  z.object({ field: z.literal('owner'), op: z.enum(['is', 'is-not']), value: OwnerId }),
  z.object({ field: z.literal('company'), op: z.enum(['is', 'contains']), value: Text }),
  z.object({ field: z.literal('location'), op: z.enum(['is', 'contains']), value: Text }),
  /** Contacted within / not within the last N days (never contacted is "not within"). */
  z.object({ field: z.literal('lastContacted'), op: z.enum(['within', 'not-within']), days: Days }),
  /** Last contacted before a day, or after it (the day itself excluded); never contacted is neither. */
  z.object({ field: z.literal('lastContactedDay'), op: z.enum(['before', 'after']), day: Day }),
  z.object({
    field: z.literal('touches'),
    op: Bound,
    count: z.number().int().min(0).max(10_000),
    days: z.number().int().min(1).max(MAX_TOUCH_WINDOW_DAYS),
  }),
  z.object({ field: z.literal('openDealValue'), op: Bound, amount: MinorUnits }),
  z.object({ field: z.literal('wonValue'), op: Bound, amount: MinorUnits }),
  /** Probability the customer is still active (lib/value), 0–1; contacts without one never match. */
  z.object({ field: z.literal('pAlive'), op: Bound, value: z.number().min(0).max(1) }),
  /** Predicted value (the CLV of lib/value, in major units); contacts without one never match. */
  z.object({ field: z.literal('predictedValue'), op: Bound, value: z.number().nonnegative() }),
  z.object({ field: z.literal('email'), op: z.enum(['has', 'lacks']) }),
  z.object({ field: z.literal('phone'), op: z.enum(['has', 'lacks']) }),
]);
export type SegmentCondition = z.infer<typeof SegmentCondition>;
export type SegmentField = SegmentCondition['field'];

/** Conditions that must all hold. Twenty is more than anyone builds by hand. */
export const SegmentRule = z.array(SegmentCondition).max(20, 'A segment has at most 20 conditions.');
export type SegmentRule = z.infer<typeof SegmentRule>;

export const Segment = z.object({
  id: z.string().min(1),
  name: z.string().trim().min(1, 'Give the segment a name.').max(120, 'Keep the name under 120 characters.'),
  rule: SegmentRule,
  /** Keep in touch with every member this often (lib/cadences); absent: no cadence. */
  cadenceDays: CadenceDays.optional(),
  createdAt: RecordedAt,
  updatedAt: RecordedAt,
});
export type Segment = z.infer<typeof Segment>;
