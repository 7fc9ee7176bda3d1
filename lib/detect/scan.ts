import type { DetectionLimit } from '../model/detected';
import { selectAll } from './dom';
import { forgetPlacements } from './detectors/placement';

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
const LINK_TAGS = new Set(['A', 'LINK', 'AREA']);

/**
 * mailto:, tel: and rel=me links, from the fewest walks of the page: each query is one walk in
 * the engine (about half a bare TreeWalker pass on the bench page). One `a:is(…)` finds every
 * `<a>` the three detectors want (a selector list, or `:is(a,link,area)`, loses the engine's fast
 * path); rel=me on `<link>` and `<area>` is rare, and only then is it asked for over all tags.
 * DOMs without `:is()` or the `i` flag get every link, tested in script.
 */
function queryLinks(root: ParentNode): PageLinks {
  const found: PageLinks = { mailto: [], tel: [], relMe: [] };
  let anchors: Element[];
  /** Elements other than the anchors that may be rel=me links; undefined when only anchors are. */
  let rel: Element[] | undefined;
  let exact = true;
  try {
    anchors = selectAll(root, `a:is([href^="mailto:" i],[href^="tel:" i],${REL_ME})`);
    if (selectAll(root, `link${REL_ME}`).length + selectAll(root, `area${REL_ME}`).length) rel = selectAll(root, REL_ME);
  } catch {
    anchors = selectAll(root, 'a[href]');
    rel = selectAll(root, '[rel]');
    exact = false;
  }
  // One pass over the anchors, each attribute read once: this runs for every link found.
  for (const link of anchors) {
    const href = link.getAttribute('href');
    if (href === null) continue;
    const scheme = href.slice(0, 7).toLowerCase();
    if (scheme === 'mailto:') found.mailto.push(link);
    else if (scheme.startsWith('tel:')) found.tel.push(link);
    if (!rel && isRelMe(link, exact)) found.relMe.push(link);
  }
  for (const link of rel ?? []) {
    if (LINK_TAGS.has(link.tagName.toUpperCase()) && link.hasAttribute('href') && isRelMe(link, exact)) found.relMe.push(link);
  }
  return found;
}

/** `rel` names "me"; the selector split `rel` on ASCII spaces only, the expression also on others. */
function isRelMe(link: Element, exact: boolean): boolean {
  const rel = link.getAttribute('rel');
  return rel !== null && /(?:^|\s)me(?:\s|$)/i.test(rel) && (!exact || link.matches(REL_ME));
}

/**
 * One detection run's shared reading of a subtree: DOM queries several detectors need run once,
 * on first use, however many detectors ask. A detector run on its own makes its own. Detectors
 * also note here each cap they reach, for the run's result.
 */
export class PageScan {
  private links: PageLinks | undefined;
  private readonly readings = new Map<string, unknown>();

  constructor(
    readonly root: ParentNode,
    readonly limits: DetectionLimit[] = [],
  ) {
    forgetPlacements();
  }

  /** A cap was reached: `read` of the `found` (as far as counted) were read. */
  limit(what: DetectionLimit['what'], read: number, found: number): void {
    this.limits.push({ what, read, found });
  }

  /**
   * A reading of the page several detectors need (the page's base URL), made by the first to
   * ask: on a page just loaded each such lookup is one more walk of the whole tree.
   */
  shared<T>(what: string, read: () => T): T {
    if (!this.readings.has(what)) this.readings.set(what, read());
    return this.readings.get(what) as T;
  }

  /** mailto:, tel: and rel=me links under the root (and the root itself), in document order. */
  get pageLinks(): PageLinks {
    return (this.links ??= queryLinks(this.root));
  }
}
