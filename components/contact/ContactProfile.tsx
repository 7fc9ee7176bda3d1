import { useLiveQuery } from 'dexie-react-hooks';
import { crmDatabase, getContact } from '@/lib/db';
import { DealsSection } from '../deal/DealsSection';
import { TierBadge } from '../tier/TierBadge';
import { SafeLink } from '../ui/SafeLink';
import { displayName } from './display-name';

/** One contact: who they are, how to reach them, what they are worth and their deals. Everything is rendered as text. */
export function ContactProfile({ id, onBack }: { id: string; onBack: () => void }) {
  const contact = useLiveQuery(() => getContact(crmDatabase(), id).then((found) => found ?? null), [id]);

  return (
    <section aria-labelledby="profile-heading" className="panel-section">
      <button type="button" className="link-button" onClick={onBack}>
        ← Back
      </button>
      {contact === undefined ? (
        <p role="status">Loading…</p>
      ) : contact === null ? (
        <>
          <h2 id="profile-heading">Contact not found</h2>
          <p className="muted">It may have been deleted. Go back to the list.</p>
        </>
      ) : (
        <>
          <h2 id="profile-heading">{displayName(contact)}</h2>
          {contact.title || contact.company ? (
            <p className="muted">{[contact.title, contact.company].filter(Boolean).join(' · ')}</p>
          ) : null}
          <dl className="facts">
            {contact.emails.length > 0 && (
              <>
                <dt>Email</dt>
                {contact.emails.map((email) => (
                  <dd key={email}>
                    <SafeLink href={`mailto:${email}`}>{email}</SafeLink>
                  </dd>
                ))}
              </>
            )}
            {contact.phones.length > 0 && (
              <>
                <dt>Phone</dt>
                {contact.phones.map((phone) => (
                  <dd key={phone}>
                    <SafeLink href={`tel:${phone}`}>{phone}</SafeLink>
                  </dd>
                ))}
              </>
            )}
            {contact.profiles.length > 0 && (
              <>
                <dt>Profiles</dt>
                {contact.profiles.map((profile) => (
                  <dd key={profile.url}>
                    <SafeLink href={profile.url}>{profile.url}</SafeLink>
                  </dd>
                ))}
              </>
            )}
            <dt>Stage</dt>
            <dd>{contact.stage}</dd>
          </dl>
          <TierBadge contactId={contact.id} />
          <DealsSection contactId={contact.id} />
        </>
      )}
    </section>
  );
}
