import { browser } from 'wxt/browser';
import { clearTabDetections, forgetIfNavigatedAway } from '@/lib/session/tab-detections';
import { routeMessage } from './messages';
import { openPanelFromToolbarButton } from './side-panel';
import { startValueRecompute } from './value-recompute';
import { setUpSiteAccess } from './site-access';
import { startSync } from './sync';
import { startReminders } from './reminders';

export default defineBackground(() => {
  openPanelFromToolbarButton();
  setUpSiteAccess();

  const extensionOrigin = browser.runtime.getURL('/');
  browser.runtime.onMessage.addListener((message, sender) =>
    routeMessage(message, {
      tabId: sender.tab?.id,
      fromExtensionPage: (sender.url ?? '').startsWith(extensionOrigin),
      url: sender.url,
      frameId: sender.frameId,
    }),
  );

  startValueRecompute();
  startSync();
  startReminders();

  browser.tabs.onRemoved.addListener((tabId) => void clearTabDetections(tabId));
  browser.tabs.onUpdated.addListener((tabId, change) => {
    if (change.url) void forgetIfNavigatedAway(tabId, change.url);
  });
});
