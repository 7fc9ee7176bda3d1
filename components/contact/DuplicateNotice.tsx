import { useHeldLiveQuery } from '@/components/sync/use-held-live-query';
import { crmDatabase, duplicatesOf, sharedKeys } from '@/lib/db';
import type { Contact } from '@/lib/model';
import { displayName } from '@/lib/model/display-name';

/** "shares ada@example.org": the first thing two contacts have in common. */
function sharedText(contact: Contact, other: Contact): string {
  const shared = sharedKeys(contact, other);
  const first = shared.emails[0] ?? shared.phones[0] ?? shared.profileUrls[0];
  return first ? `shares ${first}` : '';
}

/**
 * On a profile: other live contacts sharing an email, phone or profile URL, each with a link to
 * review and merge them (`#merge/<this>/<other>`, this contact kept). Nothing when there is none.
 */
export function DuplicateNotice({ contact }: { contact: Contact }) {
  const duplicates = useHeldLiveQuery(() => duplicatesOf(crmDatabase(), contact.id), [contact.id, contact.updatedAt]);
  if (!duplicates || duplicates.length === 0) return null;
  return (
    <div className="notice duplicate-notice">
      {duplicates.map((other) => {
        const name = displayName(other);
        const why = sharedText(contact, other);
        return (
          <p key={other.id}>
            Possible duplicate: <strong>{name}</strong>
            {why ? <span className="muted"> ({why})</span> : null} —{' '}
            <a href={`#merge/${contact.id}/${other.id}`} aria-label={`Review possible duplicate ${name}`}>
              Review
            </a>
          </p>
        );
      })}
    </div>
  );
}
