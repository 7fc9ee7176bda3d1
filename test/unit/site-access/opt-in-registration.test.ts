import { beforeEach, describe, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { syncOptInRegistration } from '@/lib/site-access/opt-in-sites';

interface Script {
  id: string;
  matches?: string[];
}

/** scripting's dynamic registrations as Firefox keeps them: registering an id twice, or unregistering a missing one, is an error. */
function firefoxLikeScripting(granted: string[]) {
  const scripts = new Map<string, Script>();
  const tick = () => new Promise((resolve) => setTimeout(resolve, 0));
  vi.spyOn(fakeBrowser.permissions, 'getAll').mockImplementation(async () => ({ origins: [...granted], permissions: [] }));
  Object.assign(fakeBrowser.scripting, {
    getRegisteredContentScripts: vi.fn(async ({ ids }: { ids: string[] }) => {
      await tick();
      return ids.flatMap((id) => (scripts.has(id) ? [scripts.get(id)!] : []));
    }),
    registerContentScripts: vi.fn(async (list: Script[]) => {
      await tick();
      for (const script of list) {
        if (scripts.has(script.id)) throw new Error(`Content script with id "${script.id}" is already registered.`);
        scripts.set(script.id, script);
      }
    }),
    updateContentScripts: vi.fn(async (list: Script[]) => {
      await tick();
      for (const script of list) {
        if (!scripts.has(script.id)) throw new Error(`Content script with id "${script.id}" does not exist.`);
        scripts.set(script.id, { ...scripts.get(script.id)!, ...script });
      }
    }),
    unregisterContentScripts: vi.fn(async ({ ids }: { ids: string[] }) => {
      await tick();
      for (const id of ids) if (!scripts.delete(id)) throw new Error(`Content script with id "${id}" does not exist.`);
    }),
  });
  return scripts;
}

describe('syncOptInRegistration', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    vi.restoreAllMocks();
  });

  test('run at once by the page that asked and by the background after a grant: both succeed, one registration', async () => {
    const granted = ['http://127.0.0.2/*'];
    const scripts = firefoxLikeScripting(granted);
    await expect(Promise.all([syncOptInRegistration(), syncOptInRegistration()])).resolves.toBeDefined();
    expect([...scripts.values()].map((script) => script.matches)).toEqual([['http://127.0.0.2/*']]);

    // A second site: the registration is updated in place.
    granted.push('https://acme.example/*');
    await Promise.all([syncOptInRegistration(), syncOptInRegistration()]);
    expect([...scripts.values()].map((script) => script.matches)).toEqual([['http://127.0.0.2/*', 'https://acme.example/*']]);

    // Every site removed, by two contexts at once: no registration left, no error.
    granted.length = 0;
    await expect(Promise.all([syncOptInRegistration(), syncOptInRegistration()])).resolves.toBeDefined();
    expect(scripts.size).toBe(0);
  });

  test('an error that is not the other context’s doing still surfaces', async () => {
    firefoxLikeScripting(['http://127.0.0.2/*']);
    vi.mocked(fakeBrowser.scripting.registerContentScripts).mockRejectedValue(new Error('Invalid match pattern'));
    await expect(syncOptInRegistration()).rejects.toThrow('Invalid match pattern');
  });
});
