import { browser } from 'wxt/browser';
import { CONTENT_SCRIPT_MATCHES } from '../detect/hosts';
import { CONTENT_SCRIPT_FILE } from './scan-tab';

const REGISTRATION_ID = 'opt-in-sites';

/** `https://www.acme.com/team` → `https://www.acme.com/*`, the pattern one site is granted by. */
export function sitePattern(url: string): string | null {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
    return `${parsed.protocol}//${parsed.hostname}/*`;
  } catch {
    return null;
  }
}

/**
 * Asks the user to let Sidebar CRM read one more site automatically. Must be the first thing a
 * click handler awaits: browsers only show the prompt during the user's gesture.
 */
export async function requestSite(url: string): Promise<boolean> {
  const pattern = sitePattern(url);
  if (!pattern) return false;
  const granted = await browser.permissions.request({ origins: [pattern] });
  if (granted) await syncOptInRegistration();
  return granted;
}

export async function forgetSite(url: string): Promise<void> {
  const pattern = sitePattern(url);
  if (!pattern) return;
  await browser.permissions.remove({ origins: [pattern] });
  await syncOptInRegistration();
}

/** The sites the user opted into: granted origins beyond the ones the manifest covers. */
export async function optInSites(): Promise<string[]> {
  const { origins = [] } = await browser.permissions.getAll();
  return origins.filter((origin) => !CONTENT_SCRIPT_MATCHES.includes(origin) && /^https?:\/\/[^*]/.test(origin));
}

/**
 * Keeps one dynamic content-script registration covering exactly the opted-in sites, so they are
 * scanned on load like the supported ones. Called on start-up and whenever permissions change.
 *
 * Two contexts run it at once after a grant (the page that asked, and the background on
 * `permissions.onAdded`): whichever registers second finds the script there and updates it, and
 * an unregister that finds it already gone is done (Firefox refuses both with an error, which
 * left "Always scan this site" doing nothing).
 */
export async function syncOptInRegistration(): Promise<void> {
  const sites = await optInSites();
  const registered = async () => (await browser.scripting.getRegisteredContentScripts({ ids: [REGISTRATION_ID] })).length > 0;
  if (sites.length === 0) {
    if (!(await registered())) return;
    await browser.scripting.unregisterContentScripts({ ids: [REGISTRATION_ID] }).catch(async (error: unknown) => {
      if (await registered()) throw error;
    });
    return;
  }
  const script = { id: REGISTRATION_ID, matches: sites, js: [CONTENT_SCRIPT_FILE], runAt: 'document_idle' as const };
  if (await registered()) {
    await browser.scripting.updateContentScripts([script]);
    return;
  }
  await browser.scripting.registerContentScripts([script]).catch(async (error: unknown) => {
    if (!(await registered())) throw error;
    await browser.scripting.updateContentScripts([script]);
  });
}
