import { SettingField } from '@/components/ui/SettingField';
import { SETTINGS_DEFAULTS_FILLED, SETTINGS_INVALID, SettingsFormFooter, type SettingsMessage } from '@/components/ui/SettingsFormFooter';
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useId, useState, type FormEvent } from 'react';
import { BackupSection } from '@/components/io/BackupSection';
import { ExportSection } from '@/components/io/ExportSection';
import { ImportSection } from '@/components/io/ImportSection';
import { SyncSettingsSection } from '@/components/sync/SyncSettingsSection';
import { TeamSection } from '@/components/team/TeamSection';
import { NbaSettingsSection } from '@/components/nba/NbaSettingsSection';
import { TierCadenceSettings } from '@/components/cadences/TierCadenceSettings';
import { TemplatesSection } from '@/components/templates/TemplatesSection';
import { CaptureSettingsSection } from '@/components/capture/CaptureSettingsSection';
import { PipelinesSection } from '@/components/pipelines/PipelinesSection';
import { TeamPrefsSection } from '@/components/team/TeamPrefsSection';
import { crmDatabase, readValuesState } from '@/lib/db';
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

interface FieldSpec {
  field: keyof ValueSettingsForm;
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

/** The options page: value-model settings, then import, export, backup and restore, then sync and the team. */
export function OptionsApp() {
  // The panel's welcome opens options.html#import. The browser looked for the anchor before React
  // rendered the sections, so go there once they exist.
  useEffect(() => {
    if (location.hash === '#import') document.getElementById('import')?.scrollIntoView();
  }, []);
  return (
    <main className="options">
      <h1>Sidebar CRM options</h1>
      <ValueSettingsSection />
      <NbaSettingsSection />
      <TierCadenceSettings />
      <div id="import">
        <ImportSection />
      </div>
      <ExportSection />
      <BackupSection />
      <CaptureSettingsSection />
      <TemplatesSection />
      <PipelinesSection />
      <SyncSettingsSection />
      <TeamSection />
      <TeamPrefsSection />
    </main>
  );
}

/** The value model's thresholds. Saving triggers a recompute in the background. */
function ValueSettingsSection() {
  const id = useId();
  const [saved, setSaved] = useState<ValueSettings | null>(null);
  const [form, setForm] = useState<ValueSettingsForm | null>(null);
  const [errors, setErrors] = useState<ValueSettingsFormErrors>({});
  const [message, setMessage] = useState<SettingsMessage | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const state = useLiveQuery(() => readValuesState(crmDatabase()), []);

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
      const first = FIELDS.find((spec) => parsed.errors[spec.field]);
      if (first) document.getElementById(`${id}-${first.field}`)?.focus();
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
          <SettingsFormFooter
            subject="value tier settings"
            message={message}
            onFillDefaults={() => {
              setForm(valueSettingsToForm({ ...DEFAULT_VALUE_SETTINGS }));
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
