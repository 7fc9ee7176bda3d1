/**
 * URL → "which kind of page is this" for the supported sites, apart from any DOM work (after
 * refined-github's github-url-detection). Pure; every function takes a URL or a string and
 * answers false/undefined for anything it cannot parse.
 */

function toUrl(input: URL | string): URL | undefined {
  if (input instanceof URL) return input;
  try {
    return new URL(input);
  } catch {
    return undefined;
  }
}

function isHttps(url: URL): boolean {
  return url.protocol === 'https:';
}

function decodeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

// --- Gmail -------------------------------------------------------------------------------------

/**
 * Gmail's web app: https://mail.google.com/mail/u/0/#inbox (any account index, any view).
 * Test URLs: https://mail.google.com/mail/u/0/#inbox, https://mail.google.com/mail/u/1/#sent/FMfcgz…
 */
export function isGmail(input: URL | string): boolean {
  const url = toUrl(input);
  return !!url && isHttps(url) && url.hostname === 'mail.google.com' && /^\/mail(\/|$)/.test(url.pathname);
}

/** Gmail's list views whose hash names a folder, label or search and then, optionally, a thread. */
const GMAIL_VIEW = [
  'inbox', 'starred', 'snoozed', 'sent', 'drafts', 'imp', 'all', 'spam', 'trash', 'scheduled', 'chats',
  String.raw`category/\w+`, 'label/[^/]+', 'search/[^/]+', 'advanced-search/[^/]+',
].join('|');
const GMAIL_THREAD_HASH = new RegExp(String.raw`^#(?:${GMAIL_VIEW})/([A-Za-z0-9]{16,})$`);

/**
 * The thread key in an open thread's URL (`#inbox/FMfcgzQXJ…`), or undefined on list views,
 * settings and compose-only URLs. It is Gmail's URL key, not the API thread id the DOM carries.
 */
export function gmailThreadKey(input: URL | string): string | undefined {
  const url = toUrl(input);
  if (!url || !isGmail(url)) return undefined;
  return GMAIL_THREAD_HASH.exec(url.hash)?.[1];
}

export function isGmailThread(input: URL | string): boolean {
  return gmailThreadKey(input) !== undefined;
}

// --- Outlook on the web ------------------------------------------------------------------------

const OUTLOOK_HOSTS = new Set([
  'outlook.office.com',
  'outlook.office365.com',
  'outlook.live.com',
  'outlook.cloud.microsoft',
]);

/**
 * Outlook on the web, work (outlook.office.com, outlook.office365.com, outlook.cloud.microsoft)
 * and personal (outlook.live.com), mail module only (not calendar or people).
 * Test URLs: https://outlook.office.com/mail/inbox, https://outlook.live.com/mail/0/inbox/id/AQQk…
 */
export function isOutlookMail(input: URL | string): boolean {
  const url = toUrl(input);
  return !!url && isHttps(url) && OUTLOOK_HOSTS.has(url.hostname) && /^\/mail(\/|$)/.test(url.pathname);
}

/**
 * The item or conversation id of the message open in the reading pane, from OWA's routes
 * `/mail/[n/]<folder…>/id/<id>` and `/mail/[n/]deeplink/read/<id>`; undefined elsewhere.
 */
