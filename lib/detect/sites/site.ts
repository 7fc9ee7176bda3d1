/**
 * What a site reader declares about its site: everything the manifest, the content scripts, the
 * model and the tests need to know, with no DOM code, so that lib/model (imported by the server)
 * and every content script may read it. The DOM reading lives beside it in `<site>.dom.ts`.
 */

/** The content script (`entrypoints/<engine>.content.ts`) whose bundle carries a site's reader. */
export type SiteEngine = 'gmail' | 'outlook' | 'profiles' | 'calendar';

/** What the site's pages are about: the `kind` of the PageContext its reader reports. */
export type SiteKind = 'email-thread' | 'profile' | 'event';

/**
 * How a profile URL names one person, so every sighting (any subdomain, letter case or sub-page)
 * keys the same contact: a URL whose host matches `host` and whose path matches `path` is that
 * person, and `canonical` + the lower-cased first group of `path` is their one URL.
 */
export interface ProfileIdentity {
  readonly host: RegExp;
  readonly path: RegExp;
  readonly canonical: string;
}

export interface Site {
  /** The site's name: PageContext's `site`, the reader's name in evidence and logs. */
  readonly name: string;
  /** The site as people call it, for text the user reads ("Visited their GitHub profile"). */
  readonly label: string;
  readonly kind: SiteKind;
  readonly engine: SiteEngine;
  /** Content-script match patterns: the hosts the extension reads without asking. */
  readonly matches: readonly string[];
  /** URL matcher: the pages the site's reader reads (its other pages are left to the detectors). */
  isPage(url: URL): boolean;
  /** Profile sites: how their URLs name a person (lib/model's canonicalProfileUrl reads this). */
  readonly profileIdentity?: ProfileIdentity;
  /** Pages under test/fixtures/pages, each beside its `.expected.json`. */
  readonly fixtures: readonly string[];
}
