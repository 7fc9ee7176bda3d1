/**
 * What the analytics page says about currencies, from the last recompute's state. Pure. Every
 * amount on the page is in the home currency; deals in a currency without a rate were left out,
 * and the page says so only when that happened.
 */
import { homeCurrencyOf, type ValuesState } from '@/lib/db/values';
import { leftOutCount } from '@/lib/value/currency';

export interface CurrencyNote {
  /** "Amounts are in EUR; deals in GBP, USD are converted with your exchange rates." */
  info: string;
  /** Set only when won deals were left out for want of a rate. */
  warning?: string;
}

const plural = (count: number, one: string, many: string) => `${count.toLocaleString()} ${count === 1 ? one : many}`;

export function currencyNote(state: Pick<ValuesState, 'currencies' | 'homeCurrency' | 'unconverted'>): CurrencyNote {
  const home = homeCurrencyOf(state);
  const unconverted = state.unconverted ?? {};
  const converted = Object.keys(state.currencies)
    .filter((code) => code !== home && !(unconverted[code]! > 0))
    .sort();
  const info =
    converted.length === 0
      ? `Amounts are in ${home}.`
      : `Amounts are in ${home}; deals in ${converted.join(', ')} are converted with your exchange rates.`;
  const leftOut = leftOutCount(unconverted);
  if (leftOut === 0) return { info };
  const codes = Object.keys(unconverted)
    .filter((code) => unconverted[code]! > 0)
    .sort();
  return {
    info,
    warning:
      `${plural(leftOut, 'won deal', 'won deals')} in ${codes.length === 1 ? 'a currency' : 'currencies'} without an exchange rate ` +
      `(${codes.join(', ')}) ${leftOut === 1 ? 'was' : 'were'} left out; add ${codes.length === 1 ? 'its rate' : 'their rates'} ` +
      `under Value model options to count ${leftOut === 1 ? 'it' : 'them'}.`,
  };
}
