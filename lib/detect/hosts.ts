/**
 * Where the content scripts read pages without asking: the supported sites only. Any other page
 * is read on demand (activeTab: "Scan this page") or on sites the user opted into at run time.
 */
export const GMAIL_MATCHES = ['https://mail.google.com/*'];

export const OUTLOOK_MATCHES = [
  'https://outlook.office.com/*',
  'https://outlook.office365.com/*',
  'https://outlook.cloud.microsoft/*',
  'https://outlook.live.com/*',
];

export const PROFILE_MATCHES = [
  // Public profiles are often served on country subdomains (de.linkedin.com, uk.linkedin.com).
  'https://*.linkedin.com/*',
  'https://github.com/*',
];

export const CONTENT_SCRIPT_MATCHES = [...GMAIL_MATCHES, ...OUTLOOK_MATCHES, ...PROFILE_MATCHES];

/**
 * Added only to builds made with `--mode local-pages` (`npm start`, the end-to-end tests): the
 * demo page and test fixtures are served from this machine. Release builds never read local pages.
 */
export const LOCAL_PAGE_MATCHES = ['http://localhost/*', 'http://127.0.0.1/*'];

/** What opting into a site can grant: any http(s) origin, one at a time, at the user's request. */
export const OPTIONAL_HOSTS = ['https://*/*', 'http://*/*'];
