import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import calendarScript from '@/entrypoints/calendar.content';
import gmailScript from '@/entrypoints/gmail.content';
import outlookScript from '@/entrypoints/outlook.content';
import pageScript from '@/entrypoints/page.content';
import profilesScript from '@/entrypoints/profiles.content';
import { SITE_ADAPTERS } from '@/lib/detect';
import { SITE_ENGINES } from '@/lib/detect/engines';
import { CONTENT_SCRIPT_MATCHES } from '@/lib/detect/hosts';
import { PROFILE_IDENTITIES, SITES } from '@/lib/detect/sites';
import type { SiteEngine } from '@/lib/detect/sites/site';
import { EmailThreadContext, EventContext, ProfileContext } from '@/lib/model/detected';

/*
 * A site reader is declared once (lib/detect/sites/<site>.ts, listed in SITES); this proves the
 * rest of the tree follows the declarations, so a new site cannot be half added.
 */

const pagesDir = fileURLToPath(new URL('../../../fixtures/pages/', import.meta.url));

/** The content scripts that carry site readers, whose `matches` WXT writes into the manifest. */
const SCRIPTS: Record<SiteEngine, { matches?: unknown }> = {
  gmail: gmailScript,
  outlook: outlookScript,
  profiles: profilesScript,
  calendar: calendarScript,
};

function manifestMatches(script: { matches?: unknown }): string[] {
  expect(Array.isArray(script.matches), 'one list of match patterns for every browser').toBe(true);
  return script.matches as string[];
}

