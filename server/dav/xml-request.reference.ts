/**
 * The DAV XML reader as first written: one regular expression matched token by token, entities
 * replaced by a second one. Slower, kept as the specification the scanner in ./xml-request.ts
 * is held to (xml-request.test.ts compares both on generated documents). Tests only.
 */
import type { XmlElement } from './xml-request';

const MAX_ELEMENTS = 5000;
const MAX_DEPTH = 32;

const TOKEN =
  /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[([\s\S]*?)\]\]>|<\/([^\s>]+)\s*>|<([^\s/>!?]+)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|([^<]+)/y;
const ATTRIBUTE = /([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

const NAMED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function decodeEntitiesByPattern(text: string): string | undefined {
  // Most text has no reference at all (a multistatus's hrefs and ETags): nothing to replace.
  if (!text.includes('&')) return text;
  let bad = false;
  const out = text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);?/gi, (whole, ref: string) => {
    if (!whole.endsWith(';')) bad = true;
    if (ref.startsWith('#')) {
      const code = ref[1] === 'x' || ref[1] === 'X' ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10);
      if (!(code > 0 && code <= 0x10ffff)) bad = true;
      return bad ? '' : String.fromCodePoint(code);
    }
    const value = Object.hasOwn(NAMED, ref) ? NAMED[ref] : undefined;
    if (value === undefined) bad = true;
    return value ?? '';
  });
  return bad ? undefined : out;
}

interface Open {
  element: XmlElement;
  qname: string;
  scope: Map<string, string>;
}

export function parseXmlByPattern(source: string): XmlElement | undefined {
  let root: XmlElement | undefined;
  const stack: Open[] = [];
  let count = 0;
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < source.length) {
    const match = TOKEN.exec(source);
    if (!match) return undefined;
    const [, cdata, closing, opening, attrText, selfClosing, text] = match;
    const top = stack.at(-1);
    if (cdata !== undefined || text !== undefined) {
      const content = cdata ?? decodeEntitiesByPattern(text!);
      if (content === undefined) return undefined;
      if (top) top.element.text += content;
      else if (content.trim() !== '') return undefined;
      continue;
    }
    if (closing !== undefined) {
      if (!top || top.qname !== closing) return undefined;
      stack.pop();
      continue;
    }
    if (opening === undefined) continue; // a comment or processing instruction
    if (++count > MAX_ELEMENTS || stack.length >= MAX_DEPTH || (root && !top)) return undefined;
    const attrs: Record<string, string> = {};
    // An element declaring no namespace shares its parent's scope (never changed once made).
    let scope = top?.scope ?? new Map<string, string>();
    let ownScope = top === undefined;
    for (const [, name, double, single] of (attrText ?? '').matchAll(ATTRIBUTE)) {
      const value = decodeEntitiesByPattern(double ?? single ?? '');
      if (value === undefined) return undefined;
      const declared = name === 'xmlns' ? '' : name!.startsWith('xmlns:') ? name!.slice(6) : undefined;
      if (declared === undefined) {
        attrs[name!] = value;
        continue;
      }
      if (!ownScope) {
        scope = new Map(scope);
        ownScope = true;
      }
      scope.set(declared, value);
    }
    const colon = opening.indexOf(':');
    const prefix = colon < 0 ? '' : opening.slice(0, colon);
    const ns = scope.get(prefix);
    if (ns === undefined && prefix !== '') return undefined;
    const element: XmlElement = { ns: ns ?? '', name: opening.slice(colon + 1), attrs, children: [], text: '' };
    if (top) top.element.children.push(element);
    else root = element;
    if (selfClosing !== '/') stack.push({ element, qname: opening, scope });
  }
  return stack.length === 0 ? root : undefined;
}

