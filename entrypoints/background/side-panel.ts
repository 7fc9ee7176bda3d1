import { browser } from 'wxt/browser';

interface ChromeSidePanel {
  setPanelBehavior(behavior: { openPanelOnActionClick: boolean }): Promise<void>;
}

/**
 * The toolbar button opens the panel: Chrome does it natively once told to; Firefox's sidebar
 * has to be toggled from the click (its API requires the user's gesture).
 */
export function openPanelFromToolbarButton(): void {
  const sidePanel = (globalThis as { chrome?: { sidePanel?: ChromeSidePanel } }).chrome?.sidePanel;
  if (sidePanel) {
    sidePanel.setPanelBehavior({ openPanelOnActionClick: true }).catch((error: unknown) => {
      console.error('[sidebar-crm] could not set side panel behaviour', error);
    });
    return;
  }
  const sidebarAction = (browser as unknown as { sidebarAction?: { toggle(): Promise<void> } }).sidebarAction;
  const action = browser.action ?? browser.browserAction;
  if (sidebarAction && action) action.onClicked.addListener(() => void sidebarAction.toggle());
}
