import { everyDays } from '@/lib/cadences';
import { crmDatabase, setContactCadence } from '@/lib/db';
import type { Contact } from '@/lib/model';
import { displayName } from '@/lib/model/display-name';
import { CadenceEditor } from './CadenceEditor';

/**
 * One contact's own keep-in-touch cadence, on their profile. Their segments' and tier's cadences
 * apply too; the shortest is followed (lib/cadences), and Tasks says which.
 */
export function ContactCadence({ contact, writable }: { contact: Contact; writable: boolean }) {
  if (!writable) return contact.cadenceDays === undefined ? null : <p className="muted">{`Keep in touch: ${everyDays(contact.cadenceDays)}`}</p>;
  return (
    <div className="contact-cadence">
      <CadenceEditor
        subject={displayName(contact)}
        days={contact.cadenceDays}
        onSave={async (days) => void (await setContactCadence(crmDatabase(), contact.id, days))}
      />
    </div>
  );
}