/** A content-script match pattern (`https://*.linkedin.com/*`) as a test of a URL. */
function matchesPattern(pattern: string, url: URL): boolean {
  const parts = /^(https?):\/\/(\*\.)?([^/*]+)\/(.*)$/.exec(pattern);
  if (!parts) throw new Error(`unsupported match pattern ${pattern}`);
  const [, scheme, anySubdomain, host, path] = parts;
  const hostMatches = url.hostname === host || (!!anySubdomain && url.hostname.endsWith(`.${host}`));
  const pathMatches = new RegExp(`^/${path!.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`).test(url.pathname);
  return url.protocol === `${scheme}:` && hostMatches && pathMatches;
}

function expectedUrlOf(fixture: string): URL {
  const expected = JSON.parse(readFileSync(`${pagesDir}${fixture.replace(/\.html$/, '.expected.json')}`, 'utf8')) as { url: string };
  return new URL(expected.url);
}

describe('site reader registry', () => {
  it('lists each site once, by a unique name, and every adapter belongs to a listed site', () => {
    const names = SITES.map((site) => site.name);
    expect(new Set(names).size).toBe(names.length);
    expect(SITE_ADAPTERS.map((adapter) => adapter.site).sort((a, b) => a.name.localeCompare(b.name))).toEqual(
      [...SITES].sort((a, b) => a.name.localeCompare(b.name)),
    );
  });

  it.each(SITES.map((site) => [site.name, site] as const))('%s: its hosts are in its content script’s manifest matches', (_, site) => {
    const scriptMatches = manifestMatches(SCRIPTS[site.engine]);
    for (const pattern of site.matches) expect(scriptMatches).toContain(pattern);
    for (const pattern of site.matches) expect(CONTENT_SCRIPT_MATCHES).toContain(pattern);
  });

  it('content scripts ask for no host beyond the sites they carry; the page script for none', () => {
    for (const [engine, script] of Object.entries(SCRIPTS)) {
      // Sites of one engine may share hosts (Outlook's mail and calendar): each is asked for once.
      const declared = [...new Set(SITES.filter((site) => site.engine === engine).flatMap((site) => site.matches))];
      expect(manifestMatches(script), engine).toEqual(declared);
    }
    expect(CONTENT_SCRIPT_MATCHES).toEqual([...new Set(SITES.flatMap((site) => site.matches))]);
    expect(pageScript.matches).toEqual([]);
  });

  it.each(SITES.map((site) => [site.name, site] as const))('%s: the engine it names carries its adapter, and no other does', (_, site) => {
    for (const [engine, { adapters }] of Object.entries(SITE_ENGINES)) {
      const carried = adapters.filter((adapter) => adapter.site === site);
      expect(carried, engine).toHaveLength(engine === site.engine ? 1 : 0);
    }
  });

  it('each engine carries only the adapters of sites that name it', () => {
    for (const [engine, { adapters }] of Object.entries(SITE_ENGINES)) {
      for (const adapter of adapters) expect(adapter.site.engine).toBe(engine);
    }
  });

  it.each(SITES.map((site) => [site.name, site] as const))(
    '%s: its fixtures exist, with expectations, at URLs its matches and URL matcher accept',
    (_, site) => {
      expect(site.fixtures.length).toBeGreaterThan(0);
      for (const fixture of site.fixtures) {
        expect(existsSync(`${pagesDir}${fixture}`), fixture).toBe(true);
        expect(existsSync(`${pagesDir}${fixture.replace(/\.html$/, '.expected.json')}`), fixture).toBe(true);
        const url = expectedUrlOf(fixture);
        expect(site.matches.some((pattern) => matchesPattern(pattern, url)), `${fixture}: ${url.href}`).toBe(true);
        expect(site.isPage(url), `${fixture}: ${url.href}`).toBe(true);
      }
    },
  );

  it('every site fixture page in test/fixtures/pages is declared by its site', () => {
    const declared = new Set(SITES.flatMap((site) => site.fixtures));
    const sitePages = readdirSync(pagesDir).filter((name) => SITES.some((site) => name.startsWith(`${site.name}-`)) && name.endsWith('.html'));
    for (const page of sitePages) expect(declared, page).toContain(page);
  });

  it('the model’s site enums are the registry’s names, by the kind of page each reads', () => {
    const namesOf = (kind: string) => SITES.filter((site) => site.kind === kind).map((site) => site.name);
    expect(EmailThreadContext.shape.site.options).toEqual(namesOf('email-thread'));
    expect(ProfileContext.shape.site.options).toEqual(namesOf('profile'));
    expect(EventContext.shape.site.options).toEqual(namesOf('event'));
    expect([...EmailThreadContext.shape.site.options, ...ProfileContext.shape.site.options, ...EventContext.shape.site.options].sort()).toEqual(
      SITES.map((site) => site.name).sort(),
    );
  });

  it('profile identity (canonicalProfileUrl) follows exactly the profile sites, in registry order', () => {
    const identities = SITES.flatMap((site) => ('profileIdentity' in site ? [site.profileIdentity] : []));
    expect(PROFILE_IDENTITIES).toEqual(identities);
    for (const site of SITES) expect('profileIdentity' in site, site.name).toBe(site.kind === 'profile');
  });
});

const PAGES: [string, string | undefined][] = [
  ['https://mail.google.com/mail/u/0/#inbox', 'gmail'],
  ['https://outlook.office.com/mail/inbox', 'outlook'],
  ['https://outlook.live.com/mail/0/', 'outlook'],
  ['https://outlook.office.com/calendar/view/week', 'outlook-calendar'],
  ['https://outlook.live.com/calendar/0/item/AQMkADAwATM0MDAAMS1iNTcwLWI2NTEtMDACLTAwCgBGAAAD', 'outlook-calendar'],
  ['https://outlook.office.com/people/', undefined],
  ['https://calendar.google.com/calendar/u/0/r/week/2026/12/7', 'google-calendar'],
  ['https://calendar.google.com/calendar/u/1/r/eventedit/NmJmM2Q0aGs4cjVxNzBhbDJ2Y2FmNWUxMW8gYWRhQGxvdmVsYWNlLmlv', 'google-calendar'],
  ['https://www.google.com/calendar/about/', undefined],
  ['https://www.linkedin.com/in/grace-hopper-1906/', 'linkedin'],
  ['https://de.linkedin.com/in/grace-hopper-1906', 'linkedin'],
  ['https://github.com/gracehopper', 'github'],
  ['https://github.com/gracehopper/flow-matic', undefined],
  ['https://www.linkedin.com/feed/', undefined],
  ['https://analyticalengines.co.uk/team', undefined],
];

describe('site adapters', () => {
  it.each(PAGES)('%s is read by %s, and by no other adapter', (url, expected) => {
    const matching = SITE_ADAPTERS.filter((adapter) => adapter.matches(new URL(url))).map((adapter) => adapter.name);
    expect(matching).toEqual(expected ? [expected] : []);
  });
});
