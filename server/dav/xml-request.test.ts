/**
 * The request-XML reader takes hostile bodies: it must resolve namespaces as clients write them
 * (any prefix, default namespaces, redeclarations) and refuse what it cannot read safely.
 */
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../test/seeded-random';
import { CARDDAV_NS, DAV_NS, childOf, childrenOf, decodeEntities, parseXml } from './xml-request';
import { decodeEntitiesByPattern, parseXmlByPattern } from './xml-request.reference';

describe('parseXml', () => {
  it('resolves prefixes and default namespaces as each element declares them', () => {
    const root = parseXml(`<?xml version="1.0" encoding="utf-8"?>
      <!-- a comment -->
      <multiget xmlns="urn:ietf:params:xml:ns:carddav" xmlns:A='DAV:'>
        <A:prop><A:getetag/><address-data version="3.0"/></A:prop>
        <A:href>/dav/w/contacts/a%20b.vcf</A:href>
        <A:href><![CDATA[/dav/w/contacts/<c>.vcf]]></A:href>
        <x xmlns="urn:other"><A:href>not a top-level href</A:href></x>
      </multiget>`);
    expect(root).toMatchObject({ ns: CARDDAV_NS, name: 'multiget' });
    const prop = childOf(root, DAV_NS, 'prop');
    expect(prop?.children.map(({ ns, name }) => `${ns} ${name}`)).toEqual(['DAV: getetag', `${CARDDAV_NS} address-data`]);
    expect(childOf(prop, CARDDAV_NS, 'address-data')?.attrs.version).toBe('3.0');
    expect(childrenOf(root, DAV_NS, 'href').map((href) => href.text)).toEqual(['/dav/w/contacts/a%20b.vcf', '/dav/w/contacts/<c>.vcf']);
    expect(childOf(root, 'urn:other', 'x')).toBeDefined();
  });

  it('decodes the predefined entities and character references', () => {
    expect(parseXml('<a>&lt;&amp;&gt;&quot;&apos;&#65;&#x42;</a>')?.text).toBe(`<&>"'AB`);
  });

  it.each([
    ['a DTD (no entity expansion, ever)', '<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>'],
    ['an unknown entity', '<a>&x;</a>'],
    ['an unbound prefix', '<d:a/>'],
    ['a mismatched end tag', '<a><b></a></b>'],
    ['an unclosed element', '<a><b/>'],
    ['two roots', '<a/><b/>'],
    ['text outside the root', 'hello<a/>'],
    ['a bare ampersand', '<a>AT&T</a>'],
    ['nesting past the limit', `${'<a>'.repeat(40)}${'</a>'.repeat(40)}`],
    ['too many elements', `<a>${'<b/>'.repeat(6000)}</a>`],
  ])('refuses %s', (_, xml) => {
    expect(parseXml(xml)).toBeUndefined();
  });

  it('reads past the element cap only for a caller that raises it (a trusted document, never a request body)', () => {
    const many = `<a>${'<b/>'.repeat(6000)}</a>`;
    expect(parseXml(many)).toBeUndefined();
    expect(parseXml(many, { maxElements: 6001 })?.children).toHaveLength(6000);
    expect(parseXml(many, { maxElements: 6000 })).toBeUndefined();
  });
});

/**
 * The scanner against the regular expressions it replaced (./xml-request.reference.ts), on
 * generated documents: well-formed ones (both must read the same tree) and the same documents
 * with characters inserted, deleted or swapped (both must agree on refusing or on what they read).
 */
describe('parseXml against its reference', () => {
  const random = seededRandom(0x2545f491);
  const pick = <T,>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const SPACES = [' ', '\t', '\n', '\r\n', '\u00a0', '\u2003', '\ufeff'];
  const TEXTS = ['plain', 'BEGIN:VCARD&#13;\n', '&amp;&lt;&gt;&quot;&apos;', '&#65;&#x42;&#X43;', 'AT&T', 'a & b', '&#x;', '&#;', '&#12a;', '&#1114112;', '&#0;', '&AMP;', '&ampx;', '&', '>', ']]>', '"\'', ' ', '\u00e9\u4e2d\ud83d\ude00'];
  const NAMES = ['a', 'd:href', 'card:address-data', 'x', 'D:prop', 'b-c.d', 'e<f'];
  const attribute = () =>
    `${pick(SPACES)}${pick(['id', 'version', 'xmlns:d', 'xmlns:card', 'xmlns', 'a-b'])}${pick(['', ' '])}=${pick(['', ' '])}${pick([
      '"DAV:"',
      "'urn:ietf:params:xml:ns:carddav'",
      '"3.0"',
      '"a&amp;b"',
      "'<>'",
      '"&bad;"',
      '""',
    ])}`;
  const element = (depth: number): string => {
    const name = pick(NAMES);
    const attrs = Array.from({ length: Math.floor(random() * 3) }, attribute).join('');
    if (depth > 3 || random() < 0.25) return `<${name}${attrs}${pick(['', ' '])}/>`;
    const inner = Array.from({ length: Math.floor(random() * 4) }, () => {
      const kind = random();
      if (kind < 0.45) return element(depth + 1);
      if (kind < 0.8) return pick(TEXTS);
      if (kind < 0.9) return `<![CDATA[${pick(TEXTS)}]]>`;
      return pick(['<!-- note -->', '<?pi x?>']);
    }).join('');
    return `<${name}${attrs}>${inner}</${name}${pick(['', ' ', '\n'])}>`;
  };
  const document = () =>
    `${pick(['', '<?xml version="1.0"?>', '<!-- c -->\n'])}${pick(['', ' '])}<d:root xmlns:d="DAV:" xmlns:card="urn:ietf:params:xml:ns:carddav" xmlns:D="DAV:">${element(0)}${element(0)}</d:root>${pick(['', '\n', ' x'])}`;
  const MUTATIONS = ['<', '>', '/', '!', '?', '=', '"', "'", '&', ';', '#', ' ', '-', '[', ']', 'x'];
  const mutate = (text: string) => {
    const at = Math.floor(random() * (text.length + 1));
    const kind = random();
    if (kind < 0.4) return text.slice(0, at) + pick(MUTATIONS) + text.slice(at);
    if (kind < 0.7) return text.slice(0, at) + text.slice(at + 1);
    return text.slice(0, at) + pick(MUTATIONS) + text.slice(at + 1);
  };

  it('reads 3,000 generated documents, and 12,000 damaged ones, as the reference does', () => {
    let read = 0;
    let refused = 0;
    for (let index = 0; index < 3_000; index++) {
      const source = document();
      const expected = parseXmlByPattern(source);
      expect(parseXml(source), source).toEqual(expected);
      for (let damage = 0; damage < 4; damage++) {
        const damaged = mutate(random() < 0.5 ? source : mutate(source));
        const reference = parseXmlByPattern(damaged);
        expect(parseXml(damaged), damaged).toEqual(reference);
        if (reference === undefined) refused++;
        else read++;
      }
    }
    // Both outcomes are exercised often: a generator that only made refusals would prove little.
    expect(read).toBeGreaterThan(1_000);
    expect(refused).toBeGreaterThan(1_000);
  });

  it('decodes references as the reference does', () => {
    for (let index = 0; index < 5_000; index++) {
      const text = Array.from({ length: 1 + Math.floor(random() * 5) }, () => (random() < 0.5 ? pick(TEXTS) : pick(MUTATIONS))).join('');
      expect(decodeEntities(text), text).toBe(decodeEntitiesByPattern(text));
    }
  });
});
