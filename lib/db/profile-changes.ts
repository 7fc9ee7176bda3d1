/**
 * The user clicked Update on a change alert: the page's values replace the stored ones (typed or
 * not: the click is the consent) and History gets one `profile-change` entry saying what moved,
 * with the page it came from, in one transaction. Deciding what changed is lib/profile-changes.
 */
import { Contact, Interaction } from '../model';
import { changeSubject, comparable, type ProfileChangeProposal } from '../profile-changes';
import { recordInteractions } from './activity';
import { withIndexKeys } from './contact-keys';
import { newId } from './ids';
import { interactionStamp, readTeamStamp } from './team-stamp';
import type { CrmDatabase } from './types';

/** Applies an accepted proposal. Refuses, changing nothing, when a field was edited since the alert was shown. */
export async function acceptProfileChanges(db: CrmDatabase, proposal: ProfileChangeProposal, now: number = Date.now()): Promise<Contact> {
  const team = interactionStamp(await readTeamStamp(db), 'profile-change', false);
  return db.transaction('rw', db.contacts, db.interactions, db.activity, async () => {
    const existing = await db.contacts.get(proposal.contactId);
    if (!existing || existing.deletedAt) throw new Error('This contact no longer exists.');
    const updated: Contact = { ...existing, updatedAt: now };
    for (const change of proposal.changes) {
      const current = existing[change.field]?.trim() || undefined;
      const same = current === undefined ? change.stored === undefined : change.stored !== undefined && comparable(change.field, current) === comparable(change.field, change.stored);
      if (!same) throw new Error('The contact changed since this alert appeared; nothing was updated. Look again.');
      updated[change.field] = change.page;
    }
    const parsed = Contact.parse(withIndexKeys(updated));
    const entry = Interaction.parse({
      id: newId(now),
      contactId: existing.id,
      kind: 'profile-change',
      at: now,
      subject: changeSubject(proposal.changes).slice(0, 1000),
      ...(/^https?:/.test(proposal.source.url) ? { url: proposal.source.url.slice(0, 2048) } : {}),
      ...team,
    });
    await db.contacts.put(parsed);
    await db.interactions.add(entry);
    await recordInteractions(db, [entry], now);
    return parsed;
  });
}
