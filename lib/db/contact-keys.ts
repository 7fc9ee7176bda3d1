import { searchWords, type Contact } from '../model';

/** The derived index keys of a contact, recomputed on every write so they never go stale. */
export function withIndexKeys(contact: Contact): Contact {
  const words = new Set<string>();
  for (const text of [contact.name, contact.company, ...contact.emails, ...contact.tags]) {
    if (text) for (const word of searchWords(text)) words.add(word);
  }
  // Whole addresses too, so "ada@ex" prefix-matches the address as typed.
  for (const email of contact.emails) words.add(email);
  // A phone's original text lives only as long as the phone (removed, merged away: dropped).
  const phoneText = contact.phoneText && Object.fromEntries(Object.entries(contact.phoneText).filter(([phone]) => contact.phones.includes(phone)));
  const { phoneText: _text, ...rest } = contact;
  return {
    ...rest,
    ...(phoneText && Object.keys(phoneText).length > 0 ? { phoneText } : {}),
    profileUrls: [...new Set(contact.profiles.map((profile) => profile.url))],
    searchTokens: [...words],
  };
}
