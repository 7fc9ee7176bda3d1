import { isHttps, toUrl } from '../site-support/url-parts';
import type { ProfileIdentity, Site } from './site';

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

/** A user is their login (case-insensitive), the only path segment of their page. */
export const GITHUB_IDENTITY: ProfileIdentity = {
  host: /^(www\.)?github\.com$/,
  path: /^\/([^/]+)\/?$/,
  canonical: 'https://github.com/',
};

/**
 * GitHub user profiles (`github.com/<login>`): name, login, company, location, email when shown,
 * website and social links, avatar; the reading is github.dom.ts.
 * Test URLs: https://github.com/octocat, https://github.com/torvalds?tab=repositories
 */
export const github = {
  name: 'github',
  label: 'GitHub',
  kind: 'profile',
  engine: 'profiles',
  matches: ['https://github.com/*'],
  isPage: isGitHubProfile,
  profileIdentity: GITHUB_IDENTITY,
  fixtures: ['github-profile.html', 'github-own-profile.html'],
} as const satisfies Site;
