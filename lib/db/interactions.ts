import type { z } from 'zod';
import { Interaction, normalizeEmail, type EmailThreadContext } from '../model';
import type { CrmDatabase } from './database';
import { newId } from './ids';

type EmailThread = z.infer<typeof EmailThreadContext>;

/**
 * Logs an open webmail thread as history: one "email" interaction per message for each known
 * contact taking part, keyed by the webmail's message id, so re-opening or re-rendering the
 * thread never logs a message twice. Returns how many interactions were added.
 */
export async function logEmailThread(db: CrmDatabase, thread: EmailThread, now: number = Date.now()): Promise<number> {
  const account = thread.account ? normalizeEmail(thread.account) : undefined;
  return db.transaction('rw', db.contacts, db.interactions, async () => {
    let added = 0;
    for (const message of thread.messages) {
      const from = message.from ? normalizeEmail(message.from) : undefined;
      const participants = [from, ...message.to, ...message.cc]
        .filter((email): email is string => !!email)
        .map(normalizeEmail)
        .filter((email) => email !== account);
      if (participants.length === 0) continue;
      const contacts = (await db.contacts.where('emails').anyOf(participants).toArray()).filter((c) => !c.deletedAt);
      if (contacts.length === 0) continue;
      const logged = new Set(
        (await db.interactions.where('externalId').equals(message.id).toArray()).map((row) => row.contactId),
      );
      for (const contact of new Map(contacts.map((c) => [c.id, c])).values()) {
        if (logged.has(contact.id)) continue;
        const outgoing = account ? from === account : !contact.emails.includes(from ?? '');
        const interaction = Interaction.parse({
          id: newId(now),
          contactId: contact.id,
          kind: 'email',
          at: message.date ?? now,
          direction: outgoing ? 'out' : 'in',
          subject: thread.subject,
          url: thread.url,
          externalId: message.id,
        });
        await db.interactions.add(interaction);
        added++;
      }
    }
    return added;
  });
}

/** A contact's history, newest first. */
export async function interactionsOf(db: CrmDatabase, contactId: string): Promise<Interaction[]> {
  return db.interactions
    .where('[contactId+at]')
    .between([contactId, -Infinity], [contactId, Infinity])
    .reverse()
    .toArray();
}
