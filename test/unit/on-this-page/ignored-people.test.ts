import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import {
  ignoredPeople,
  ignoreKeysOf,
  isIgnored,
  onIgnoredPeopleChange,
  parseIgnoredPeople,
  setIgnored,
} from '@/lib/site-access/ignored-people';

beforeEach(() => fakeBrowser.reset());

const ada = { emails: ['Ada@Example.org', 'ada@work.example'], profiles: [{ url: 'https://github.com/ada' }] };
const bob = { emails: ['bob@example.org'], profiles: [] };

describe('the ignore list', () => {
  it('remembers a person by every address (lower-cased) and profile URL', async () => {
    expect(ignoreKeysOf(ada)).toEqual(['ada@example.org', 'ada@work.example', 'https://github.com/ada']);
    await setIgnored(ada, true);
    const keys = new Set(await ignoredPeople());
    expect(isIgnored(ada, keys)).toBe(true);
    expect(isIgnored(bob, keys)).toBe(false);
    // Seen elsewhere by only one of their keys: still ignored.
    expect(isIgnored({ emails: [], profiles: [{ url: 'https://github.com/ada' }] }, keys)).toBe(true);
  });

  it('un-ignoring removes all of a person’s keys and keeps others', async () => {
    await setIgnored(ada, true);
    await setIgnored(bob, true);
    await setIgnored(ada, false);
    expect(await ignoredPeople()).toEqual(['bob@example.org']);
  });

  it('treats stored garbage as nothing ignored', async () => {
    expect(parseIgnoredPeople('ada@example.org')).toEqual([]);
    expect(parseIgnoredPeople(['ok@example.org', 3, null, '', 'x'.repeat(5000)])).toEqual(['ok@example.org']);
    await fakeBrowser.storage.local.set({ ignoredPeople: { not: 'a list' } });
    expect(await ignoredPeople()).toEqual([]);
  });

  it('reports changes', async () => {
    const callback = vi.fn();
    const stop = onIgnoredPeopleChange(callback);
    await setIgnored(bob, true);
    expect(callback).toHaveBeenLastCalledWith(['bob@example.org']);
    stop();
    await setIgnored(bob, false);
    expect(callback).toHaveBeenCalledTimes(1);
  });
});
