/**
 * Reading values out of markup, shared by the structured detectors (h-card, schema.org, rel=me,
 * tel): URLs resolved against the page's base, profile links, photos, bounded element text.
 */
import type { DetectedContactInput } from '../../model/detected';
import { canonicalProfileUrl } from '../../model/normalize';
import { selectAll } from '../dom';
import { isReservedHost, isUsableEmail } from '../rules';
import { isPlaceholder } from '../field-values';

type ProfileLink = NonNullable<DetectedContactInput['profiles']>[number];

/** Longest URL a detection may carry (the model's bound). */
const MAX_URL_LENGTH = 2048;
/** Most values of one kind (emails, phones, profiles) one detection carries (the model's bound). */
export const MAX_VALUES = 50;

/**
 * The URL relative links resolve against: the document's `<base href>` when it has one, else the
 * page's address. Read from the markup rather than `baseURI`, which DOMs outside the browser set
 * differently.
 */
export function pageBase(root: ParentNode, url: URL): URL {
  const document = ((root as Partial<Node>).ownerDocument ?? root) as ParentNode;
  const href = elementsWithTag(document, 'base')
    .find((base) => base.hasAttribute('href'))
    ?.getAttribute('href');
  if (!href) return url;
  try {
    return new URL(href.trim(), url);
  } catch {
    return url;
  }
}

type Scope = Partial<Pick<Element, 'getElementsByClassName' | 'getElementsByTagName' | 'matches'>>;

/**
 * Elements with any of these classes under `root` (and `root` itself), in document order. The
 * engine's class index answers this far faster than a selector over the whole page.
 */
export function elementsWithClass(root: ParentNode, names: string[]): Element[] {
  const scope = root as Scope;
  const selector = names.map((name) => `.${name}`).join(', ');
  if (typeof scope.getElementsByClassName !== 'function') return selectAll(root, selector);
  const lists = names.map((name) => scope.getElementsByClassName!(name)).filter((list) => list.length > 0);
  // Several classes in use at once is rare; then the selector engine gives the document order.
  if (lists.length > 1) return selectAll(root, selector);
  const found = lists.length === 1 ? [...lists[0]!] : [];
  const self = root as Element;
  if (typeof scope.matches === 'function' && names.some((name) => self.classList?.contains(name))) found.unshift(self);
  return found;
}

/** Elements with this tag name under `root` (and `root` itself), in document order. */
export function elementsWithTag(root: ParentNode, tag: string): Element[] {
  const scope = root as Scope;
  if (typeof scope.getElementsByTagName !== 'function') return selectAll(root, tag);
  const found = [...scope.getElementsByTagName(tag)];
  const self = root as Element;
  if (typeof scope.matches === 'function' && self.tagName?.toLowerCase() === tag) found.unshift(self);
  return found;
}

