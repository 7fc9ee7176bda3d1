import { defineConfig } from 'wxt';


export default defineConfig({
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  manifest: ({ browser }) => ({
    name: 'Sidebar CRM',
    description: 'A local-first CRM in your side panel: the people on the page, their value and history.',
    permissions: ['storage', 'tabs', ...(browser === 'firefox' ? [] : ['sidePanel'])],
    action: { default_title: 'Open Sidebar CRM' },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'sidebar-crm@sidebar-crm.dev',
              strict_min_version: '142.0',
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
  zip: {
    excludeSources: ['test-results/**', 'playwright-report/**', '.bench/**', 'data/**', '.env*'],
  },
});
