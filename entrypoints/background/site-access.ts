import { browser } from 'wxt/browser';
import { scanTab } from '@/lib/site-access/scan-tab';
import { syncOptInRegistration } from '@/lib/site-access/opt-in-sites';

const SCAN_MENU_ID = 'scan-page';

/**
 * "Scan this page for people" in the page's context menu (choosing it grants activeTab, so any
 * page can be read once), and the opted-in sites' content-script registration kept in step with
 * the permissions the user granted or removed.
 */
export function setUpSiteAccess(): void {
  browser.runtime.onInstalled.addListener(() => {
    browser.contextMenus.create({ id: SCAN_MENU_ID, title: 'Scan this page for people', contexts: ['page'] });
    void syncOptInRegistration().catch(logError);
  });
  browser.runtime.onStartup.addListener(() => void syncOptInRegistration().catch(logError));
  browser.permissions.onAdded.addListener(() => void syncOptInRegistration().catch(logError));
  browser.permissions.onRemoved.addListener(() => void syncOptInRegistration().catch(logError));
  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId !== SCAN_MENU_ID || tab?.id === undefined) return;
    void scanTab(tab.id, tab.url).then((outcome) => {
      if (!outcome.ok) console.warn('[sidebar-crm] scan from the context menu failed:', outcome.message);
    });
  });
}

function logError(error: unknown): void {
  console.error('[sidebar-crm] could not update the opted-in sites', error);
}
