import { useHeldLiveQuery } from '@/components/sync/use-held-live-query';
import { useEffect, useState } from 'react';
import { crmDatabase, findContactsForDetection, logEmailThread, logMeeting, saveDetectedContact } from '@/lib/db';
import type { Contact, DetectedContact, TabDetections } from '@/lib/model';
import { isIgnored, setIgnored } from '@/lib/site-access/ignored-people';
import { displayName } from '@/lib/model/display-name';
import { moveRowFocus } from '../ui/row-focus';
import { byRelevance, roleLabel, splitMentioned, type PersonOnPage } from './relevance';
import { LimitsNote } from './LimitsNote';
import { ReaderNote } from './ReaderNote';
import { SiteControls } from './SiteControls';
import { useIgnoredPeople } from './use-ignored-people';
import { useCanWrite } from '../sync/use-membership';
import { ProfileChangeAlert } from '../profile-changes/ProfileChangeAlert';

interface Props {
  state: { status: 'loading' } | { status: 'ready'; detections: TabDetections | null };
  tabId: number | undefined;
  tabUrl: string | undefined;
  onOpen: (id: string) => void;
  /** Called once the people on the tab are shown (or the panel knows there are none). */
  onSettled?: () => void;
}

/** Adds people as contacts from this page; an open thread becomes their history at once. */
async function addPeople(people: DetectedContact[], detections: TabDetections): Promise<void> {
  const context = detections.context;
  for (const person of people) {
    await saveDetectedContact(crmDatabase(), person, { kind: context?.site ?? 'page', url: detections.url });
  }
  if (context?.kind === 'email-thread') await logEmailThread(crmDatabase(), context);
  if (context?.kind === 'event') await logMeeting(crmDatabase(), context);
}

const rowKey = (person: DetectedContact, index: number) => `${person.emails[0] ?? person.profiles[0]?.url ?? index}`;

/**
 * The people detected on the tab, most relevant first: recognised ones link to their profile,
 * others can be added (one by one or all at once) or ignored on every page from now on.
 */
export function OnThisPage({ state, tabId, tabUrl, onOpen, onSettled }: Props) {
  const detections = state.status === 'ready' ? state.detections : null;
  const people = detections?.contacts ?? [];
  const known = useHeldLiveQuery(
    () => Promise.all(people.map(async (person) => (await findContactsForDetection(crmDatabase(), person))[0] ?? null)),
    [detections],
  );
  const ignoredKeys = useIgnoredPeople();
  const [showIgnored, setShowIgnored] = useState(false);
  const [addingAll, setAddingAll] = useState(false);
  // A viewer sees who is on the page and opens known contacts, but adds nobody.
  const writable = useCanWrite();
  const [error, setError] = useState<string | null>(null);

  const loading = state.status === 'loading' || ignoredKeys === undefined || (people.length > 0 && known === undefined);
  useEffect(() => {
    if (!loading) onSettled?.();
  }, [loading, onSettled]);
  const ordered = loading ? [] : byRelevance(people.map((person, index) => ({ person, contact: known?.[index] ?? null })));
  const ignored = ordered.filter((entry) => !entry.contact && isIgnored(entry.person, ignoredKeys ?? new Set()));
  const shown = ordered.filter((entry) => !ignored.includes(entry));
  // "Add all" adds the people shown first, never the commenters and footers behind "Show N more".
  const unknown = splitMentioned(shown).first.filter((entry) => !entry.contact).map((entry) => entry.person);

  const addAll = async () => {
    if (!detections) return;
    setAddingAll(true);
    setError(null);
    try {
      await addPeople(unknown, detections);
    } catch (caught) {
      setError(`Could not add everyone: ${caught instanceof Error ? caught.message : String(caught)}`);
    } finally {
      setAddingAll(false);
    }
  };

  return (
    <section aria-labelledby="on-this-page-heading" className="panel-section">
      <h2 id="on-this-page-heading">On this page</h2>
      {tabId !== undefined && tabUrl ? <SiteControls tabId={tabId} url={tabUrl} covered={detections !== null} /> : null}
      {detections ? <LimitsNote limits={detections.limits} /> : null}
      {detections?.reader ? <ReaderNote reader={detections.reader} /> : null}
      {loading ? (
        <p className="muted" role="status">Looking for people…</p>
      ) : people.length === 0 ? (
        <p className="muted">
          {detections
            ? 'No people found on this page.'
            : 'This page has not been read. Sidebar CRM reads Gmail, Outlook, LinkedIn and GitHub by itself; scan any other page above.'}
        </p>
      ) : (
        <>
          {unknown.length >= 2 && writable ? (
            <div className="site-controls">
              <button type="button" className="secondary" onClick={() => void addAll()} disabled={addingAll}>
                {detections?.context?.kind === 'email-thread' ? `Add all ${unknown.length} in this thread` : `Add all ${unknown.length}`}
              </button>
            </div>
          ) : null}
          {error ? <p role="alert" className="error">{error}</p> : null}
          {shown.length === 0 ? (
            <p className="muted">Everyone on this page is ignored. Show them below to add them after all.</p>
          ) : (
            <PeopleOnPage people={shown} detections={detections!} onOpen={onOpen} writable={writable} />
          )}
          {ignored.length > 0 ? <IgnoredPeople people={ignored} open={showIgnored} onToggle={() => setShowIgnored(!showIgnored)} /> : null}
        </>
      )}
    </section>
  );
}

