import { useHeldLiveQuery } from '@/components/sync/use-held-live-query';
import { useId, useState, type FormEvent } from 'react';
import { STAGE_LABEL } from '@/components/profile/stage-labels';
import { TIER_LABEL } from '@/components/tier/tier-view';
import { crmDatabase, listSegments } from '@/lib/db';
import { contactsForExport, tagsByUse } from '@/lib/db/queries/export';
import { LIFECYCLE_STAGES, VALUE_TIERS, type LifecycleStage, type ValueTier } from '@/lib/model';
import { datedFileName, downloadText } from './download';
import { FilterSelect } from './FilterSelect';
import { plural } from './format-labels';
import { contactsToCsv, contactsToVcard } from './formats-api';

type ExportFormat = 'csv' | 'vcard';

/** Export contacts, all or a saved segment's and/or one stage / tier / tag, as a Google-compatible CSV or vCard 4.0. */
export function ExportSection() {
  const id = useId();
  const [format, setFormat] = useState<ExportFormat>('csv');
  const [stage, setStage] = useState<LifecycleStage | ''>('');
  const [tier, setTier] = useState<ValueTier | ''>('');
  const [tag, setTag] = useState('');
  const [segmentId, setSegmentId] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const tags = useHeldLiveQuery(() => tagsByUse(crmDatabase()), [], []);
  const segments = useHeldLiveQuery(() => listSegments(crmDatabase()), [], []);
  const segmentName = new Map(segments.map((segment) => [segment.id, segment.name]));

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setMessage(null);
    try {
      const contacts = await contactsForExport(crmDatabase(), { segmentId: segmentId || undefined, stage: stage || undefined, tier: tier || undefined, tag: tag || undefined });
      if (contacts.length === 0) {
        setMessage({ kind: 'error', text: 'No contact matches these filters, so there is nothing to export. Choose “All” to export everyone.' });
        return;
      }
      if (format === 'csv') downloadText(datedFileName('sidebar-crm-contacts', 'csv'), contactsToCsv(contacts), 'text/csv');
      else downloadText(datedFileName('sidebar-crm-contacts', 'vcf'), contactsToVcard(contacts), 'text/vcard');
      setMessage({ kind: 'ok', text: `Exported ${plural(contacts.length, 'contact')}.` });
    } catch (failure) {
      setMessage({ kind: 'error', text: `Could not export: ${failure instanceof Error ? failure.message : String(failure)}` });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby={`${id}-heading`} className="io-section">
      <h2 id={`${id}-heading`}>Export contacts</h2>
      <form className="io-export" aria-labelledby={`${id}-heading`} onSubmit={(event) => void submit(event)}>
        <fieldset>
          <legend>Format</legend>
          <div className="io-check">
            <input id={`${id}-csv`} type="radio" name="format" checked={format === 'csv'} onChange={() => setFormat('csv')} />
            <label htmlFor={`${id}-csv`}>CSV (Google Contacts columns; opens in spreadsheets)</label>
          </div>
          <div className="io-check">
            <input id={`${id}-vcard`} type="radio" name="format" checked={format === 'vcard'} onChange={() => setFormat('vcard')} />
            <label htmlFor={`${id}-vcard`}>vCard 4.0 (.vcf, for address books and phones)</label>
          </div>
        </fieldset>
        <div className="io-filters">
          {segments.length > 0 ? (
            <FilterSelect
              label="Segment"
              allLabel="All contacts"
              values={segments.map((segment) => segment.id)}
              labelOf={(value) => segmentName.get(value) ?? value}
              value={segmentId}
              onChange={setSegmentId}
            />
          ) : null}
          <FilterSelect label="Stage" allLabel="All stages" values={LIFECYCLE_STAGES} labelOf={(value) => STAGE_LABEL[value]} value={stage} onChange={setStage} />
          <FilterSelect label="Tier" allLabel="All tiers" values={VALUE_TIERS} labelOf={(value) => TIER_LABEL[value]} value={tier} onChange={setTier} />
          <FilterSelect label="Tag" allLabel="All tags" values={tags} labelOf={(value) => value} value={tag} onChange={setTag} />
        </div>
        <div className="form-actions">
          <button type="submit" disabled={busy}>
            {busy ? 'Exporting…' : 'Export'}
          </button>
        </div>
        <p role="status" className={message?.kind === 'error' ? 'error' : 'muted'}>
          {message?.text ?? ''}
        </p>
      </form>
    </section>
  );
}
