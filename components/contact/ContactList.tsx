import { useLiveQuery } from 'dexie-react-hooks';
import { crmDatabase, recentContacts } from '@/lib/db';
import { displayName } from './display-name';

/** Every contact, most recently changed first. */
export function ContactList({ onOpen }: { onOpen: (id: string) => void }) {
  const contacts = useLiveQuery(() => recentContacts(crmDatabase()), []);

  return (
    <section aria-labelledby="all-contacts-heading" className="panel-section">
      <h2 id="all-contacts-heading">All contacts</h2>
      {contacts === undefined ? (
        <p className="muted" role="status">Loading contacts…</p>
      ) : contacts.length === 0 ? (
        <p className="muted">No contacts yet. Open a page with people on it and press Add.</p>
      ) : (
        <ul aria-label="All contacts" className="contact-list">
          {contacts.map((contact) => (
            <li key={contact.id}>
              <button type="button" className="row-button" onClick={() => onOpen(contact.id)}>
                <span className="row-title">{displayName(contact)}</span>
                {contact.emails[0] && contact.name ? <span className="row-detail">{contact.emails[0]}</span> : null}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