/** An absolute http(s) URL for a photo, or undefined (data:, javascript:, unparseable, too long). */
export function httpUrl(raw: string | undefined, base: URL): string | undefined {
  // An empty href is a link to the page itself: it resolves to the base.
  if (raw === undefined || raw.length > MAX_URL_LENGTH) return undefined;
  try {
    const url = new URL(raw.trim(), base);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    return url.href.length <= MAX_URL_LENGTH ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** Profile sites by domain (or a subdomain of it): `domain kind` pairs, one string for size. */
const PROFILE_KINDS = (
  'github.com github gitlab.com gitlab linkedin.com linkedin twitter.com twitter x.com x facebook.com facebook ' +
  'instagram.com instagram youtube.com youtube bsky.app bluesky mastodon.social mastodon orcid.org orcid wikipedia.org wikipedia'
).split(' ');

function profileKind(host: string): string {
  for (let index = 0; index < PROFILE_KINDS.length; index += 2) {
    const domain = PROFILE_KINDS[index]!;
    if (host === domain || host.endsWith(`.${domain}`)) return PROFILE_KINDS[index + 1]!;
  }
  return 'website';
}

/** `bobdylan.com`, `www.example.org/me`: a domain written without its scheme (not `about.html`). */
const BARE_DOMAIN = /^[\w-]+(?:\.[\w-]+)*\.(?!htm|php|asp|jsp)[a-z]{2,}(?:[/?#]|$)/i;
/** Paths of a site's pages about a person (`/author/ada`, `/people/ada`, `/~ada`, `/@ada`). */
const PERSON_PATH = /\/(?:(?:author|auteur|autor|person|profile|user|team|bio|contributor|writer|editor|member|speaker)[a-z]{0,2}|people|staff|about|u)(?:\/|$)|\/[~@]/i;

/** `/2024/05/slug`, `/news/123456`, `/millennial-decorating-mistakes`: an article, not a person's page. */
const ARTICLE_PATH = /^\/[^/]+\/.|[-_][^/]*[-_][^/]*[-_]|\d{5}/;

/**
 * `https://GitHub.com/ada/` on a page → `{ kind: 'github', url: 'https://github.com/ada' }`. A
 * domain without a scheme (an h-card's `bobdylan.com`) is that domain's site, never a path on
 * the page's. Given the page, a link on the page's own site is dropped when it is the page
 * itself or looks like another article ("More from this author"), unless its path says person
 * (`/author/…`, `/people/…`); the site's home page and short pages (`/jane.html`) stay.
 */
export function profileLink(raw: string | undefined, base: URL, page?: URL): ProfileLink | undefined {
  // An empty href is a link to the page itself: it resolves to the base.
  let absolute = raw?.trim();
  if (absolute === undefined || absolute.length > MAX_URL_LENGTH) return undefined;
  // URL parsing is the costly part: an absolute link (the usual case) is parsed once, by the
  // canonical form; only a relative one is resolved first.
  if (!/^https?:\/\//i.test(absolute)) {
    try {
      absolute = BARE_DOMAIN.test(absolute) ? `https://${absolute}` : new URL(absolute, base).href;
    } catch {
      return undefined;
    }
  }
  const url = canonicalProfileUrl(absolute);
  const parts = url && url.length <= MAX_URL_LENGTH ? /^https?:\/\/([^/:]*)[^/]*(\/.*)?/.exec(url) : undefined;
  const host = parts?.[1];
  if (!host || isReservedHost(host)) return undefined;
  const path = parts[2];
  if (page && host === page.hostname && path && !PERSON_PATH.test(path) && (path === page.pathname.replace(/\/+$/, '') || ARTICLE_PATH.test(path))) {
    return undefined;
  }
  return { kind: profileKind(host), url: url! };
}

/** An absolute http(s) URL of an image (see imageSource): no spaces (alt text is no URL), never empty. */
export function photoUrl(raw: string | undefined, base: URL): string | undefined {
  return raw && /^\S+$/.test(raw.trim()) ? httpUrl(raw, base) : undefined;
}

/** `mailto:Ada@X.org?subject=hi` or `Ada@X.org` → `ada@x.org` when usable. */
export function emailFromValue(raw: string | undefined): string | undefined {
  if (!raw || raw.length > 1000) return undefined;
  let text = raw.trim().replace(/^mailto:/i, '').split('?')[0] ?? '';
  try {
    // Without a "%" there is nothing to decode, and decoding is the costly part.
    if (text.includes('%')) text = decodeURIComponent(text);
  } catch {
    return undefined;
  }
  const address = text.trim().toLowerCase();
  return isUsableEmail(address) ? address : undefined;
}

/** A short field (company, title, location): whitespace collapsed, dropped when empty or long. */
export function shortText(raw: string | undefined, max = 200): string | undefined {
  if (!raw) return undefined;
  const text = raw.slice(0, max * 4).replace(/\s+/g, ' ').trim();
  return text.length > 0 && text.length <= max && !isPlaceholder(text) ? text : undefined;
}

/** Distinct values, first seen first, at most MAX_VALUES. */
export function distinct<T>(values: Iterable<T | undefined>, key: (value: T) => string = String): T[] {
  const seen = new Map<string, T>();
  for (const value of values) {
    if (value === undefined || seen.size >= MAX_VALUES) continue;
    const k = key(value);
    if (!seen.has(k)) seen.set(k, value);
  }
  return [...seen.values()];
}

export function distinctProfiles(links: Iterable<ProfileLink | undefined>): ProfileLink[] {
  return distinct(links, (link) => link.url);
}

const SKIPPED_FOR_TEXT = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT']);

/**
 * An element's text as a reader sees it, bounded for hostile pages: scripts and styles dropped,
 * images replaced by their alt text, whitespace collapsed; at most `maxChars` characters and a
 * few thousand nodes read, however big the element.
 */
export function textOf(element: Element, maxChars = 500): string {
  if (!element.firstElementChild && !SKIPPED_FOR_TEXT.has(element.tagName.toUpperCase())) {
    // A leaf (most property elements): its text is all there is.
    return (element.textContent ?? '').slice(0, maxChars).replace(/\s+/g, ' ').trim();
  }
  const parts: string[] = [];
  let length = 0;
  let budget = 5_000;
  const stack: Node[] = [element];
  while (stack.length > 0 && length < maxChars && budget-- > 0) {
    const node = stack.pop()!;
    if (node.nodeType === 3) {
      const text = (node as Text).data.slice(0, maxChars - length);
      parts.push(text);
      length += text.length;
    } else if (node.nodeType === 1) {
      const child = node as Element;
      const tag = child.tagName.toUpperCase();
      if (SKIPPED_FOR_TEXT.has(tag)) continue;
      if (tag === 'IMG' && child !== element) {
        const alt = child.getAttribute('alt');
        if (alt) parts.push(` ${alt} `);
        continue;
      }
      const children = child.childNodes;
      for (let index = Math.min(children.length, budget) - 1; index >= 0; index--) stack.push(children[index]!);
    }
  }
  return parts.join('').replace(/\s+/g, ' ').trim();
}

/** Class tokens of an element (case kept: microformats class names are case-sensitive). */
export function classTokens(element: Element): string[] {
  const value = element.getAttribute('class');
  return value ? value.split(/\s+/).filter(Boolean) : [];
}
