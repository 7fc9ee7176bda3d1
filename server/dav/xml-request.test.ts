/**
 * The request-XML reader takes hostile bodies: it must resolve namespaces as clients write them
 * (any prefix, default namespaces, redeclarations) and refuse what it cannot read safely.
 */
import { describe, expect, it } from 'vitest';
import { CARDDAV_NS, DAV_NS, childOf, childrenOf, parseXml } from './xml-request';

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
});