/**
 * The people on the page with their role; `mentioned` people behind a "Show N more" toggle (see
 * splitMentioned). Renders without the database: rows only write to it when clicked. Not
 * `writable` (a viewer): no Add buttons.
 */
export function PeopleOnPage({
  people,
  detections,
  onOpen,
  writable = true,
}: {
  people: PersonOnPage<Contact>[];
  detections: TabDetections;
  onOpen: (id: string) => void;
  writable?: boolean;
}) {
  const [open, setOpen] = useState(false);
  const { first, more } = splitMentioned(people);
  const row = (entry: PersonOnPage<Contact>, index: number) => (
    <DetectedRow key={rowKey(entry.person, index)} entry={entry} detections={detections} onOpen={onOpen} writable={writable} />
  );
  return (
    <>
      {/* One list: shown, the mentioned people follow the others, and arrow keys move through all. */}
      <ul id="people-on-this-page" aria-label="People on this page" className="contact-list" onKeyDown={moveRowFocus}>
        {first.map(row)}
        {open ? more.map((entry, index) => row(entry, first.length + index)) : null}
      </ul>
      {more.length > 0 ? (
        <div className="ignored-people">
          <button type="button" className="link-button" aria-expanded={open} aria-controls="people-on-this-page" onClick={() => setOpen(!open)}>
            {open ? `Hide ${more.length} mentioned` : `Show ${more.length} more`}
          </button>
        </div>
      ) : null}
    </>
  );
}

function IgnoredPeople({ people, open, onToggle }: { people: PersonOnPage<Contact>[]; open: boolean; onToggle: () => void }) {
  return (
    <div className="ignored-people">
      <button type="button" className="link-button" aria-expanded={open} onClick={onToggle}>
        {`Ignored (${people.length}) — ${open ? 'hide' : 'show'}`}
      </button>
      {open ? (
        <ul aria-label="Ignored people" className="contact-list" onKeyDown={moveRowFocus}>
          {people.map(({ person }, index) => (
            <li key={rowKey(person, index)}>
              <div className="row">
                <span className="row-main">
                  <span className="row-title">{displayName(person)}</span>
                </span>
                <button
                  type="button"
                  className="secondary"
                  data-row-focus
                  aria-label={`Un-ignore ${displayName(person)}`}
                  onClick={() => void setIgnored(person, false)}
                >
                  Un-ignore
                </button>
              </div>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function DetectedRow({ entry, detections, onOpen, writable }: { entry: PersonOnPage<Contact>; detections: TabDetections; onOpen: (id: string) => void; writable: boolean }) {
  const { person, contact } = entry;
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const name = displayName(person);
  const role = <span className="badge">{roleLabel(person.role, detections.context)}</span>;

  const add = async () => {
    setBusy(true);
    setError(null);
    try {
      await addPeople([person], detections);
    } catch (caught) {
      setError(`Could not add ${name}: ${caught instanceof Error ? caught.message : String(caught)}`);
    } finally {
      setBusy(false);
    }
  };

  const ignore = async () => {
    try {
      await setIgnored(person, true);
    } catch (caught) {
      setError(`Could not ignore ${name}: ${caught instanceof Error ? caught.message : String(caught)}`);
    }
  };

  return (
    <li className="detected-row">
      {contact ? (
        <button
          type="button"
          className="row-button"
          data-row-focus
          onClick={() => onOpen(contact.id)}
          aria-label={`Open ${displayName(contact)}`}
        >
          <span className="row-title">{displayName(contact)}</span>
          {role}
        </button>
      ) : (
        <div className="row">
          <span className="row-main">
            <span className="row-title">{name}</span>
            {person.name && person.emails[0] ? <span className="row-detail">{person.emails[0]}</span> : null}
          </span>
          {role}
          {writable ? (
            <button type="button" data-row-focus onClick={() => void add()} disabled={busy} aria-label={`Add ${name}`}>
              Add
            </button>
          ) : null}
          <button type="button" className="secondary" onClick={() => void ignore()} aria-label={`Ignore ${name}`}>
            Ignore
          </button>
        </div>
      )}
      {contact ? <ProfileChangeAlert contact={contact} person={person} detections={detections} writable={writable} /> : null}
      {error ? <p role="alert" className="error">{error}</p> : null}
    </li>
  );
}
