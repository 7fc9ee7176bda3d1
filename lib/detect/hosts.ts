import { SITES } from './sites';

/**
 * Where the content scripts read pages without asking: the supported sites only, as each site
 * reader declares them (lib/detect/sites; each content script's share is `siteMatchesOf` its
 * engine). Any other page is read on demand (activeTab: "Scan this page") or on sites the user
 * opted into at run time.
 */
export const CONTENT_SCRIPT_MATCHES = [...new Set(SITES.flatMap((site) => site.matches))];

/**
 * Added only to builds made with `--mode local-pages` (`npm start`, the end-to-end tests): the
 * demo page and test fixtures are served from this machine. Release builds never read local pages.
 */
export const LOCAL_PAGE_MATCHES = ['http://localhost/*', 'http://127.0.0.1/*'];

/** What opting into a site can grant: any http(s) origin, one at a time, at the user's request. */
export const OPTIONAL_HOSTS = ['https://*/*', 'http://*/*'];
