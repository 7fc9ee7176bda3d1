import type { z } from 'zod';
import { Interaction, MAX_FUTURE_MS, normalizeEmail, type EmailThreadContext } from '../model';
import { recordInteractions } from './activity';
import type { CrmDatabase } from './types';
import { newId } from './ids';
import { interactionStamp, readTeamStamp } from './team-stamp';

type EmailThread = z.infer<typeof EmailThreadContext>;

/**
 * Logs an open webmail thread as history: one "email" interaction per message for each known
 * contact taking part, keyed by the webmail's message id, so re-opening or re-rendering the
 * thread never logs a message twice. Returns how many interactions were added.
 */
export async function logEmailThread(db: CrmDatabase, thread: EmailThread, now: number = Date.now()): Promise<number> {
  const account = thread.account ? normalizeEmail(thread.account) : undefined;
  // Captured mail is private to its author by default while syncing (see team-stamp.ts).
  const team = interactionStamp(await readTeamStamp(db), 'email', true);
  return db.transaction('rw', db.contacts, db.interactions, db.activity, async () => {
    const written: Interaction[] = [];
    for (const message of thread.messages) {
      const from = message.from ? normalizeEmail(message.from) : undefined;
      const participants = [from, ...message.to, ...message.cc]
        .filter((email): email is string => !!email)
        .map(normalizeEmail)
        .filter((email) => email !== account);
      // Everyone it was addressed to, each once, in the page's order.
      const recipients = [...new Set([...message.to, ...message.cc].map(normalizeEmail))];
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
          // A page's date more than a day ahead is a misread (or a forgery), not history.
          at: message.date !== undefined && message.date <= now + MAX_FUTURE_MS ? message.date : now,
          direction: outgoing ? 'out' : 'in',
          subject: thread.subject,
          url: thread.url,
          externalId: message.id,
          ...(from ? { from } : {}),
          ...(recipients.length > 0 ? { to: recipients } : {}),
          ...(account ? { account } : {}),
          threadId: thread.threadId,
          ...team,
        });
        await db.interactions.add(interaction);
        written.push(interaction);
      }
    }
    await recordInteractions(db, written, now);
    return written.length;
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

/** An interaction as the side panel logs it (calls and meetings carry duration and outcome). */
export const LoggedInteraction = Interaction;
export type LoggedInteraction = z.infer<typeof LoggedInteraction>;
export type InteractionInput = Omit<z.input<typeof LoggedInteraction>, 'id'>;

/**
 * Logs an interaction the user typed (a note, call, meeting…) for a live contact and updates the
 * contact's activity facts in the same transaction. Throws, with nothing written, if the input is
 * invalid or the contact is gone.
 */
export async function addInteraction(db: CrmDatabase, input: InteractionInput, now: number = Date.now()): Promise<LoggedInteraction> {
  const team = interactionStamp(await readTeamStamp(db), input.kind, false);
  const interaction = LoggedInteraction.parse({ ...team, ...input, id: newId(now) });
  return db.transaction('rw', db.contacts, db.interactions, db.activity, async () => {
    const contact = await db.contacts.get(interaction.contactId);
    if (!contact || contact.deletedAt) throw new Error(`No contact with id ${interaction.contactId}`);
    await db.interactions.add(interaction);
    await recordInteractions(db, [interaction], now);
    return interaction;
  });
}
