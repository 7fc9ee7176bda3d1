import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { crmDatabase, findContactsForDetection, logEmailThread, saveDetectedContact } from '@/lib/db';
import type { Contact, DetectedContact, PageContext, TabDetections } from '@/lib/model';
import { displayName } from '../contact/display-name';
import { SiteControls } from './SiteControls';

interface Props {
  state: { status: 'loading' } | { status: 'ready'; detections: TabDetections | null };
  tabId: number | undefined;
  tabUrl: string | undefined;
  onOpen: (id: string) => void;
}

/** The people detected on the tab: recognised ones link to their profile, others can be added. */
export function OnThisPage({ state, tabId, tabUrl, onOpen }: Props) {
  const detections = state.status === 'ready' ? state.detections : null;
  const people = detections?.contacts ?? [];
  const known = useLiveQuery(
    () => Promise.all(people.map(async (person) => (await findContactsForDetection(crmDatabase(), person))[0] ?? null)),
    [detections],
  );

  return (
    <section aria-labelledby="on-this-page-heading" className="panel-section">
      <h2 id="on-this-page-heading">On this page</h2>
      {tabId !== undefined && tabUrl ? <SiteControls tabId={tabId} url={tabUrl} covered={detections !== null} /> : null}
      {state.status === 'loading' || (people.length > 0 && known === undefined) ? (
        <p className="muted" role="status">Looking for people…</p>
      ) : people.length === 0 ? (
        <p className="muted">
          {detections
            ? 'No people found on this page.'
            : 'This page has not been read. Sidebar CRM reads Gmail, Outlook, LinkedIn and GitHub by itself; scan any other page above.'}
        </p>
      ) : (
        <ul aria-label="People on this page" className="contact-list">
          {people.map((person, index) => (
            <DetectedRow
              key={`${person.emails[0] ?? person.profiles[0]?.url ?? index}`}
              person={person}
              contact={known?.[index] ?? null}
              pageUrl={detections?.url ?? ''}
              context={detections?.context}
              onOpen={onOpen}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

function DetectedRow(props: {
  person: DetectedContact;
  contact: Contact | null;
  pageUrl: string;
  context: PageContext | undefined;
  onOpen: (id: string) => void;
}) {
  const { person, contact, pageUrl, context, onOpen } = props;
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const name = displayName(person);

  const add = async () => {
    setBusy(true);
    setError(null);
    try {
      await saveDetectedContact(crmDatabase(), person, { kind: context?.site ?? 'page', url: pageUrl });
      // The open thread becomes their history at once, not at the next re-scan.
      if (context?.kind === 'email-thread') await logEmailThread(crmDatabase(), context);
    } catch (caught) {
      setError(`Could not add ${name}: ${caught instanceof Error ? caught.message : String(caught)}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <li className="detected-row">
      {contact ? (
        <button type="button" className="row-button" onClick={() => onOpen(contact.id)} aria-label={`Open ${displayName(contact)}`}>
          <span className="row-title">{displayName(contact)}</span>
          <span className="badge">Contact</span>
        </button>
      ) : (
        <div className="row">
          <span className="row-main">
            <span className="row-title">{name}</span>
            {person.name && person.emails[0] ? <span className="row-detail">{person.emails[0]}</span> : null}
          </span>
          <button type="button" onClick={() => void add()} disabled={busy} aria-label={`Add ${name}`}>
            Add
          </button>
        </div>
      )}
      {error ? <p role="alert" className="error">{error}</p> : null}
    </li>
  );
}
