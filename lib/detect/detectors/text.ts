import type { DetectedContactInput } from '../../model/detected';
import type { Detector } from '../types';
import { isUsableEmail } from '../rules';
import { describeElement } from '../evidence';

/**
 * Bounds, so a hostile page (a 10 MB text node, a million "@") costs little: characters read
 * per text node and per page, "@" signs looked at, addresses reported.
 */
const MAX_NODE_CHARS = 100_000;
const MAX_PAGE_CHARS = 2_000_000;
const MAX_AT_SIGNS = 2_000;
const MAX_ADDRESSES = 200;
const MAX_EVIDENCE_PER_ADDRESS = 3;

/** Text no reader takes for a person's address: code, examples, form input, scripts. */
const SKIPPED = 'script, style, code, pre, textarea, noscript, template, kbd, samp';
const SKIPPED_PARENT_TAGS = new Set(SKIPPED.toUpperCase().split(', '));
const SHOW_TEXT = 4; // NodeFilter.SHOW_TEXT, which DOMs outside the browser may not define

const isAlphanumeric = (code: number) => (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
/** Letters, digits and `.-`; the local part also `_%+`. Character codes, not a regex per character. */
const isDomainCharacter = (code: number) => isAlphanumeric(code) || code === 46 || code === 45;
const isLocalCharacter = (code: number) => isDomainCharacter(code) || code === 95 || code === 37 || code === 43;

/**
 * The address around the "@" at `at`, when the text there is one: not part of a URL
 * (`https://user@host/…`), an SSH remote (`git@github.com:org/repo`) or a longer token.
 */
export function addressAt(text: string, at: number): string | undefined {
  let start = at;
  while (start > 0 && at - start <= 64 && isLocalCharacter(text.charCodeAt(start - 1))) start--;
  let end = at + 1;
  while (end < text.length && end - at <= 254 && isDomainCharacter(text.charCodeAt(end))) end++;
  // Longer than any address: a token (base64, a hash) that merely contains an "@".
  if (at - start > 64 || end - at > 254) return undefined;
  while (end > at + 1 && /[.-]/.test(text[end - 1]!)) end--; // the sentence's full stop
  while (start < at && text[start] === '.') start++;
  if (start === at || end === at + 1) return undefined;
  const before = text[start - 1] ?? '';
  const after = text[end] ?? '';
  const afterNext = text[end + 1] ?? '';
  const isMailto = text.slice(Math.max(0, start - 7), start).toLowerCase() === 'mailto:';
  if ((before === '/' || before === ':' || before === '@') && !isMailto) return undefined;
  if (after === '@' || after === '/' || (after === ':' && afterNext !== '' && !/\s/.test(afterNext))) return undefined;
  const address = text.slice(start, end).toLowerCase();
  return isUsableEmail(address) ? address : undefined;
}

type TextDetection = DetectedContactInput & { evidence: NonNullable<DetectedContactInput['evidence']> };

/** One text scan of a page: what it found, and how much of its budget it has spent. */
class TextScan {
  readonly found = new Map<string, TextDetection>();
  private atSigns = 0;
  /** "@" signs past the caps, counted but not read: how many more addresses the page may hold. */
  uncounted = 0;

  /**
   * Every text node under `subtree`, in document order, until the budget is spent. The loop is
   * kept tight on purpose: it runs for every text node of the page, and most hold no "@". Past
   * the caps on "@" signs and addresses, the rest of the page's "@" are only counted, so the
   * result can say how much was left unread.
   */
  walk(document: Document, subtree: Node): void {
    const walker = document.createTreeWalker(subtree, SHOW_TEXT);
    let chars = 0;
    for (let node = walker.nextNode() as Text | null; node !== null; node = walker.nextNode() as Text | null) {
      // One read of the text per node (its length first would be a second call into the DOM);
      // shorter than "a@b.co" holds no address.
      let text = node.data;
      if (text.length < 6) continue;
      if (text.length > MAX_NODE_CHARS) text = text.slice(0, MAX_NODE_CHARS);
      chars += text.length;
      if (chars > MAX_PAGE_CHARS) return;
      let at = text.indexOf('@');
      if (at === -1) continue;
      if (this.atSigns < MAX_AT_SIGNS && this.found.size < MAX_ADDRESSES) this.read(node, text, at);
      else if (!SKIPPED_PARENT_TAGS.has(node.parentElement?.tagName.toUpperCase() ?? '')) for (; at !== -1; at = text.indexOf('@', at + 1)) this.uncounted++;
    }
  }

  /** The addresses of one text node whose first "@" is at `at`. */
  private read(node: Text, text: string, at: number): void {
    const parent = node.parentElement;
    if (!parent || SKIPPED_PARENT_TAGS.has(parent.tagName.toUpperCase()) || parent.closest(SKIPPED)) return;
    for (; at !== -1 && this.atSigns++ < MAX_AT_SIGNS; at = text.indexOf('@', at + 1)) {
      const address = addressAt(text, at);
      if (address) this.add(address, parent);
    }
  }

  private add(address: string, parent: Element): void {
    const evidence = { detector: 'text', element: describeElement(parent) };
    const known = this.found.get(address);
    if (known) {
      if (known.evidence.length < MAX_EVIDENCE_PER_ADDRESS) known.evidence.push(evidence);
    } else if (this.found.size < MAX_ADDRESSES) {
      this.found.set(address, { emails: [address], evidence: [evidence] });
    } else {
      this.uncounted++;
    }
  }
}

/**
 * Addresses written as plain text ("write to ada@analyticalengines.co.uk"), validated and
 * filtered by the rules; runs last, and a text sighting of an address that a structured detector
 * (mailto, h-card, schema.org…) also reported is dropped when detections are merged. One
 * TreeWalker over text nodes only, with cheap length and "@" checks before any work, skipping
 * scripts, styles, code and form fields. (Pruning subtrees by their whole text first, or one
 * `textContent` check of the page, measured slower in Chromium on pages that have any "@".)
 * Test URLs: university staff pages and conference sites that print addresses without links.
 */
export const textDetector: Detector = {
  name: 'text',
  matches: () => true,
  detect(root, _url, pageScan) {
    const document = ((root as Partial<Node>).ownerDocument ?? root) as Document;
    if (typeof document.createTreeWalker !== 'function') return [];
    const scan = new TextScan();
    scan.walk(document, root as Node);
    const read = scan.found.size;
    if (scan.uncounted > 0) pageScan?.limit('addresses', read, read + scan.uncounted);
    return [...scan.found.values()];
  },
};
