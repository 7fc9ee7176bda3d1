import type { DetectedContactInput } from '../../model/detected';
import { searchWords } from '../../model/normalize';
import type { Detector } from '../types';
import { selectAll } from '../dom';
import { describeElement } from '../evidence';
import { cleanName, NAME_PARTICLES, nameFromLinkText } from '../field-values';
import { elementsWithTag, pageBase, profileLink, textOf } from './markup';
import { forgetPlacements, isPeripheral } from './placement';

type Detection = DetectedContactInput;

/** `<meta>` naming the author: a name, or (article:author) a profile URL. */
const AUTHOR_META = /^(?:author|article:author|dc\.creator|dc:creator|dcterms\.creator|citation_author|parsely-author|sailthru\.author|writer)$/i;
/** `<meta>` naming the site or its owner, who is no author: og:site_name, application-name, copyright. */
const SITE_META = /^(?:og:site_name|application-name|copyright)$/i;
/** Where a visible byline may be: rel=author links, microdata author text, byline/author classes. */
const BYLINE = 'a[rel~="author" i],[itemprop~="author"],[class*="byline" i],[class*="author" i],[class*="writer" i],[id*="byline" i]';
/** How far from the headline a byline may sit: ancestors of the h1 shared with it. */
const HEADLINE_LEVELS = 8;
/** How far apart the names of one byline may sit ("By <a>A</a> and <a>B</a>"): levels up from the first. */
const BYLINE_LEVELS = 3;
/** Characters besides names ("By", "and", a date) a block of bylines may hold. */
const BYLINE_SLACK = 80;
const MAX_CANDIDATES = 300;
const MAX_BYLINE_CHARS = 200;
/** How many elements after the headline the byline may come. */
const HEADLINE_FOLLOWERS = 150;
/** A line that is a byline: "By", "By:", "Von …". */
const BY = /^(?:by|von|par|por|著者|作者|筆者)(?:\s*[:：]|\s|$)/i;
const MAX_AUTHORS = 20;

/** "By", "Written by", "Von", "Par", "Por", "Autor:" before the name. */
const LEAD = /^(?:(?:.*?\s)?by|von|par|por)\s*:?\s+|^(?:author|autor|autora|autorin|auteur|autrice)\s*:\s*|^(?:著者|作者|筆者|執筆者?|記者|文|投稿者)\s*[：:●]?\s*/i;
/** A credit, not a byline: "Photo by", "Illustration by", "Portrait by", "Modeled by". */
const CREDIT = /\b(?:photo\w*|illustrat\w*|portrait|model\w*|video|graphic\w*|image|edit\w*|produc\w*|design\w*)\s+by\b/i;
/** Where a byline's name ends: a separator, a handle, a date or an "Updated". */
const TAIL =
  /\s*(?:[|·•/–—@[\]，／】》]|\s(?:著|監?訳|イラスト)|\s(?:in|on)\s|\s-\s|\b(?:updated|published|posted|last|aktualisiert|mis à jour|actualizado|atualizado)\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d|\d).*$/i;
/** A second name: "A, B and C", "A und B", "A et B", "A y B", "A e B", "A & B". */
const SEPARATOR = /\s*(?:[,;&、]|\s(?:and|und|et|y|e)\s)\s*/;
/** Words a publication, desk or role signs with, never a person. */
const NOT_PERSON = /\b(?:news|staff|team|editors?|editorial|desk|press|media|magazine|redaktion|rédaction|redacción|redação|agency|contributors?|admin|guest|anonymous|wire|reporter|writer|columnist|follow|by|view|more|all|inc|llc|ltd|gmbh|institute|university)\b|編集|ニュース|新聞|通信/i;

