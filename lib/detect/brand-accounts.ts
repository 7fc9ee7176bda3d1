import type { DetectedContactInput } from '../model/detected';

type Detection = DetectedContactInput;

/**
 * A site's own accounts are not people: applied once to the merged people of a page, where a
 * reading is used (the background as a report arrives, and `detect()`), not in content scripts.
 *
 * - Role mailboxes: a local part that names a function, not a person (`tips@`, `press@`,
 *   `support@`, `editors@`, `accessibility@`, `membership@`…, with a team or desk word before it:
 *   `customerservice@`, `newsroom@`), or the site's own name (`mozilla@e.mozilla.org`). The list is
 *   what the 91 pages of the issue and the two conformance sets show, plus the usual RFC 2142 names.
 *   Not `office@`: a small firm's only address, often its office manager's, and one a user adds
 *   on purpose (the team page fixture's "Questions? Email us").
 * - Hotline numbers: toll-free (+1 800/833/844/855/866/877/888, 0800/0808 and +CC 800, 1800).
 * - A set of `rel=me` links that no h-card or schema.org Person joined by a shared profile: the
 *   "Follow us" links of a site that is not a person's page.
 *
 * A mail's or an event's participant (from, to, cc) always stays: the user corresponds with
 * `support@…` on purpose. A role mailbox or hotline stays with a real person's name attached (an h-card, schema.org
 * Person, byline or site reader named them, or the link text is a full name: "Jane Doe" on
 * `press@…` is the press contact); a detection left with nothing that identifies a person is
 * dropped.
 */
const ROLE_LOCAL =
  /^(?:customer|reader|member|subscriber|app|web|news|press|media|tech|general|ad|business)?(?:info(?:rmation)?|tips?|press(?:office)?|media|news(?:room|desk|letters?)?|support|help(?:desk)?|services?|care|contact(?:us)?|hello|hi|mail|admin(?:istrator)?|webmaster|editor(?:s|ial)?|letters|feedback|corrections?|accessibility|members(?:hip)?|subscriptions?|sales|marketing|advertis(?:e|ing)|ads|adinquiries|[ei]nquiries|partnerships?|jobs|careers|hr|legal|privacy|abuse|security|billing|team|events|community|relations|reception)$/;
/** Words in a link's text that name a function, not a person: "Customer Service", "Press Office". */
const ROLE_WORDS = /\b(?:service|support|team|desk|sales|press|media|office|help|info|contact|news|editors?|advertis\w*|tips?|feedback|customer|us)\b/i;
const TOLL_FREE = /^(?:\+1(?:800|833|844|855|866|877|888)|\+\d{1,3}80[08]|0800|0808|\+?61?1800|1800)/;
/** Detectors that read a link alone: their name is its text. */
const LINK_DETECTORS = new Set(['mailto', 'tel', 'text', 'rel-me']);

export function isRoleMailbox(address: string): boolean {
  const [local = '', domain = ''] = address.toLowerCase().split('@');
  const letters = local.replace(/\+.*$/, '').replace(/[^a-z]/g, '');
  return ROLE_LOCAL.test(letters) || domain.split('.').slice(0, -1).some((label) => label.replace(/[^a-z]/g, '') === letters);
}

export const isTollFree = (phone: string) => TOLL_FREE.test(phone);

/** Whether the detection carries a person's name: read from markup about a person, or a link text that is a full name. */
function namesAPerson(detection: Detection): boolean {
  const name = detection.name;
  if (!name) return false;
  if ((detection.evidence ?? []).some((item) => !LINK_DETECTORS.has(item.detector))) return true;
  const words = name.split(' ');
  return words.length >= 2 && words.every((word) => /^\p{Lu}/u.test(word)) && !ROLE_WORDS.test(name);
}

export function withoutBrandAccounts<T extends Detection>(people: readonly T[]): T[] {
  const kept: T[] = [];
  for (const person of people) {
    const evidence = person.evidence ?? [];
    if (!person.name && evidence.length > 0 && evidence.every((item) => item.detector === 'rel-me')) continue;
    if (/^(?:from|to|cc)$/.test(person.role ?? '') || namesAPerson(person)) {
      kept.push(person);
      continue;
    }
    const emails = (person.emails ?? []).filter((email) => !isRoleMailbox(email));
    const phones = (person.phones ?? []).filter((phone) => !isTollFree(phone));
    if (emails.length === (person.emails ?? []).length && phones.length === (person.phones ?? []).length) kept.push(person);
    else if (emails.length > 0 || phones.length > 0 || person.profiles?.length) kept.push({ ...person, emails, phones });
  }
  return kept;
}
