import type { DetectedContactInput, PageContextInput } from '../../model/detected';
import { canonicalProfileUrl } from '../../model/normalize';
import type { SiteReading } from '../types';
import { describeElement } from '../evidence';
import { asEmail, field, httpUrl, textOf } from '../site-support/page-text';
import { profileKindFor } from '../../model/profile-kind';
import { siteAdapter } from '../site-support/site-adapter';
import { signedIn } from '../site-support/signed-in-user';
import { github, gitHubLogin, gitHubProfileUrl } from './github';

/*
 * A GitHub user page is a schema.org Person in microdata and an h-card at once: `.p-name`
 * (itemprop=name), `.p-nickname` (the login), `itemprop=worksFor` (`.p-org`), `itemprop=
 * homeLocation`, `itemprop=email` (`.u-email`, shown to signed-in viewers only), `itemprop=url`
 * (the website) and `itemprop=social` links, under `.vcard-details`. Who is signed in is
 * `<meta name="user-login">`. Organisation pages share the URL shape but are no Person: nothing
 * is read there.
 */

function profileRoot(root: ParentNode): Element | null {
  return (
    root.querySelector('[itemtype="http://schema.org/Person"], [itemtype="https://schema.org/Person"]') ??
    root.querySelector('.h-card') ??
    root.querySelector('.vcard-names')?.closest('.Layout-sidebar') ??
    null
  );
}

/** GitHub writes an organisation mention as "@github": the company is "github". */
function company(raw: string): string | undefined {
  const text = field(raw);
  return text && /^@[\w-]+$/.test(text) ? text.slice(1) : text;
}

function avatar(card: Element, base: URL): string | undefined {
  const raw =
    card.querySelector('a[itemprop="image"]')?.getAttribute('href') ??
    card.querySelector('img.avatar-user')?.getAttribute('src');
  const href = httpUrl(raw, base);
  return href?.startsWith('https://') ? href : undefined;
}

/** The website and social accounts of the vcard, canonical, http(s) only. */
function links(card: Element, base: URL): { kind: string; url: string }[] {
  const found: { kind: string; url: string }[] = [];
  for (const link of card.querySelectorAll('[itemprop="url"] a[href], [itemprop="social"] a[href]')) {
    const href = httpUrl(link.getAttribute('href'), base);
    const url = href ? canonicalProfileUrl(href) : null;
    if (url && !found.some((known) => known.url === url)) found.push({ kind: profileKindFor(url), url });
  }
  return found;
}

function readGitHub(root: ParentNode, url: URL): SiteReading {
  const viewer = root.querySelector('meta[name="user-login"]')?.getAttribute('content')?.trim() || undefined;
  const viewerUrl = viewer ? gitHubProfileUrl(viewer) : undefined;
  const card = profileRoot(root);
  // The login as GitHub spells it; pronouns may follow it in the same element ("octocat · he/him").
  const nickname = textOf(card?.querySelector('.p-nickname, [itemprop="additionalName"]')).split(' ')[0] ?? '';
  const login = gitHubLogin(gitHubProfileUrl(nickname)) ?? gitHubLogin(url);
  if (!card || !login) return { contacts: [], ...(viewerUrl ? { signedInUser: { profileUrls: [viewerUrl] } } : {}) };

  const profileUrl = gitHubProfileUrl(login);
  const emailElement = card.querySelector('[itemprop="email"] a[href^="mailto:"], a.u-email, [itemprop="email"]');
  const href = emailElement?.getAttribute('href')?.replace(/^mailto:/i, '').split('?')[0];
  const email = asEmail(href) ?? asEmail(textOf(emailElement));
  const elsewhere = links(card, url);

  // "Edit profile" is offered on one's own profile only.
  const editable = card.querySelector('.js-profile-editable-edit-button') !== null;
  if (viewer && (viewer.toLowerCase() === login.toLowerCase() || editable)) {
    // The viewer's own profile: everything on it identifies the viewer, for every detector.
    const identity = signedIn([email], [profileUrl, viewerUrl, ...elsewhere.map((link) => link.url)]);
    return { contacts: [], ...(identity ? { signedInUser: identity } : {}) };
  }

  const nameElement = card.querySelector('.p-name, [itemprop="name"]');
  const contact: DetectedContactInput = {
    profiles: [{ kind: 'github', url: profileUrl }, ...elsewhere],
    role: 'subject',
    evidence: [{ detector: github.name, element: describeElement(nameElement ?? card) }],
  };
  const name = field(textOf(nameElement));
  const org = company(textOf(card.querySelector('[itemprop="worksFor"] .p-org, [itemprop="worksFor"]')));
  const location = field(textOf(card.querySelector('[itemprop="homeLocation"]')));
  const photo = avatar(card, url);
  if (name) contact.name = name;
  if (email) contact.emails = [email];
  if (org) contact.company = org;
  if (location) contact.location = location;
  if (photo) contact.photo = photo;

  const context: PageContextInput = { kind: 'profile', site: github.name, url: profileUrl };
  return { contacts: [contact], context, ...(viewerUrl ? { signedInUser: { profileUrls: [viewerUrl] } } : {}) };
}

/** Reads GitHub user profiles (see github.ts). On the viewer's own profile nobody is proposed. */
export const gitHubAdapter = siteAdapter(github, readGitHub);
