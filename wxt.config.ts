import { defineConfig, type Wxt } from 'wxt';
import { LOCAL_PAGE_MATCHES, OPTIONAL_HOSTS } from './lib/detect/hosts';

/** `wxt build --mode local-pages` also reads pages on localhost (the demo page, test fixtures). */
export function addLocalPageAccess(mode: string, manifest: { content_scripts?: Array<{ matches?: string[] }> }): void {
  if (mode !== 'local-pages') return;
  for (const script of manifest.content_scripts ?? []) {
    script.matches = [...new Set([...(script.matches ?? []), ...LOCAL_PAGE_MATCHES])];
  }
}

export default defineConfig({
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  manifest: ({ browser }) => ({
    name: 'Sidebar CRM',
    description: 'A local-first CRM in your side panel: the people on the page, their value and history.',
    permissions: [
      'storage',
      'tabs',
      'activeTab',
      'scripting',
      'contextMenus',
      ...(browser === 'firefox' ? [] : ['sidePanel']),
    ],
    action: { default_title: 'Open Sidebar CRM' },
    ...(browser === 'firefox'
      ? {
          optional_permissions: OPTIONAL_HOSTS,
          browser_specific_settings: {
            gecko: {
              id: 'sidebar-crm@sidebar-crm.dev',
              strict_min_version: '142.0',
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : { optional_host_permissions: OPTIONAL_HOSTS }),
  }),
  hooks: {
    'build:manifestGenerated': (wxt: Wxt, manifest) => addLocalPageAccess(wxt.config.mode, manifest),
  },
  zip: {
    excludeSources: ['test-results/**', 'playwright-report/**', '.bench/**', 'data/**', '.env*'],
  },
});
