import { github, GITHUB_IDENTITY } from './github';
import { gmail } from './gmail';
import { googleCalendar } from './google-calendar';
import { linkedin, LINKEDIN_IDENTITY } from './linkedin';
import { outlook } from './outlook';
import { outlookCalendar } from './outlook-calendar';
import type { ProfileIdentity, SiteKind } from './site';

/**
 * The site readers. Each declares itself in `<site>.ts` (pure: lib/model and every content script
 * may read it) and reads its pages in `<site>.dom.ts`, whose adapter the engine it names carries
 * (lib/detect/engines/). The content scripts' host access, the model's site enums, profile URL
 * identity, labels and the fixture tests follow this list; test/unit/detect/sites/registry.test.ts
 * proves the rest of the tree agrees with it.
 */
export const SITES = [gmail, outlook, linkedin, github, googleCalendar, outlookCalendar] as const;

export type SiteName = (typeof SITES)[number]['name'];
type SiteNameOfKind<Kind extends SiteKind> = Extract<(typeof SITES)[number], { kind: Kind }>['name'];

/** The site as people call it ("LinkedIn"), by its name. */
export function siteLabel(name: SiteName): string {
  return SITES.find((site) => site.name === name)?.label ?? name;
}

/** The names of the sites whose pages are about one kind of thing: the model's `site` enums. */
export function siteNamesOf<Kind extends SiteKind>(kind: Kind): [SiteNameOfKind<Kind>, ...SiteNameOfKind<Kind>[]] {
  const names = SITES.filter((site) => site.kind === kind).map((site) => site.name);
  if (names.length === 0) throw new Error(`no site reads ${kind} pages`);
  return names as [SiteNameOfKind<Kind>, ...SiteNameOfKind<Kind>[]];
}

/**
 * The profile sites' identity rules, kept apart from SITES so that lib/model (and through it
 * every content script, 40 KB each) carries these few regular expressions, not every site's URL
 * matchers. The registry test checks it lists exactly the profile sites' rules, in SITES order.
 */
export const PROFILE_IDENTITIES: readonly ProfileIdentity[] = [LINKEDIN_IDENTITY, GITHUB_IDENTITY];
