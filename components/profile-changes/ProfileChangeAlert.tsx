import { useState } from 'react';
import { acceptProfileChanges, crmDatabase } from '@/lib/db';
import type { Contact, DetectedContact, TabDetections } from '@/lib/model';
import { displayName } from '@/lib/model/display-name';
import { changeSentence, proposeProfileChanges, type ChangeSource } from '@/lib/profile-changes';
import { keepStoredValues } from '@/lib/settings/kept-page-values';
import { useKeptValues } from './use-kept-values';
import './profile-changes.css';

function sourceOf(detections: TabDetections): ChangeSource {
  const context = detections.context;
  return { url: detections.url, ...(context?.kind === 'profile' ? { site: context.site } : {}) };
}

/**
 * "Ada's profile now says Head of Data at Initech (stored: Analyst at Acme) — Update · Keep": a
 * matched contact's title, company, location or photo as the page shows them differently. Nothing
 * changes until Update (typed fields included); Keep remembers the page values so they do not ask
 * again. The panel shows no page images, so a new photo is named, not shown. Not `writable` (a viewer): Keep only. Renders nothing when the page agrees with the contact.
 */
export function ProfileChangeAlert({ contact, person, detections, writable = true }: { contact: Contact; person: DetectedContact; detections: TabDetections; writable?: boolean }) {
  const kept = useKeptValues();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const proposal = kept ? proposeProfileChanges(contact, person, sourceOf(detections), kept) : null;
  if (!proposal) return null;

  const name = displayName(contact);
  const firstName = name.split(/\s+/)[0] ?? name;
  const fromProfile = detections.context?.kind === 'profile';
  const sentence = changeSentence(firstName, proposal.changes, { title: contact.title, company: contact.company }, fromProfile);

  const run = async (what: 'update' | 'keep') => {
    setBusy(true);
    setError(null);
    try {
      if (what === 'update') await acceptProfileChanges(crmDatabase(), proposal);
      else await keepStoredValues(proposal);
    } catch (caught) {
      setError(`Could not ${what === 'update' ? 'update' : 'keep'} ${name}: ${caught instanceof Error ? caught.message : String(caught)}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="notice change-alert" role="group" aria-label={`Changes to ${name} on this page`}>
      <p>{sentence}</p>
      <div className="change-alert-actions">
        {writable ? (
          <button type="button" onClick={() => void run('update')} disabled={busy} aria-label={`Update ${name} from this page`}>
            Update
          </button>
        ) : null}
        <button type="button" className="secondary" onClick={() => void run('keep')} disabled={busy} aria-label={`Keep ${name}’s stored details`}>
          Keep
        </button>
      </div>
      {error ? <p role="alert" className="error">{error}</p> : null}
    </div>
  );
}
