/**
 * One place that turns raw values read from any file (CSV cell, vCard property) into the clean
 * fields of an ImportedContact, and decides when a row identifies nobody. Every parser goes
 * through it, so a CSV and a vCard of the same person import alike.
 */
import type { ProfileLink } from '../contact';
import { overLimit } from '../contact-limits';
import { isEmailAddress } from '../email';
import { normalizeEmail } from '../normalize';
import { profileKindFor } from '../profile-kind';
import type { ImportedContact, RejectedRow } from './types';
import { locationAndAddresses, type AddressDraft } from './addresses';

/** Limits of the stored Contact (lib/model/contact.ts). */
const MAX_TEXT = 300;
const MAX_PHONE = 40;
const MAX_TAG = 80;
const MAX_URL = 2048;

/** What a parser collected for one person, before cleaning. */
export interface ContactDraft {
  line: number;
  name?: string;
  emails: string[];
  phones: string[];
  company?: string;
  title?: string;
  /** A location column of its own (CSV); else the location comes from `addresses`. */
  location?: string;
  addresses: AddressDraft[];
  urls: Array<{ url: string; label?: string }>;
  tags: string[];
  note?: string;
  photo?: string;
}

export const EMBEDDED_PHOTOS_DROPPED = 'embedded photos dropped (only http(s) photo links are kept)';

export function emptyDraft(line: number): ContactDraft {
  return { line, emails: [], phones: [], addresses: [], urls: [], tags: [] };
}

/**
 * Counts what was dropped or changed, so the user reads one notice per kind ("3 invalid email
 * addresses dropped, lines 4, 9, 12") instead of a note per row.
 */
export class ImportTally {
  private readonly lines = new Map<string, number[]>();

  add(what: string, line: number): void {
    const list = this.lines.get(what) ?? [];
    list.push(line);
    this.lines.set(what, list);
  }

  notices(): string[] {
    return [...this.lines].map(([what, lines]) => {
      const shown = lines.slice(0, 10).join(', ');
      const more = lines.length > 10 ? ` and ${lines.length - 10} more` : '';
      return `${lines.length} ${what} (line${lines.length === 1 ? '' : 's'} ${shown}${more}).`;
    });
  }
}

/** Whitespace collapsed; undefined when empty; shortened (with a notice) past the stored limit. */
function shortText(raw: string | undefined, tally: ImportTally, line: number): string | undefined {
  const text = raw?.replace(/\s+/g, ' ').trim();
  if (!text) return undefined;
  if (text.length <= MAX_TEXT) return text;
  tally.add(`values longer than ${MAX_TEXT} characters shortened`, line);
  return text.slice(0, MAX_TEXT);
}


/**
 * `Ada@Example.ORG`, `mailto:ada@example.org` → `ada@example.org`; undefined when not an address
 * by the one rule every entry point uses (lib/model/email.ts; non-ASCII addresses such as
 * Thunderbird's Shift_JIS sample pass). The detectors' stricter "not a robot, not an example
 * domain" rules do not apply: the user chose to import this.
 */
export function cleanEmail(raw: string): string | undefined {
  const address = normalizeEmail(raw.replace(/^mailto:/i, ''));
  return address.length <= 254 && isEmailAddress(address) ? address : undefined;
}

/**
 * `"Omega" <omega@example.com>` or `Omega <omega@example.com>` (a mail header's form, which some
 * cards and CSVs hold) → the address and the display name (issue 17, item 5); anything else is
 * the address as it is.
 */
export function splitMailbox(raw: string): { address: string; name?: string } {
  const match = /^\s*(?:"((?:[^"\\]|\\.)*)"|([^<>"]*?))\s*<([^<>\s]+)>\s*$/.exec(raw);
  if (!match) return { address: raw };
  const name = (match[1] !== undefined ? match[1].replace(/\\(.)/g, '$1') : (match[2] ?? '')).replace(/\s+/g, ' ').trim();
  return { address: match[3]!, ...(name ? { name } : {}) };
}

/** A phone as written (lib/db normalises it); `tel:` URIs lose their scheme. */
function cleanPhone(raw: string): string | undefined {
  const phone = raw
    .trim()
    .replace(/^tel:/i, '')
    .replace(/;ext=/i, ' ext. ')
    .replace(/\s+/g, ' ');
  const digits = phone.replace(/\D/g, '').length;
  return digits >= 3 && phone.length <= MAX_PHONE ? phone : undefined;
}

