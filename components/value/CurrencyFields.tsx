import { SettingField } from '@/components/ui/SettingField';
import type { ValueSettingsFormErrors } from '@/lib/settings';

/**
 * The currency part of the value model settings: the home currency every total is in, and the
 * exchange rates to it, one a line. `automaticHome` is the currency the last recompute used, so an
 * empty home currency says what it stands for.
 */
export function CurrencyFields(props: {
  formId: string;
  homeCurrency: string;
  rates: string;
  automaticHome: string | undefined;
  errors: ValueSettingsFormErrors;
  onChange: (field: 'homeCurrency' | 'rates', value: string) => void;
}) {
  const { formId, homeCurrency, rates, automaticHome, errors, onChange } = props;
  const home = homeCurrency.trim().toUpperCase() || automaticHome || 'the home currency';
  const ratesId = `${formId}-rates`;
  return (
    <fieldset className="currency-fields">
      <legend>Currencies</legend>
      <SettingField
        formId={formId}
        name="homeCurrency"
        label="Home currency (three-letter code)"
        hint={
          'Tiers and analytics add every amount up in this currency; each deal keeps its own. Leave empty to use the currency ' +
          `most won deals are in${automaticHome ? ` (now ${automaticHome})` : ''}.`
        }
        inputMode="text"
        value={homeCurrency}
        error={errors.homeCurrency}
        onChange={(value) => onChange('homeCurrency', value.toUpperCase())}
      />
      <div className="setting">
        <label htmlFor={ratesId}>Exchange rates (one a line)</label>
        <p id={`${ratesId}-hint`} className="hint">
          A currency code and what one unit of it is worth in {home}, like “EUR 1.08”. Won deals in a currency without a rate are
          left out of tiers and analytics, and the analytics page says how many.
        </p>
        <textarea
          id={ratesId}
          name="rates"
          rows={4}
          spellCheck={false}
          autoComplete="off"
          value={rates}
          aria-invalid={errors.rates ? true : undefined}
          aria-describedby={errors.rates ? `${ratesId}-hint ${ratesId}-error` : `${ratesId}-hint`}
          onChange={(event) => onChange('rates', event.target.value)}
        />
        {errors.rates ? (
          <p id={`${ratesId}-error`} className="error">
            {errors.rates}
          </p>
        ) : null}
      </div>
    </fieldset>
  );
}
