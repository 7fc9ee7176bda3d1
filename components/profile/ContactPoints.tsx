import { useState, type FormEvent } from 'react';
import { addContactEmail, addContactPhone, crmDatabase, removeContactEmail, removeContactPhone } from '@/lib/db';
import { addressLine, phoneAsWritten, type Contact } from '@/lib/model';
import { countryForPage } from '@/lib/model/phone';
import { SafeLink } from '../ui/SafeLink';
import { UndoStatus } from '../ui/UndoStatus';

type Kind = 'email' | 'phone';

interface Removed {
  kind: Kind;
  value: string;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * How to reach a contact: emails and phones (each removable, the last removal undoable, and
 * addable) and profile links. Links are http(s), mailto or tel only; everything else is text.
 */
export function ContactPoints({ contact }: { contact: Contact }) {
  const [drafts, setDrafts] = useState<Record<Kind, string>>({ email: '', phone: '' });
  const [removed, setRemoved] = useState<Removed | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const db = crmDatabase();

  async function add(kind: Kind, event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const value = drafts[kind].trim();
    if (value === '') {
      setFailure(kind === 'email' ? 'Type an email address first.' : 'Type a phone number first.');
      return;
    }
    try {
      if (kind === 'email') await addContactEmail(db, contact.id, value);
      else await addContactPhone(db, contact.id, value, countryForPage('', navigator.language));
      setDrafts((current) => ({ ...current, [kind]: '' }));
      setFailure(null);
    } catch (error) {
      setFailure(`Could not add it: ${message(error)}`);
    }
  }

  async function remove(kind: Kind, value: string) {
    try {
      if (kind === 'email') await removeContactEmail(db, contact.id, value);
      else await removeContactPhone(db, contact.id, value);
      setRemoved({ kind, value });
      setFailure(null);
    } catch (error) {
      setFailure(`Could not remove ${value}: ${message(error)}`);
    }
  }

  async function undo() {
    if (!removed) return;
    const { kind, value } = removed;
    setRemoved(null);
    try {
      if (kind === 'email') await addContactEmail(db, contact.id, value);
      else await addContactPhone(db, contact.id, value);
    } catch (error) {
      setFailure(`Could not undo: ${message(error)}`);
    }
  }

  const addForm = (kind: Kind, label: string, type: string) => (
    <form className="tag-form" aria-label={`Add ${kind}`} noValidate onSubmit={(event) => void add(kind, event)}>
      <label htmlFor={`profile-new-${kind}`} className="visually-hidden">
        {label}
      </label>
      <input
        id={`profile-new-${kind}`}
        type={type}
        autoComplete="off"
        maxLength={320}
        placeholder={label}
        value={drafts[kind]}
        onChange={(event) => setDrafts((current) => ({ ...current, [kind]: event.target.value }))}
      />
      <button type="submit" className="secondary">
        Add {kind}
      </button>
    </form>
  );

  return (
    <section aria-labelledby="reach-heading" className="profile-block">
      <h3 id="reach-heading">Reach</h3>
      <dl className="facts">
        <dt>Email</dt>
        {contact.emails.length === 0 ? <dd className="muted">None yet</dd> : null}
        {contact.emails.map((email) => (
          <dd key={email} className="contact-point">
            <SafeLink href={`mailto:${email}`}>{email}</SafeLink>
            <button type="button" className="tag-remove" aria-label={`Remove email ${email}`} onClick={() => void remove('email', email)}>
              ×
            </button>
          </dd>
        ))}
        <dt>Phone</dt>
        {contact.phones.length === 0 ? <dd className="muted">None yet</dd> : null}
        {contact.phones.map((phone) => (
          <dd key={phone} className="contact-point">
            <SafeLink href={`tel:${phone}`}>{phoneAsWritten(contact, phone)}</SafeLink>
            <button type="button" className="tag-remove" aria-label={`Remove phone ${phoneAsWritten(contact, phone)}`} onClick={() => void remove('phone', phone)}>
              ×
            </button>
          </dd>
        ))}
        {contact.addresses?.length ? (
          <>
            <dt>Addresses</dt>
            {contact.addresses.map((address, index) => (
              <dd key={index}>{addressLine(address)}</dd>
            ))}
          </>
        ) : null}
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
      </dl>
      <UndoStatus
        change={removed ? { text: `Removed ${removed.value}.`, undoLabel: `Undo removing ${removed.value}` } : null}
        onUndo={() => void undo()}
        failure={failure}
      />
      <div className="contact-point-forms">
        {addForm('email', 'New email', 'email')}
        {addForm('phone', 'New phone', 'tel')}
      </div>
    </section>
  );
}
