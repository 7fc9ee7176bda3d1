import { searchWords, type Contact } from '../model';

/** The derived index keys of a contact, recomputed on every write so they never go stale. */
export function withIndexKeys(contact: Contact): Contact {
  const words = new Set<string>();
  addWords(words, contact.name);
  addWords(words, contact.company);
  for (const email of contact.emails) addWords(words, email);
  for (const tag of contact.tags) addWords(words, tag);
  // Whole addresses too, so "ada@ex" prefix-matches the address as typed.
  for (const email of contact.emails) words.add(email);
  const { phoneText: written, ...rest } = contact;
  const phoneText = written && phonesStillHeld(written, contact.phones);
  return {
    ...rest,
    ...(phoneText ? { phoneText } : {}),
    profileUrls: [...new Set(contact.profiles.map((profile) => profile.url))],
    searchTokens: [...words],
  };
}

function addWords(words: Set<string>, text: string | undefined): void {
  if (text) for (const word of searchWords(text)) words.add(word);
}

/**
 * A phone's original text lives only as long as the phone (removed, merged away: dropped).
 * undefined when no phone has one; the same object when every entry is still held (the usual case).
 */
function phonesStillHeld(phoneText: Record<string, string>, phones: readonly string[]): Record<string, string> | undefined {
  const written = Object.keys(phoneText);
  const held = written.filter((phone) => phones.includes(phone));
  if (held.length === 0) return undefined;
  if (held.length === written.length) return phoneText;
  return Object.fromEntries(held.map((phone) => [phone, phoneText[phone]!]));
}
