/**
 * Just enough XML to read what DAV clients send (PROPFIND and REPORT bodies): elements with
 * their namespaces resolved, attributes and text. No DTDs (refused, so no entity tricks), no
 * entities beyond the five predefined and character references. Element count and depth are
 * capped: the body is hostile input. Answers undefined for anything malformed.
 */
export interface XmlElement {
  /** The namespace URI ('' for none). */
  ns: string;
  /** The local name. */
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** The element's own text (CDATA included), entities decoded. */
  text: string;
}

export const DAV_NS = 'DAV:';
export const CARDDAV_NS = 'urn:ietf:params:xml:ns:carddav';
export const CALENDARSERVER_NS = 'http://calendarserver.org/ns/';

const MAX_ELEMENTS = 5000;
const MAX_DEPTH = 32;

const NAMED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

const isHexDigit = (code: number) => (code >= 48 && code <= 57) || (code >= 65 && code <= 70) || (code >= 97 && code <= 102);
const isDigit = (code: number) => code >= 48 && code <= 57;
const isLetter = (code: number) => (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
/** What `\s` matches (XML's four spaces and Unicode's others): the tag grammar below was specified with it. */
const isSpace = (code: number) => code === 32 || code === 9 || code === 10 || code === 13 || code === 12 || code === 11 || code === 0xa0 || code === 0xfeff || code === 0x2028 || code === 0x2029 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x202f || code === 0x205f || code === 0x3000;

/**
 * Text with its references decoded: the five predefined entities and character references, each
 * ended by ";". An "&" that starts no reference at all ("a & b") stays as it is; one that starts
 * a reference left open ("AT&T"), an unknown entity or a code point outside Unicode makes the
 * text unreadable (undefined). A loop over character codes: a multistatus's vCards carry a
 * reference on every line (`&#13;`), and a regular expression's callback per reference cost
 * more than the rest of the reading.
 */
export function decodeEntities(text: string): string | undefined {
  let amp = text.indexOf('&');
  // Most text has no reference at all (a multistatus's hrefs): nothing to replace.
  if (amp === -1) return text;
  let out = '';
  let from = 0;
  for (; amp !== -1; amp = text.indexOf('&', amp + 1)) {
    let end = amp + 1;
    let value: string | undefined;
    if (text.charCodeAt(end) === 35 /* # */) {
      const hex = text.charCodeAt(end + 1) === 120 || text.charCodeAt(end + 1) === 88; // x or X
      const digitsStart = end + (hex ? 2 : 1);
      end = digitsStart;
      while (end < text.length && (hex ? isHexDigit(text.charCodeAt(end)) : isDigit(text.charCodeAt(end)))) end++;
      if (end === digitsStart) continue; // "&#" or "&#x" with no digit: no reference, taken as it is
      const code = Number.parseInt(text.slice(digitsStart, end), hex ? 16 : 10);
      if (!(code > 0 && code <= 0x10ffff)) return undefined;
      value = String.fromCodePoint(code);
    } else {
      while (end < text.length && isLetter(text.charCodeAt(end))) end++;
      if (end === amp + 1) continue; // "&" followed by no name: taken as it is
      const name = text.slice(amp + 1, end);
      value = Object.hasOwn(NAMED, name) ? NAMED[name] : undefined;
      if (value === undefined) return undefined;
    }
    if (text.charCodeAt(end) !== 59 /* ; */) return undefined;
    out += text.slice(from, amp) + value;
    from = end + 1;
    amp = end;
  }
  return out + text.slice(from);
}

interface Open {
  element: XmlElement;
  qname: string;
  scope: Map<string, string>;
}

/** Where an opening tag ends: its name, its attributes as written, whether it closes itself. */
interface Tag {
  name: string;
  attrs: Array<[string, string]>;
  selfClosing: boolean;
  end: number;
}

/** Most tags have no attributes: they share this list (never added to). */
const NO_ATTRIBUTES: Array<[string, string]> = [];

/**
 * An opening tag at `at` (just past "<"): a name (no space, "/", ">", "!" or "?"), attributes
 * `name = "value"` or `'value'` each after white space, optional white space, then ">" or "/>".
 * Undefined when it is not one.
 */
function readTag(source: string, at: number): Tag | undefined {
  let i = at;
  for (; i < source.length; i++) {
    const code = source.charCodeAt(i);
    if (isSpace(code) || code === 47 || code === 62 || code === 33 || code === 63) break;
  }
  if (i === at) return undefined;
  const name = source.slice(at, i);
  let attrs: Array<[string, string]> = NO_ATTRIBUTES;
  for (;;) {
    const spaceStart = i;
    while (i < source.length && isSpace(source.charCodeAt(i))) i++;
    const code = source.charCodeAt(i);
    if (code === 62) return { name, attrs, selfClosing: false, end: i + 1 };
    if (code === 47) return source.charCodeAt(i + 1) === 62 ? { name, attrs, selfClosing: true, end: i + 2 } : undefined;
    // An attribute: only after white space.
    if (i === spaceStart || i >= source.length) return undefined;
    const nameStart = i;
    for (; i < source.length; i++) {
      const c = source.charCodeAt(i);
      if (isSpace(c) || c === 61 || c === 47 || c === 62) break;
    }
    if (i === nameStart) return undefined;
    const attrName = source.slice(nameStart, i);
    while (i < source.length && isSpace(source.charCodeAt(i))) i++;
    if (source.charCodeAt(i) !== 61) return undefined; // =
    i++;
    while (i < source.length && isSpace(source.charCodeAt(i))) i++;
    const quote = source[i];
    if (quote !== '"' && quote !== "'") return undefined;
    const close = source.indexOf(quote, i + 1);
    if (close === -1) return undefined;
    if (attrs === NO_ATTRIBUTES) attrs = [];
    attrs.push([attrName, source.slice(i + 1, close)]);
    i = close + 1;
  }
}

/**
 * The document's root element, or undefined for anything malformed (or past the caps: 5,000
 * elements unless `limits.maxElements` says otherwise, for a reader of a document it trusts, such
 * as the bench's client reading this server's multistatus; request bodies keep the cap). A scanner over the text
 * (comments, processing instructions, CDATA, end tags, start tags, text between them), not one
 * regular expression matched token by token: the bench's client reads 10 MB of multistatus with
 * it, and the server every REPORT body of up to 1,000 hrefs.
 */
export function parseXml(source: string, limits: { maxElements?: number } = {}): XmlElement | undefined {
  const maxElements = limits.maxElements ?? MAX_ELEMENTS;
  let root: XmlElement | undefined;
  const stack: Open[] = [];
  /** The innermost open element (the stack's last). */
  let top: Open | undefined;
  let count = 0;
  let i = 0;
  const addText = (content: string | undefined): boolean => {
    if (content === undefined) return false;
    if (top) top.element.text += content;
    else if (content.trim() !== '') return false;
    return true;
  };
  while (i < source.length) {
    const lt = source.indexOf('<', i);
    if (lt !== i) {
      // Text up to the next tag (or the end).
      if (!addText(decodeEntities(source.slice(i, lt === -1 ? source.length : lt)))) return undefined;
      if (lt === -1) break;
      i = lt;
    }
    const next = source.charCodeAt(i + 1);
    if (next === 33 /* ! */) {
      if (source.startsWith('<!--', i)) {
        const close = source.indexOf('-->', i + 4);
        if (close === -1) return undefined;
        i = close + 3;
      } else if (source.startsWith('<![CDATA[', i)) {
        const close = source.indexOf(']]>', i + 9);
        if (close === -1) return undefined;
        if (!addText(source.slice(i + 9, close))) return undefined;
        i = close + 3;
      } else {
        return undefined; // a DTD or anything else: never read
      }
      continue;
    }
    if (next === 63 /* ? */) {
      const close = source.indexOf('?>', i + 2);
      if (close === -1) return undefined;
      i = close + 2;
      continue;
    }
    if (next === 47 /* / */) {
      // An end tag must name the innermost open element: its name is compared in place (a name
      // runs to white space or ">", so the open one's name followed by either is exactly it).
      if (!top || !source.startsWith(top.qname, i + 2)) return undefined;
      let end = i + 2 + top.qname.length;
      const after = source.charCodeAt(end);
      if (after !== 62 && !isSpace(after)) return undefined;
      while (end < source.length && isSpace(source.charCodeAt(end))) end++;
      if (source.charCodeAt(end) !== 62) return undefined;
      stack.pop();
      top = stack[stack.length - 1];
      i = end + 1;
      continue;
    }
    const tag = readTag(source, i + 1);
    if (!tag) return undefined;
    i = tag.end;
    if (++count > maxElements || stack.length >= MAX_DEPTH || (root && !top)) return undefined;
    const attrs: Record<string, string> = {};
    // An element declaring no namespace shares its parent's scope (never changed once made).
    let scope = top?.scope ?? new Map<string, string>();
    let ownScope = top === undefined;
    for (const [name, raw] of tag.attrs) {
      const value = decodeEntities(raw);
      if (value === undefined) return undefined;
      const declared = name === 'xmlns' ? '' : name.startsWith('xmlns:') ? name.slice(6) : undefined;
      if (declared === undefined) {
        attrs[name] = value;
        continue;
      }
      if (!ownScope) {
        scope = new Map(scope);
        ownScope = true;
      }
      scope.set(declared, value);
    }
    const opening = tag.name;
    const colon = opening.indexOf(':');
    const prefix = colon < 0 ? '' : opening.slice(0, colon);
    const ns = scope.get(prefix);
    if (ns === undefined && prefix !== '') return undefined;
    const element: XmlElement = { ns: ns ?? '', name: opening.slice(colon + 1), attrs, children: [], text: '' };
    if (top) top.element.children.push(element);
    else root = element;
    if (!tag.selfClosing) {
      top = { element, qname: opening, scope };
      stack.push(top);
    }
  }
  return stack.length === 0 ? root : undefined;
}

export function childOf(element: XmlElement | undefined, ns: string, name: string): XmlElement | undefined {
  return element?.children.find((child) => child.ns === ns && child.name === name);
}

export function childrenOf(element: XmlElement | undefined, ns: string, name: string): XmlElement[] {
  return element?.children.filter((child) => child.ns === ns && child.name === name) ?? [];
}
