import { useEffect, useId, useState, type FormEvent } from 'react';
import { cadenceLabel, CADENCE_TIERS, type CadenceSettings, type CadenceTier } from '@/lib/cadences';
import { readCadenceSettings, saveCadenceSettings } from '@/lib/settings/cadence-settings';
import { errorText } from '../ui/error-text';
import { parseCadenceDays } from './CadenceEditor';
import './cadences.css';

type Form = Record<CadenceTier, { on: boolean; days: string }>;

/**
 * Options → Keep in touch: a default cadence per tier (Strategic 30 days, Growth 60, Core 90),
 * each off until ticked. Segments' and contacts' own cadences are set in the panel.
 */
export function TierCadenceSettings() {
  const id = useId();
  const [form, setForm] = useState<Form | null>(null);
  const [errors, setErrors] = useState<Partial<Record<CadenceTier, string>>>({});
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  useEffect(() => {
    readCadenceSettings().then(
      (settings) =>
        setForm(Object.fromEntries(CADENCE_TIERS.map((tier) => [tier, { on: settings[tier].on, days: String(settings[tier].days) }])) as Form),
      (error: unknown) => setMessage({ kind: 'error', text: `Could not read the saved settings: ${errorText(error)}` }),
    );
  }, []);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!form) return;
    const next: typeof errors = {};
    const settings = {} as CadenceSettings;
    for (const tier of CADENCE_TIERS) {
      const days = parseCadenceDays(form[tier].days);
      if (typeof days === 'string') next[tier] = days;
      else settings[tier] = { on: form[tier].on, days };
    }
    setErrors(next);
    const first = CADENCE_TIERS.find((tier) => next[tier]);
    if (first) {
      setMessage({ kind: 'error', text: 'Some values need fixing (see above).' });
      document.getElementById(`${id}-${first}-days`)?.focus();
      return;
    }
    try {
      await saveCadenceSettings(settings);
      setMessage({ kind: 'ok', text: 'Saved. Tasks and the toolbar badge follow these cadences now.' });
    } catch (error) {
      setMessage({ kind: 'error', text: `Could not save: ${errorText(error)}` });
    }
  }

  return (
    <section aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Keep in touch</h2>
      <p className="muted">
        A default cadence per value tier. A contact due one is listed in Tasks and counted on the toolbar badge until any email, call, meeting,
        visit or note is logged. Saved segments and single contacts can have their own cadence (set in the side panel); the shortest applies.
      </p>
      {form === null ? (
        <p role="status">{message?.text ?? 'Loading settings…'}</p>
      ) : (
        <form className="settings-form" aria-label="Keep-in-touch defaults" noValidate onSubmit={(event) => void submit(event)}>
          {CADENCE_TIERS.map((tier) => {
            const label = cadenceLabel({ kind: 'tier', tier });
            return (
              <div key={tier} className="tier-cadence">
                <label>
                  <input
                    type="checkbox"
                    checked={form[tier].on}
                    onChange={(event) => {
                      const on = event.target.checked;
                      setForm((current) => (current ? { ...current, [tier]: { ...current[tier], on } } : current));
                    }}
                  />{' '}
                  {`Keep in touch with ${label}`}
                </label>
                <label htmlFor={`${id}-${tier}-days`}>{`${label}: every (days)`}</label>
                <input
                  id={`${id}-${tier}-days`}
                  inputMode="numeric"
                  value={form[tier].days}
                  aria-invalid={errors[tier] ? true : undefined}
                  aria-describedby={errors[tier] ? `${id}-${tier}-error` : undefined}
                  onChange={(event) => {
                    const days = event.target.value;
                    setForm((current) => (current ? { ...current, [tier]: { ...current[tier], days } } : current));
                    setErrors((current) => ({ ...current, [tier]: undefined }));
                  }}
                />
                {errors[tier] ? (
                  <span id={`${id}-${tier}-error`} className="error">
                    {errors[tier]}
                  </span>
                ) : null}
              </div>
            );
          })}
          <button type="submit">Save keep-in-touch defaults</button>
          {message ? (
            <p role={message.kind === 'error' ? 'alert' : 'status'} className={message.kind === 'error' ? 'error' : 'muted'}>
              {message.text}
            </p>
          ) : null}
        </form>
      )}
    </section>
  );
}