/** An http(s) URL; a bare `www.example.org` gets `http://`; vCard 3's `http\://` is unescaped. */
export function cleanUrl(raw: string): string | undefined {
  let text = raw.trim().replace(/\\:/g, ':');
  if (/^www\.[^\s/]+\.[^\s/]+/i.test(text)) text = `http://${text}`;
  if (text.length > MAX_URL || !/^https?:\/\//i.test(text)) return undefined;
  try {
    const url = new URL(text);
    return url.hostname ? text : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The kind the side panel shows: by host for the sites it knows (linkedin, github, x…), else
 * the file's own label (a vCard TYPE, a Google "Website 1 - Label"), else "website". Exporters
 * write the kind as that label, so a round trip keeps it.
 */
export function profileKind(url: string, label?: string): string {
  const byHost = profileKindFor(url);
  if (byHost !== 'website') return byHost;
  const own = label?.trim().toLowerCase().replace(/\s+/g, '-');
  return own && own.length <= 40 && !['work', 'home', 'pref', 'other', 'internet', 'profile'].includes(own) ? own : 'website';
}

function pushUnique<T>(list: T[], value: T | undefined): void {
  if (value !== undefined && !list.includes(value)) list.push(value);
}

/**
 * The draft as a contact, or a rejected row when nothing identifies the person (no name, no
 * valid email, no phone). Invalid emails are dropped either way; the reason says so.
 */
export function finishDraft(draft: ContactDraft, tally: ImportTally): ImportedContact | RejectedRow {
  const { line } = draft;
  const emails: string[] = [];
  const invalidEmails: string[] = [];
  let displayName: string | undefined;
  for (const raw of draft.emails) {
    if (raw.trim() === '') continue;
    const mailbox = splitMailbox(raw);
    const email = cleanEmail(mailbox.address);
    if (email && mailbox.name) displayName ??= mailbox.name;
    if (email) pushUnique(emails, email);
    else invalidEmails.push(raw.trim());
  }
  const phones: string[] = [];
  let unusablePhones = 0;
  for (const raw of draft.phones) {
    if (raw.trim() === '') continue;
    const phone = cleanPhone(raw);
    if (phone) pushUnique(phones, phone);
    else unusablePhones += 1;
  }
  // The card's own name first; else the display name of its first `"Name" <address>`.
  const name = shortText(draft.name ?? displayName, tally, line);
  if (!name && emails.length === 0 && phones.length === 0) {
    const dropped = invalidEmails.length > 0 ? ` (invalid email ${JSON.stringify(invalidEmails[0]!.slice(0, 80))} dropped)` : '';
    return { line, reason: `no name, email or phone${dropped}` };
  }
  // Tallied only for rows that are kept: a rejected row's reason already says what was wrong.
  if (invalidEmails.length > 0) tally.add('invalid email addresses dropped, rows kept', line);
  if (unusablePhones > 0) tally.add('unusable phone numbers dropped', line);

  const profiles: ProfileLink[] = [];
  for (const { url: raw, label } of draft.urls) {
    if (raw.trim() === '') continue;
    const url = cleanUrl(raw);
    if (!url) tally.add('links that are not http(s) URLs dropped', line);
    else if (!profiles.some((profile) => profile.url === url)) profiles.push({ kind: profileKind(url, label), url });
  }
  const tags: string[] = [];
  for (const raw of draft.tags) {
    const tag = raw.trim();
    if (tag.length > MAX_TAG) tally.add(`tags longer than ${MAX_TAG} characters dropped`, line);
    else if (tag) pushUnique(tags, tag);
  }
  // The same per-contact limits as every other way in (lib/model/contact-limits.ts): a card
  // with 20,000 tags is refused with its line rather than stored and then refused by sync.
  const over = overLimit({ emails, phones, profiles, tags });
  if (over) return { line, reason: `${over}` };
  let avatarUrl: string | undefined;
  const photo = draft.photo?.trim();
  if (photo) {
    avatarUrl = cleanUrl(photo);
    // A data: URI, or bare base64 (vCard 3.0 without ENCODING), is the picture itself.
    const embedded = /^data:/i.test(photo) || !/^[a-z][a-z0-9+.-]*:/i.test(photo);
    if (!avatarUrl) tally.add(embedded ? EMBEDDED_PHOTOS_DROPPED : 'photo links that are not http(s) dropped', line);
  }
  const note = draft.note?.trim();

  const contact: ImportedContact = { line, emails, phones, profiles, tags };
  if (name) contact.name = name;
  const company = shortText(draft.company, tally, line);
  if (company) contact.company = company;
  const title = shortText(draft.title, tally, line);
  if (title) contact.title = title;
  const places = locationAndAddresses(draft.addresses, { keepAll: draft.location !== undefined });
  if (places.dropped > 0) tally.add(`postal addresses beyond ${places.addresses.length} dropped`, line);
  const location = shortText(draft.location ?? places.location, tally, line);
  if (location) contact.location = location;
  if (places.addresses.length > 0) contact.addresses = places.addresses;
  if (note) contact.note = note;
  if (avatarUrl) contact.avatarUrl = avatarUrl;
  return contact;
}

export function isRejected(result: ImportedContact | RejectedRow): result is RejectedRow {
  return 'reason' in result;
}
