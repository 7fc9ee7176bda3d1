import type { Site } from '../sites/site';
import type { SiteAdapter } from '../types';

/** A site's adapter: its reading of the page, under the site's own name and URL matcher. */
export function siteAdapter(site: Site, read: SiteAdapter['read']): SiteAdapter {
  return { site, name: site.name, matches: (url) => site.isPage(url), read };
}
