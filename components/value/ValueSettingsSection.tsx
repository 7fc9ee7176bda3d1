import { useHeldLiveQuery } from '@/components/sync/use-held-live-query';
import { useEffect, useId, useState, type FormEvent } from 'react';
import { SettingField } from '@/components/ui/SettingField';
import { SETTINGS_DEFAULTS_FILLED, SETTINGS_INVALID, SettingsFormFooter, type SettingsMessage } from '@/components/ui/SettingsFormFooter';
import { crmDatabase, homeCurrencyOf, readValuesState } from '@/lib/db';
import {
  DEFAULT_VALUE_SETTINGS,
  parseValueSettingsForm,
  readValueSettings,
  saveValueSettings,
  valueSettingsKey,
  valueSettingsToForm,
  type ValueSettings,
  type ValueSettingsForm,
  type ValueSettingsFormErrors,
} from '@/lib/settings';
import { CurrencyFields } from './CurrencyFields';
import './value.css';

interface FieldSpec {
  field: 'strategicShare' | 'atRiskMaxPAlive' | 'horizonWeeks' | 'discountRate';
  label: string;
  unit: string;
  hint: string;
  inputMode: 'decimal' | 'numeric';
}

const FIELDS: FieldSpec[] = [
  {
    field: 'strategicShare',
    label: 'Strategic share of value',
    unit: '%',
    hint: 'Strategic customers are the fewest top customers who together hold this share of all value (usually about 80%).',
    inputMode: 'decimal',
  },
  {
    field: 'atRiskMaxPAlive',
    label: 'At-risk when P(alive) is below',
    unit: '0–1',
    hint: 'A customer who was valuable is at risk when the model’s probability that they are still buying falls below this.',
    inputMode: 'decimal',
  },
  {
    field: 'horizonWeeks',
    label: 'Prediction horizon',
    unit: 'weeks',
    hint: 'How far ahead predicted purchases and lifetime value look.',
    inputMode: 'numeric',
  },
  {
    field: 'discountRate',
    label: 'Discount rate',
    unit: '% a year',
    hint: 'Future purchases are worth less today by this yearly rate; 0 means no discounting.',
    inputMode: 'decimal',
  },
];

/** Every field in the order the form shows them: the first wrong one gets the focus. */
const FIELD_ORDER: readonly (keyof ValueSettingsForm)[] = [...FIELDS.map((spec) => spec.field), 'homeCurrency', 'rates'];

/** The value model's thresholds and currencies. Saving triggers a recompute in the background. */
export function ValueSettingsSection() {
  const id = useId();
  const [saved, setSaved] = useState<ValueSettings | null>(null);
  const [form, setForm] = useState<ValueSettingsForm | null>(null);
  const [errors, setErrors] = useState<ValueSettingsFormErrors>({});
  const [message, setMessage] = useState<SettingsMessage | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const state = useHeldLiveQuery(() => readValuesState(crmDatabase()), []);

  useEffect(() => {
    readValueSettings()
      .then((settings) => {
        setSaved(settings);
        setForm((current) => current ?? valueSettingsToForm(settings));
      })
      .catch((error: unknown) => setLoadError(`Could not read the saved settings: ${error instanceof Error ? error.message : String(error)}`));
  }, []);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!form) return;
    const parsed = parseValueSettingsForm(form);
    if (!parsed.ok) {
      setErrors(parsed.errors);
      setMessage(SETTINGS_INVALID);
      const first = FIELD_ORDER.find((field) => parsed.errors[field]);
      if (first) document.getElementById(`${id}-${first}`)?.focus();
      return;
    }
    try {
      await saveValueSettings(parsed.settings);
      setSaved(parsed.settings);
      setErrors({});
      setMessage({ kind: 'ok', text: 'Saved. Tiers are being recomputed with these settings.' });
    } catch (error) {
      setMessage({ kind: 'error', text: `Could not save: ${error instanceof Error ? error.message : String(error)}` });
    }
  }

  const inUse = saved && state ? state.stamp.settingsKey === valueSettingsKey(saved) : null;

  return (
    <section aria-labelledby={`${id}-value-heading`}>
      <h2 id={`${id}-value-heading`}>Value tiers</h2>
      {loadError ? (
        <p role="alert" className="error">
          {loadError}
        </p>
      ) : null}
      {form === null ? (
        <p role="status">Loading settings…</p>
      ) : (
        <form className="settings-form" aria-label="Value model settings" noValidate onSubmit={(event) => void submit(event)}>
          {FIELDS.map((spec) => (
            <SettingField
              key={spec.field}
              formId={id}
              name={spec.field}
              label={`${spec.label} (${spec.unit})`}
              hint={spec.hint}
              inputMode={spec.inputMode}
              value={form[spec.field]}
              error={errors[spec.field]}
              onChange={(value) => {
                setForm((current) => (current ? { ...current, [spec.field]: value } : current));
                setErrors((current) => ({ ...current, [spec.field]: undefined }));
              }}
            />
          ))}
          <CurrencyFields
            formId={id}
            homeCurrency={form.homeCurrency}
            rates={form.rates}
            automaticHome={state ? homeCurrencyOf(state) : undefined}
            errors={errors}
            onChange={(field, value) => {
              setForm((current) => (current ? { ...current, [field]: value } : current));
              setErrors((current) => ({ ...current, [field]: undefined }));
            }}
          />
          <SettingsFormFooter
            subject="value tier settings"
            message={message}
            onFillDefaults={() => {
              // Defaults are for the thresholds: a home currency and typed rates are the user's facts, kept.
              setForm((current) => {
                const defaults = valueSettingsToForm({ ...DEFAULT_VALUE_SETTINGS });
                return current ? { ...defaults, homeCurrency: current.homeCurrency, rates: current.rates } : defaults;
              });
              setErrors({});
              setMessage(SETTINGS_DEFAULTS_FILLED);
            }}
          />
        </form>
      )}
      <p className="muted" role="status" aria-label="Recompute status">
        {state === undefined || inUse === null
          ? ''
          : inUse
            ? `Tiers use the saved settings (recomputed ${new Date(state!.computedAt).toLocaleString()}).`
            : 'Recomputing tiers with the saved settings…'}
      </p>
    </section>
  );
}
