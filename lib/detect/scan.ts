import type { DetectionLimit } from '../model/detected';
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
  let rel: Element[];
  let exact = true;
  try {
    anchors = selectAll(root, `a:is([href^="mailto:" i],[href^="tel:" i],${REL_ME})`);
    rel = selectAll(root, `link${REL_ME}`).length + selectAll(root, `area${REL_ME}`).length ? selectAll(root, REL_ME) : anchors;
  } catch {
    anchors = selectAll(root, 'a[href]');
    rel = selectAll(root, '[rel]');
    exact = false;
  }
  for (const link of anchors) {
    const scheme = (link.getAttribute('href') ?? '').slice(0, 7).toLowerCase();
    if (scheme === 'mailto:') found.mailto.push(link);
    else if (scheme.startsWith('tel:')) found.tel.push(link);
  }
  for (const link of rel) {
    if (
      LINK_TAGS.has(link.tagName.toUpperCase()) &&
      link.hasAttribute('href') &&
      /(?:^|\s)me(?:\s|$)/i.test(link.getAttribute('rel') ?? '') &&
      // The selector split `rel` on ASCII spaces only; the expression also on others.
      (!exact || link.matches(REL_ME))
    ) {
      found.relMe.push(link);
    }
  }
  return found;
}

/**
 * One detection run's shared reading of a subtree: DOM queries several detectors need run once,
 * on first use, however many detectors ask. A detector run on its own makes its own. Detectors
 * also note here each cap they reach, for the run's result.
 */
export class PageScan {
  private links: PageLinks | undefined;

  constructor(
    readonly root: ParentNode,
    readonly limits: DetectionLimit[] = [],
  ) {}

  /** A cap was reached: `read` of the `found` (as far as counted) were read. */
  limit(what: DetectionLimit['what'], read: number, found: number): void {
    this.limits.push({ what, read, found });
  }

  /** mailto:, tel: and rel=me links under the root (and the root itself), in document order. */
  get pageLinks(): PageLinks {
    return (this.links ??= queryLinks(this.root));
  }
}
