/**
 * What a placeholder can stand for. Built-in fields come from the contact's own fields; custom
 * fields come from tags written "key: value" (a tag "school: MIT" fills `{{custom.school}}`), so
 * they need no new synced field and are edited where tags already are, in the profile.
 */

export const TEMPLATE_FIELDS = ['firstName', 'lastName', 'name', 'company', 'title', 'location', 'email', 'phone'] as const;
export type TemplateField = (typeof TEMPLATE_FIELDS)[number];

/** `custom.` + a key of letters, digits, `-` or `_` (matched case-insensitively). */
export const CUSTOM_PREFIX = 'custom.';
const CUSTOM_KEY = /^[\p{L}\p{N}_-]{1,40}$/u;

/** The contact fields templates read; every one optional, so a bare address renders too. */
export interface TemplateContact {
  name?: string;
  emails?: readonly string[];
  phones?: readonly string[];
  company?: string;
  title?: string;
  location?: string;
  tags?: readonly string[];
}

const HONORIFICS = /^(?:dr|mr|mrs|ms|mx|miss|prof|sir|dame)\.?$/i;
const SUFFIXES = /^(?:jr|sr|ii|iii|iv|phd|md|esq)\.?$/i;

/**
 * First and last name from a full name: "Ada Lovelace", "Lovelace, Ada" (family name first),
 * honorifics and suffixes left out ("Dr. Grace Hopper Jr." → Grace, Hopper). A name that is an
 * address (webmail shows one when it knows no name) names nobody.
 */
export function splitName(name: string | undefined): { firstName?: string; lastName?: string } {
  const full = name?.trim() ?? '';
  if (full === '' || full.includes('@')) return {};
  const comma = full.split(',').map((part) => part.trim());
  if (comma.length === 2 && comma[0] && comma[1] && !SUFFIXES.test(comma[1])) {
    const given = words(comma[1]);
    return { ...(given[0] ? { firstName: given[0] } : {}), lastName: comma[0] };
  }
  const parts = words(full.replace(/,/g, ' '));
  if (parts.length === 0) return {};
  if (parts.length === 1) return { firstName: parts[0] };
  return { firstName: parts[0], lastName: parts.at(-1) };
}

function words(text: string): string[] {
  const all = text.split(/\s+/).filter(Boolean);
  while (all.length > 1 && HONORIFICS.test(all[0]!)) all.shift();
  while (all.length > 1 && SUFFIXES.test(all.at(-1)!)) all.pop();
  return all;
}

/** A placeholder name as written → the field it stands for, or null when it stands for nothing known. */
export function resolveFieldName(raw: string): { kind: 'field'; field: TemplateField } | { kind: 'custom'; key: string } | null {
  const lower = raw.toLowerCase();
  const field = TEMPLATE_FIELDS.find((known) => known.toLowerCase() === lower);
  if (field) return { kind: 'field', field };
  if (lower.startsWith(CUSTOM_PREFIX)) {
    const key = raw.slice(CUSTOM_PREFIX.length);
    if (CUSTOM_KEY.test(key)) return { kind: 'custom', key: key.toLowerCase() };
  }
  return null;
}

/** Custom fields of a contact: tags "key: value" (first colon splits; keys case-insensitive, first wins). */
export function customFields(tags: readonly string[] = []): Map<string, string> {
  const fields = new Map<string, string>();
  for (const tag of tags) {
    const colon = tag.indexOf(':');
    if (colon <= 0) continue;
    const key = tag.slice(0, colon).trim().toLowerCase();
    const value = tag.slice(colon + 1).trim();
    if (CUSTOM_KEY.test(key) && value !== '' && !fields.has(key)) fields.set(key, value);
  }
  return fields;
}

/** A built-in field's value for a contact; undefined when the contact has none. */
export function fieldValue(contact: TemplateContact, field: TemplateField): string | undefined {
  const value = (() => {
    switch (field) {
      case 'firstName':
        return splitName(contact.name).firstName;
      case 'lastName':
        return splitName(contact.name).lastName;
      case 'name':
        return contact.name?.includes('@') ? undefined : contact.name;
      case 'email':
        return contact.emails?.[0];
      case 'phone':
        return contact.phones?.[0];
      default:
        return contact[field];
    }
  })();
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}
