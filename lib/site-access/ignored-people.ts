import { browser } from 'wxt/browser';

/**
 * People the user chose to ignore on pages, by email address (lower-cased) or profile URL, in
 * storage.local. Small and read often, so checked by hand like the paused sites.
 */
const KEY = 'ignoredPeople';
const MAX_KEY_LENGTH = 4096;

export function parseIgnoredPeople(value: unknown): string[] {
  return Array.isArray(value)
    ? value.filter((key): key is string => typeof key === 'string' && key.length > 0 && key.length <= MAX_KEY_LENGTH)
    : [];
}

/** What a detected person is remembered by: their addresses and profile URLs. */
export function ignoreKeysOf(person: { emails: readonly string[]; profiles: readonly { url: string }[] }): string[] {
  const keys = [...person.emails.map((email) => email.trim().toLowerCase()), ...person.profiles.map((profile) => profile.url)];
  return [...new Set(keys.filter((key) => key.length > 0 && key.length <= MAX_KEY_LENGTH))];
}

/** A person is ignored when any of their addresses or profiles is. */
export function isIgnored(person: Parameters<typeof ignoreKeysOf>[0], ignored: ReadonlySet<string>): boolean {
  return ignoreKeysOf(person).some((key) => ignored.has(key));
}

export async function ignoredPeople(): Promise<string[]> {
  return parseIgnoredPeople((await browser.storage.local.get(KEY))[KEY]);
}

/** Ignoring adds all of a person's keys; un-ignoring removes them all, so no stray key hides them. */
export async function setIgnored(person: Parameters<typeof ignoreKeysOf>[0], ignored: boolean): Promise<void> {
  const current = new Set(await ignoredPeople());
  for (const key of ignoreKeysOf(person)) {
    if (ignored) current.add(key);
    else current.delete(key);
  }
  await browser.storage.local.set({ [KEY]: [...current].sort() });
}

/** Calls back with the whole new list whenever it changes. */
export function onIgnoredPeopleChange(callback: (keys: string[]) => void): () => void {
  const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area === 'local' && KEY in changes) callback(parseIgnoredPeople(changes[KEY]?.newValue));
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
