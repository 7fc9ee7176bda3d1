/** Small reading helpers the site adapters share. Pure; they only read what they are given. */
import type { DetectedContactInput } from '../../model/detected';
import { describeElement, looksLikeEmail } from '../text';

/** An element's text, whitespace collapsed; '' for a missing element. */
export function textOf(element: Element | null | undefined): string {
  return (element?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** A non-empty, bounded string, or undefined: what an optional contact field takes. */
export function field(text: string | null | undefined, max = 300): string | undefined {
  const clean = (text ?? '').replace(/\s+/g, ' ').trim();
  return clean ? clean.slice(0, max) : undefined;
}

/** The address itself, lower-cased, if the text is one (surrounding <> and spaces allowed). */
export function asEmail(text: string | null | undefined): string | undefined {
  const candidate = (text ?? '').trim().replace(/^<|>$/g, '').trim().toLowerCase();
  return looksLikeEmail(candidate) ? candidate : undefined;
}

const ADDRESS_IN_TEXT = /[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)+/gi;

/** Every address-looking token in a text, lower-cased, in order, without repeats. */
export function emailsIn(text: string | null | undefined): string[] {
  const found = (text ?? '').match(ADDRESS_IN_TEXT) ?? [];
  return [...new Set(found.map((email) => email.toLowerCase()))].filter(looksLikeEmail);
}

/** An absolute http(s) URL for a link or image reference, resolved against the page. */
export function httpUrl(raw: string | null | undefined, base: URL): string | undefined {
  if (!raw) return undefined;
  try {
    const url = new URL(raw.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** The signed-in user's identifiers: deduplicated, undefined when there are none. */
export function signedIn(emails: (string | undefined)[], profileUrls: (string | undefined)[] = []) {
  const cleanEmails = [...new Set(emails.filter((email): email is string => !!email))];
  const cleanProfiles = [...new Set(profileUrls.filter((url): url is string => !!url))];
  if (cleanEmails.length === 0 && cleanProfiles.length === 0) return undefined;
  return {
    ...(cleanEmails.length ? { emails: cleanEmails } : {}),
    ...(cleanProfiles.length ? { profileUrls: cleanProfiles } : {}),
  };
}

export type MailRole = 'from' | 'to' | 'cc';
const ROLE_RANK: Record<MailRole, number> = { from: 0, to: 1, cc: 2 };

/**
 * The people of a mail thread, one per address, in order of first appearance. A person seen in
 * several roles keeps the closest one (from, then to, then cc): who wrote matters more than who
 * was copied.
 */
export class Participants {
  private readonly byEmail = new Map<string, DetectedContactInput & { role: MailRole; emails: string[] }>();

  constructor(private readonly detector: string) {}

  add(email: string, name: string | undefined, role: MailRole, element: Element): void {
    const evidence = { detector: this.detector, element: describeElement(element) };
    const known = this.byEmail.get(email);
    if (!known) {
      this.byEmail.set(email, { ...(name ? { name } : {}), emails: [email], role, evidence: [evidence] });
      return;
    }
    if (!known.name && name) known.name = name;
    if (ROLE_RANK[role] < ROLE_RANK[known.role]) known.role = role;
    const seen = known.evidence ?? [];
    if (seen.length < 50 && !seen.some((item) => item.element === evidence.element)) seen.push(evidence);
    known.evidence = seen;
  }

  list(excluded: Iterable<string> = []): DetectedContactInput[] {
    const skip = new Set(excluded);
    return [...this.byEmail.entries()].filter(([email]) => !skip.has(email)).map(([, person]) => person);
  }
}

/** A display name that is a name, not the address again nor the pronoun webmail shows for you. */
export function personName(raw: string | null | undefined, email: string): string | undefined {
  const name = field(raw)?.replace(/^["']|["']$/g, '').trim();
  if (!name || name.toLowerCase() === email || name.includes('@') || /^me$/i.test(name)) return undefined;
  return name;
}
