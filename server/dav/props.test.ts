/**
 * A listing's contact responses are planned once per request (contactAnswerer): they must be the
 * very text the general answer() gives for a contact's properties, whatever the request asks.
 */
import { describe, expect, it } from 'vitest';
import { type PropRequest, answer, contactAnswerer, contactProps } from './props';
import { CALENDARSERVER_NS, CARDDAV_NS, DAV_NS } from './xml-request';

const etag = '"2026-12-01T00:00:00.000Z-0000-00000000000000c1~abc"';
const cardXml = (version: string) => `BEGIN:VCARD&#13;\nVERSION:${version}&#13;\nFN:Ada &#38; Co&#13;\nEND:VCARD&#13;\n`;
const href = '/dav/ws/contacts/ada%20l.vcf';

const prop = (ns: string, name: string) => ({ ns, name });
const REQUESTS: PropRequest[] = [
  { kind: 'all' },
  { kind: 'names' },
  { kind: 'list', props: [], vcardVersion: '4.0' },
  { kind: 'list', props: [prop(DAV_NS, 'getetag')], vcardVersion: '4.0' },
  { kind: 'list', props: [prop(DAV_NS, 'getetag'), prop(CARDDAV_NS, 'address-data')], vcardVersion: '4.0' },
  { kind: 'list', props: [prop(CARDDAV_NS, 'address-data'), prop(DAV_NS, 'getetag')], vcardVersion: '3.0' },
  {
    kind: 'list',
    props: [prop(DAV_NS, 'resourcetype'), prop(DAV_NS, 'displayname'), prop(DAV_NS, 'getcontenttype'), prop(CALENDARSERVER_NS, 'getctag'), prop('urn:x', 'odd'), prop(DAV_NS, 'getetag'), prop(DAV_NS, 'getetag')],
    vcardVersion: '4.0',
  },
  { kind: 'list', props: [prop(DAV_NS, 'displayname')], vcardVersion: '4.0' },
];

describe('contactAnswerer', () => {
  it.each(REQUESTS.map((request) => [JSON.stringify(request), request] as const))('answers %s as answer() does', (_, request) => {
    const version = request.kind === 'list' ? request.vcardVersion : '4.0';
    expect(contactAnswerer(request)(href, etag, cardXml)).toBe(answer(href, contactProps(cardXml, etag, version), request));
  });
});
