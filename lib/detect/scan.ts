import { selectAll } from './dom';

/** The links the link detectors read, each list in document order. */
export interface PageLinks {
  /** `<a href="mailto:…">` */
  mailto: Element[];
  /** `<a href="tel:…">` */
  tel: Element[];
  /** `<a|link|area rel="me" href>` */
  relMe: Element[];
}

const REL_ME = '[rel~="me" i]';
/**
 * Every `<a>` any link detector wants, in one selector: each query is one more walk of the whole
 * page in the engine (about half a bare TreeWalker pass each on the bench page). A tag before
 * `:is()` keeps the engine's fast path; a selector list, or `:is(a,link,area)`, loses it, so
 * rel=me on `<link>` and `<area>` (rare) is asked for apart.
 */
const ANCHORS = `a:is([href^="mailto:" i],[href^="tel:" i],${REL_ME})`;
const LINK_TAGS = new Set(['A', 'LINK', 'AREA']);
const REL_ME_TOKEN = /(?:^|\s)me(?:\s|$)/i;
const isRelMe = (link: Element) => link.hasAttribute('href') && REL_ME_TOKEN.test(link.getAttribute('rel') ?? '');

/** Sorts the `<a>` query's links by kind, with exactly the tests the per-kind selectors make. */
function sortAnchors(anchors: Element[], found: PageLinks): void {
  for (const link of anchors) {
    const href = link.getAttribute('href') ?? '';
    const scheme = href.slice(0, 7).toLowerCase();
    if (scheme === 'mailto:') found.mailto.push(link);
    else if (scheme.startsWith('tel:')) found.tel.push(link);
    if (isRelMe(link) && link.matches(REL_ME)) found.relMe.push(link);
  }
}

/** All three lists from the fewest walks of the page the DOM's selector engine allows. */
function queryLinks(root: ParentNode): PageLinks {
  const found: PageLinks = { mailto: [], tel: [], relMe: [] };
  sortAnchors(selectAll(root, ANCHORS), found);
  // With any, one more query gives all rel=me links in document order.
  if (selectAll(root, `link${REL_ME}`).length > 0 || selectAll(root, `area${REL_ME}`).length > 0) {
    found.relMe = selectAll(root, REL_ME).filter((link) => LINK_TAGS.has(link.tagName.toUpperCase()) && isRelMe(link));
  }
  return found;
}

/**
 * The same lists from one query per kind, for DOMs whose selector engine lacks `:is()` or `i`
 * (the tel detector tests its candidates itself).
 */
function linksByKind(root: ParentNode): PageLinks {
  const each = (selector: string, fallback: string) => {
    try {
      return selectAll(root, selector);
    } catch {
      return selectAll(root, fallback);
    }
  };
  return {
    mailto: each('a[href^="mailto:" i]', 'a[href]').filter((link) => /^mailto:/i.test(link.getAttribute('href') ?? '')),
    tel: each('a[href^="tel:" i]', 'a[href]'),
    relMe: each(REL_ME, '[rel]').filter(
      (link) => LINK_TAGS.has(link.tagName.toUpperCase()) && link.hasAttribute('href') && REL_ME_TOKEN.test(link.getAttribute('rel') ?? ''),
    ),
  };
}

/**
 * One detection run's shared reading of a subtree: the DOM queries several detectors need run
 * once, on first use, however many detectors ask. A detector run on its own makes its own.
 */
export class PageScan {
  private links: PageLinks | undefined;

  constructor(readonly root: ParentNode) {}

  /** mailto:, tel: and rel=me links under the root (and the root itself), in document order. */
  get pageLinks(): PageLinks {
    if (!this.links) {
      try {
        this.links = queryLinks(this.root);
      } catch {
        this.links = linksByKind(this.root);
      }
    }
    return this.links;
  }
}
