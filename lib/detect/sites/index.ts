import type { SiteAdapter } from '../types';

/** The site adapters; the first whose `matches` accepts the URL reads the page. */
export const SITE_ADAPTERS: readonly SiteAdapter[] = [];
