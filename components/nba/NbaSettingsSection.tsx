import { SettingField } from '@/components/ui/SettingField';
import { SETTINGS_DEFAULTS_FILLED, SETTINGS_INVALID, SettingsFormFooter, type SettingsMessage } from '@/components/ui/SettingsFormFooter';
import { useEffect, useId, useState, type FormEvent } from 'react';
import { DEFAULT_NBA_SETTINGS, NBA_DAY_LIMITS, NBA_SETTING_FIELDS, type NbaSettings } from '@/lib/nba';
import { readNbaSettings, saveNbaSettings } from '@/lib/settings/nba-settings';

const LABELS: Record<keyof NbaSettings, { label: string; hint: string }> = {
  checkInDays: { label: 'Check in with a strategic customer after', hint: 'Days without an email, call, meeting or visit.' },
  winBackDays: { label: 'Win back an at-risk contact after', hint: 'Days without contact, for the At-risk tier or stage.' },
  nudgeDays: { label: 'Nudge a prospect with an open deal after', hint: 'Days without a reply (an email from them, a call or a meeting).' },
  crossSellDays: { label: 'Propose a cross-sell to an expansion-stage customer after', hint: 'Days without contact, when they have no open deal.' },
  jobChangeDays: { label: 'Suggest a new account after a strategic or growth customer changes jobs, for', hint: 'Days after you accept their new title or company from a page.' },
  dismissDays: { label: 'A dismissed suggestion may come back after', hint: 'Days; it comes back only if its rule still fires.' },
};

type Form = Record<keyof NbaSettings, string>;
const toForm = (settings: NbaSettings): Form => Object.fromEntries(NBA_SETTING_FIELDS.map((field) => [field, String(settings[field])])) as Form;

/** The next-best-action thresholds (Options). The side panel's list follows them as soon as they are saved. */
export function NbaSettingsSection() {
  const id = useId();
  const [form, setForm] = useState<Form | null>(null);
  const [errors, setErrors] = useState<Partial<Record<keyof NbaSettings, string>>>({});
  const [message, setMessage] = useState<SettingsMessage | null>(null);

  useEffect(() => {
    readNbaSettings().then(
      (settings) => setForm((current) => current ?? toForm(settings)),
      (error: unknown) => setMessage({ kind: 'error', text: `Could not read the saved settings: ${error instanceof Error ? error.message : String(error)}` }),
    );
  }, []);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!form) return;
    const next: typeof errors = {};
    const settings = {} as NbaSettings;
    for (const field of NBA_SETTING_FIELDS) {
      const text = form[field].trim();
      const value = Number(text);
      if (!/^\d+$/.test(text) || value < NBA_DAY_LIMITS.min || value > NBA_DAY_LIMITS.max) {
        next[field] = `A whole number of days from ${NBA_DAY_LIMITS.min} to ${NBA_DAY_LIMITS.max}.`;
      } else settings[field] = value;
    }
    setErrors(next);
    const first = NBA_SETTING_FIELDS.find((field) => next[field]);
    if (first) {
      setMessage(SETTINGS_INVALID);
      document.getElementById(`${id}-${first}`)?.focus();
      return;
    }
    try {
      await saveNbaSettings(settings);
      setMessage({ kind: 'ok', text: 'Saved. Next best actions use these thresholds now.' });
    } catch (error) {
      setMessage({ kind: 'error', text: `Could not save: ${error instanceof Error ? error.message : String(error)}` });
    }
  }

  return (
    <section aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Next best actions</h2>
      {form === null ? (
        <p role="status">{message?.text ?? 'Loading settings…'}</p>
      ) : (
        <form className="settings-form" aria-label="Next best action settings" noValidate onSubmit={(event) => void submit(event)}>
          {NBA_SETTING_FIELDS.map((field) => (
            <SettingField
              key={field}
              formId={id}
              name={field}
              label={`${LABELS[field].label} (days)`}
              hint={LABELS[field].hint}
              inputMode="numeric"
              value={form[field]}
              error={errors[field]}
              onChange={(value) => {
                setForm((current) => (current ? { ...current, [field]: value } : current));
                setErrors((current) => ({ ...current, [field]: undefined }));
              }}
            />
          ))}
          <SettingsFormFooter
            subject="next best action settings"
            message={message}
            onFillDefaults={() => {
              setForm(toForm({ ...DEFAULT_NBA_SETTINGS }));
              setErrors({});
              setMessage(SETTINGS_DEFAULTS_FILLED);
            }}
          />
        </form>
      )}
    </section>
  );
}
