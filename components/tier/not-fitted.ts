/**
 * What the Value section and the analytics page say when the value model is not fitted, in the
 * user's words. The model's own diagnostic (for example "BG/NBD alpha = 3.21e+8 is at a boundary")
 * is kept for a Details disclosure, not the main line. Pure.
 */
import { MIN_REPEAT_CUSTOMERS } from '@/lib/value/model';

export const NOT_FITTED_SUMMARY = 'Not enough repeat purchases yet to predict future value — ranked by what they bought and how recently.';

/**
 * What would make predictions work. The number is the model's own threshold for attempting a
 * fit; past it a fit can still fail on irregular data, hence "about" and "sometimes more".
 */
export const NOT_FITTED_FIX = `Predictions need about ${MIN_REPEAT_CUSTOMERS} customers with two or more purchases, sometimes more.`;

export interface NotFittedNote {
  /** The plain-words line: what happened and what would fix it. */
  text: string;
  /** The model's diagnostic as a sentence, for Details; null when the recompute gave none. */
  details: string | null;
}

export function notFittedNote(reason: string | undefined): NotFittedNote {
  const details = reason ? `${reason[0]!.toUpperCase()}${reason.slice(1)}${/[.!?]$/.test(reason) ? '' : '.'}` : null;
  return { text: `${NOT_FITTED_SUMMARY} ${NOT_FITTED_FIX}`, details };
}