const titleCase = (word: string) => word.toLowerCase().replace(/(^|[-'’\s])\p{Ll}/gu, (letter) => letter.toUpperCase());

/**
 * The people a byline or an author field names, cleaned: lead-in ("By"), trailing dates and
 * handles dropped, "A, B and C" split, "Jong, Michiel de" turned round, an all-caps name
 * title-cased; organisations and desks ("CNN", "News Desk", the site's own name) left out.
 */
export function authorNames(raw: string, siteKey = '', visible = false): string[] {
  if (CREDIT.test(raw)) return [];
  let text = raw.replace(/^\s*[[《【「]/, '').replace(/\s+/g, ' ').replace(/\s*[(（][^)）]*[)）]/g, '').trim().replace(/^(?:[Bb]y)+(?=\s|\p{Lu})/u, '').trim().replace(LEAD, '').replace(TAIL, '');
  let parts = text.split(SEPARATOR);
  // "Jong, Michiel de", "Kooman, F.": a surname, then given names (Dublin Core's order).
  if (parts.length === 2 && !parts[0]!.includes(' ') && /,/.test(text) && parts[1]!.split(' ').length <= 2) parts = [`${parts[1]} ${parts[0]}`];
  const names: string[] = [];
  for (const part of parts) {
    // "Jamelle Bouie Jamelle Bouie": a photo's alt text before the name.
    text = cleanName(part.replace(/^(.+) \1$/, '$1')) ?? '';
    if (!/\p{Ll}/u.test(text)) text = titleCase(text);
    const words = text.split(' ');
    const key = searchWords(text).join('');
    if (
      !nameFromLinkText(text) ||
      NOT_PERSON.test(text) ||
      // "TrapaniCEO": two text nodes run together; "technology.", "See more…": a sentence.
      /\p{Ll}{3}\p{Lu}|\p{L}{3}\.$|\.\.|[’']s$/u.test(text) ||
      // "But Format Details TBA": a headline's acronym among capitalised words.
      (/\p{Ll}/u.test(text) && /(?:^| )\p{Lu}{3,}(?: |$)/u.test(text)) ||
      (key.length > 2 && siteKey.includes(key)) ||
      // What a page shows as a byline, unlike what it declares, is a full name in capitals.
      // (Scripts without capitals, "松村太郎", write a name in one word.)
      (visible && ((words.length < 2 && /\p{Lu}|\p{Ll}/u.test(text)) || words.some((word) => /^\p{Ll}/u.test(word) && !NAME_PARTICLES.has(word))))
    ) continue;
    names.push(text);
  }
  return names;
}

/** The element after this one and everything inside it, in document order. */
function afterSubtree(element: Element | null): Element | null {
  while (element && !element.nextElementSibling) element = element.parentElement;
  return element?.nextElementSibling ?? null;
}

/** The article's own part of the page: near its headline, outside comments, related stories and chrome. */
function inMainContent(element: Element, headline: Element | undefined): boolean {
  // Not in comments, related stories, page chrome, "more-…" lists or figure credits.
  if (isPeripheral(element, true)) return false;
  let scope = headline;
  for (let level = 0; scope && level < HEADLINE_LEVELS && !scope.contains(element); level++) scope = scope.parentElement ?? undefined;
  return !headline || !!scope?.contains(element) || !!headline.closest('article')?.contains(element);
}

/**
 * The page's authors: `<meta name=author>` / `article:author` / Dublin Core / Parse.ly, `rel=author`
 * links, microdata `itemprop=author` text and visible bylines ("By …", "Von …", "Par …", "Por …")
 * near the headline and outside comments, footers and related stories. Each author also gets the
 * profile link the byline points to and a `mailto:` address on the page that is theirs by name
 * (`erin.cunningham@…` for Erin Cunningham), so name and address are one person. Role `author`.
 * Test URLs: any news article (https://www.theguardian.com/…, https://www.lemonde.fr/…).
 */
export const authorDetector: Detector = {
  name: 'author',
  matches: () => true,
  detect(root, url, scan) {
    if (!scan) forgetPlacements(); // run on its own: nothing learnt from an earlier scan holds
    let base: URL | undefined;
    const metas: Array<[string, Element]> = [];
    // Letters of the site's host, name and copyright holder: "ABC News" on abcnews.go.com is the site.
    let siteKey = url.hostname.replace(/[^a-z0-9]/g, '');
    for (const meta of elementsWithTag(root, 'meta')) {
      const key = meta.getAttribute('name') ?? meta.getAttribute('property') ?? '';
      const value = meta.getAttribute('content') ?? '';
      if (SITE_META.test(key)) siteKey += ` ${searchWords(value).join('')}`;
      else if (value && key.split(/\s+/).some((part) => AUTHOR_META.test(part))) metas.push([value, meta]);
    }
    const found: Detection[] = [];
    const add = (names: string[], element: Element, href?: string | null) => {
      base ??= pageBase(root, url);
      const profile = href ? profileLink(href, base) : undefined;
      for (const name of names) {
        if (found.length >= MAX_AUTHORS) return;
        found.push({
          name,
          ...(profile && profile.url !== base.href ? { profiles: [profile] } : {}),
          role: 'author',
          evidence: [{ detector: 'author', element: describeElement(element) }],
        });
      }
    };

    const metaProfiles: string[] = [];
    for (const [value, meta] of metas) {
      if (/^(?:https?:)?\/\//i.test(value) || value.startsWith('/')) metaProfiles.push(value);
      else add(authorNames(value, siteKey), meta);
    }
    // One author named in the head: the head's profile links are theirs.
    if (found.length === 1 && metaProfiles[0]) add([found.pop()!.name!], elementsWithTag(root, 'head')[0] ?? (root as Element), metaProfiles[0]);

    // The story's headline, not a logo in an h1: more than a word.
    // Longer than a byline: an author box with a bio, or a list of their stories.
    const bylineNames = (text: string) => (text.length < MAX_BYLINE_CHARS ? authorNames(text, siteKey, true) : []);
    // The story's headline, not a logo in an h1.
    const headings = elementsWithTag(root, 'h1').filter((h1) => textOf(h1, 100).length > 10);
    const headline = headings.find((h1) => h1.closest('article')) ?? headings[0];
    // No headline, no article: no byline to look for (and no selector walk over a page of contacts).
    const candidates = headline ? selectAll(root, BYLINE).slice(0, MAX_CANDIDATES) : [];
    let bylines: Array<{ element: Element; names: string[] }> = [];
    // Innermost first: "By <a>Ada Lovelace</a>" is read from the link, not from its container.
    for (let index = candidates.length - 1; index >= 0; index--) {
      const element = candidates[index]!;
      if (element.hasAttribute('itemscope') || bylines.some((inner) => element.contains(inner.element)) || !inMainContent(element, headline)) continue;
      const names = bylineNames(element.tagName === 'META' ? (element.getAttribute('content') ?? '') : textOf(element, 2 * MAX_BYLINE_CHARS));
      if (names.length > 0) bylines.unshift({ element, names });
    }
    // The article's byline: the first after the headline, marked up or a line that starts "By";
    // else the first on the page.
    let first = bylines[0];
    for (let element = headline && afterSubtree(headline), count = 0; element && count < HEADLINE_FOLLOWERS; element = element.firstElementChild ?? afterSubtree(element), count++) {
      const marked = bylines.find((byline) => byline.element === element);
      const lead = element.firstChild?.nodeType === 3 ? (element.firstChild as Text).data.trim() : '';
      // "<span>By</span> <a>Ada Lovelace</a>": the name is in the parent's text.
      let from = marked ? element : BY.test(lead) ? (element.childNodes.length < 2 ? element.parentElement! : element) : undefined;
      // A "By" line in a related story or a sidebar after the headline is that story's.
      if (from && !marked && !inMainContent(from, headline)) from = undefined;
      const names = marked?.names ?? (from ? bylineNames(textOf(from, 2 * MAX_BYLINE_CHARS)) : []);
      if (from && names.length > 0) {
        first = marked ?? { element: from, names };
        // A "By" line read whole: the marked-up names inside it are the same people.
        if (!marked) bylines = [first, ...bylines.filter((byline) => !from.contains(byline.element))];
        break;
      }
    }
    // Its co-authors' links sit in the same block: up from it while the text around is mostly
    // names; past that, other stories.
    let block = first?.element;
    for (let level = 0, parent = block?.parentElement; parent && level < BYLINE_LEVELS; level++, parent = parent.parentElement) {
      const names = bylines.reduce((length, byline) => length + (parent!.contains(byline.element) ? byline.names.join('').length : 0), 0);
      if ((parent.textContent ?? '').length > BYLINE_SLACK + 3 * names) break;
      block = parent;
    }
    for (const { element, names } of bylines) {
      if (block!.contains(element)) add(names, element, element.closest('a')?.getAttribute('href') ?? (names.length === 1 ? element.querySelector('a')?.getAttribute('href') : null));
    }
    return found;
  },
};