export function outlookItemId(input: URL | string): string | undefined {
  const url = toUrl(input);
  if (!url || !isOutlookMail(url)) return undefined;
  const match = /\/(?:id|deeplink\/read)\/([^/?#]+)/.exec(url.pathname);
  const id = match?.[1] ? decodeSegment(match[1]) : undefined;
  return id || url.searchParams.get('ItemID') || undefined;
}

// --- LinkedIn ----------------------------------------------------------------------------------

function isLinkedInHost(hostname: string): boolean {
  return hostname === 'linkedin.com' || hostname.endsWith('.linkedin.com');
}

/** `/in/me` is LinkedIn's shortcut to the viewer's own profile, not anybody's slug. */
const NOT_A_SLUG = new Set(['me']);

/**
 * The member's public slug from a profile URL on any LinkedIn host (www, a country subdomain
 * like de.linkedin.com, or none), whatever follows it (`/details/experience/`, `?trk=…`):
 * lower-cased and percent-encoded the one way, so every sighting yields the same slug.
 * Test URLs: https://www.linkedin.com/in/ada-lovelace/, https://de.linkedin.com/in/j%C3%BCrgen-m%C3%BCller-4a1b2c3
 */
export function linkedInProfileSlug(input: URL | string): string | undefined {
  const url = toUrl(input);
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || !isLinkedInHost(url.hostname)) {
    return undefined;
  }
  const raw = /^\/in\/([^/]+)\/?/.exec(url.pathname)?.[1];
  const decoded = raw ? decodeSegment(raw)?.trim().toLowerCase() : undefined;
  if (!decoded || decoded.length > 100 || NOT_A_SLUG.has(decoded) || /[\s/?#]/.test(decoded)) return undefined;
  return encodeURIComponent(decoded);
}

export function isLinkedInProfile(input: URL | string): boolean {
  const url = toUrl(input);
  return !!url && isHttps(url) && linkedInProfileSlug(url) !== undefined;
}

/** The one URL every sighting of a LinkedIn member maps to. */
export function linkedInProfileUrl(slug: string): string {
  return `https://www.linkedin.com/in/${slug}`;
}

// --- GitHub ------------------------------------------------------------------------------------

/**
 * First path segments that are GitHub's own pages, never a user (a subset of GitHub's reserved
 * names: the ones a person can actually land on).
 */
const GITHUB_RESERVED = new Set([
  'about', 'account', 'apps', 'blog', 'business', 'careers', 'codespaces', 'collections', 'contact',
  'copilot', 'customer-stories', 'dashboard', 'discussions', 'downloads', 'edu', 'education',
  'enterprise', 'events', 'explore', 'features', 'github-copilot', 'home', 'issues', 'join',
  'login', 'logout', 'marketplace', 'mobile', 'new', 'notifications', 'organizations', 'orgs',
  'partners', 'pricing', 'pulls', 'readme', 'resources', 'search', 'security', 'sessions',
  'settings', 'signup', 'site', 'solutions', 'sponsors', 'stars', 'team', 'topics', 'trending',
  'users', 'watching',
]);

const GITHUB_LOGIN = /^[a-z\d](?:[a-z\d]|-(?=[a-z\d])){0,38}$/i;

/**
 * The login of a user profile page: `github.com/<login>` with nothing after it but a slash, a
 * query (`?tab=repositories`) or a fragment. Repositories, reserved pages and invalid logins
 * give undefined. Organisation pages share this URL shape; the DOM tells them apart.
 * Test URLs: https://github.com/octocat, https://github.com/torvalds?tab=repositories
 */
export function gitHubLogin(input: URL | string): string | undefined {
  const url = toUrl(input);
  if (!url || !isHttps(url) || url.hostname !== 'github.com') return undefined;
  const login = /^\/([^/]+)\/?$/.exec(url.pathname)?.[1];
  if (!login || !GITHUB_LOGIN.test(login) || GITHUB_RESERVED.has(login.toLowerCase())) return undefined;
  return login;
}

export function isGitHubProfile(input: URL | string): boolean {
  return gitHubLogin(input) !== undefined;
}

export function gitHubProfileUrl(login: string): string {
  return `https://github.com/${login}`;
}

// --- Links a profile points to -----------------------------------------------------------------

/** A short kind for a profile link, by its host: the label the side panel shows beside it. */
export function profileKindFor(input: URL | string): string {
  const url = toUrl(input);
  const host = url?.hostname.replace(/^www\./, '') ?? '';
  if (isLinkedInHost(host)) return 'linkedin';
  if (host === 'github.com') return 'github';
  if (host === 'twitter.com' || host === 'x.com') return 'x';
  if (host === 'bsky.app') return 'bluesky';
  if (host === 'instagram.com') return 'instagram';
  if (host === 'youtube.com') return 'youtube';
  if (host === 'facebook.com') return 'facebook';
  return 'website';
}
