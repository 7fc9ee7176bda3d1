import { NotFitted } from '@/components/tier/NotFitted';
import { notFittedNote } from '@/components/tier/not-fitted';
import type { ValuesState } from '@/lib/db';
import { currencyNote } from './currency-note';

/** How the page's values were computed: fitted or not, when, and in which currency. */
export function ModelStatus({ state }: { state: ValuesState | null }) {
  if (!state) return <p className="notice">Values have not been computed yet: they appear here a few seconds after the first won deal.</p>;
  const when = new Date(state.computedAt).toLocaleString();
  const currency = currencyNote(state);
  return (
    <section aria-label="Model status" className="notice">
      {state.fitted ? (
        <p>
          Value = spent so far + predicted value over the next {state.horizonWeeks} weeks (BG/NBD and Gamma-Gamma models fitted on{' '}
          {state.purchasers.toLocaleString()} customers; computed {when}).
        </p>
      ) : (
        <NotFitted note={notFittedNote(state.reason)} after={`Value = spent so far; computed ${when}.`} />
      )}
      <p>{currency.info}</p>
      {currency.warning ? <p className="warning">{currency.warning}</p> : null}
    </section>
  );
}
