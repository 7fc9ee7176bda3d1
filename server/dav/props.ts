/**
 * The properties of each kind of DAV resource the server has, and how a PROPFIND or REPORT's
 * `<d:prop>` list (or allprop) picks among them. Values are inner XML, escaped here.
 */
import type { VcardVersion } from '../../lib/model/vcard';
import { type PropName, escapeXml, hrefXml, propResponse } from './multistatus';
import { CALENDARSERVER_NS, CARDDAV_NS, DAV_NS, type XmlElement, childOf } from './xml-request';

/** A resource's properties: each computed only when asked for. */
export type PropSource = ReadonlyArray<[PropName, () => string]>;

/** What a request asks for: every property, their names, or a list (with the vCard version address-data wants). */
export type PropRequest = { kind: 'all' } | { kind: 'names' } | { kind: 'list'; props: PropName[]; vcardVersion: VcardVersion };

const dav = (name: string): PropName => ({ ns: DAV_NS, name });
const card = (name: string): PropName => ({ ns: CARDDAV_NS, name });
const ADDRESS_DATA = card('address-data');

export const CONTACT_TYPE = 'text/vcard; charset=utf-8';

/** The request's property selection from the element holding `<d:prop>`/`<d:allprop>`/`<d:propname>`. */
export function propRequestOf(parent: XmlElement | undefined): PropRequest {
  if (childOf(parent, DAV_NS, 'propname')) return { kind: 'names' };
  const prop = childOf(parent, DAV_NS, 'prop');
  if (!prop) return { kind: 'all' };
  const addressData = childOf(prop, CARDDAV_NS, 'address-data');
  return { kind: 'list', props: prop.children.map(({ ns, name }) => ({ ns, name })), vcardVersion: addressData?.attrs.version === '3.0' ? '3.0' : '4.0' };
}

/** One response for one resource: found properties under 200, asked-for unknown ones under 404. */
export function answer(href: string, source: PropSource, request: PropRequest): string {
  if (request.kind !== 'list') {
    // allprop leaves out the vCard itself (RFC 6352 §10.4 is not a live property of allprop).
    const props = source.filter(([prop]) => !(prop.ns === ADDRESS_DATA.ns && prop.name === ADDRESS_DATA.name));
    return propResponse(href, props.map(([prop, value]) => [prop, request.kind === 'names' ? '' : value()]), []);
  }
  const found: Array<[PropName, string]> = [];
  const missing: PropName[] = [];
  for (const wanted of request.props) {
    const hit = source.find(([prop]) => prop.ns === wanted.ns && prop.name === wanted.name);
    if (hit) found.push([hit[0], hit[1]()]);
    else missing.push(wanted);
  }
  return propResponse(href, found, missing);
}

/** A contact's properties (contactProps), in its order. */
const CONTACT_PROPS: readonly PropName[] = [dav('resourcetype'), dav('getetag'), dav('getcontenttype'), ADDRESS_DATA];

/**
 * A listing's contact responses, planned once for its request: which of a contact's properties
 * it asks for, in its order, and those it asks for that a contact does not have. Each response
 * then costs its own values only. The same text as `answer(href, contactProps(…), request)`,
 * without building the property list and its closures for each of 10,000 contacts.
 */
export type ContactAnswerer = (href: string, etag: string, cardXml: (version: VcardVersion) => string) => string;

export function contactAnswerer(request: PropRequest): ContactAnswerer {
  if (request.kind !== 'list') return (href, etag, cardXml) => answer(href, contactProps(cardXml, etag, '4.0'), request);
  const wanted = request.props.map((prop) => CONTACT_PROPS.findIndex((known) => known.ns === prop.ns && known.name === prop.name));
  const missing = request.props.filter((_, index) => wanted[index] === -1);
  const asked = wanted.filter((index) => index !== -1);
  const version = request.vcardVersion;
  return (href, etag, cardXml) => {
    const found: Array<[PropName, string]> = [];
    for (const index of asked) {
      found.push([CONTACT_PROPS[index]!, index === 0 ? '' : index === 1 ? escapeXml(etag) : index === 2 ? CONTACT_TYPE : cardXml(version)]);
    }
    return propResponse(href, found, missing);
  };
}

export const DAV_ROOT = '/dav/';
export const principalHref = (user: string) => `${DAV_ROOT}principals/${encodeURIComponent(user)}/`;
export const addressBookHref = (workspace: string) => `${DAV_ROOT}${encodeURIComponent(workspace)}/contacts/`;
export const contactHref = (workspace: string, id: string) => `${addressBookHref(workspace)}${encodeURIComponent(id)}.vcf`;

export function rootProps(user: string): PropSource {
  return [
    [dav('resourcetype'), () => '<d:collection/>'],
    [dav('displayname'), () => 'Sidebar CRM'],
    [dav('current-user-principal'), () => hrefXml(principalHref(user))],
    [card('addressbook-home-set'), () => hrefXml(DAV_ROOT)],
  ];
}

export function principalProps(user: string, displayName: string): PropSource {
  return [
    [dav('resourcetype'), () => '<d:collection/><d:principal/>'],
    [dav('displayname'), () => escapeXml(displayName)],
    [dav('current-user-principal'), () => hrefXml(principalHref(user))],
    [dav('principal-URL'), () => hrefXml(principalHref(user))],
    [card('addressbook-home-set'), () => hrefXml(DAV_ROOT)],
  ];
}

const READ_PRIVILEGES = '<d:privilege><d:read/></d:privilege><d:privilege><d:read-current-user-privilege-set/></d:privilege>';
const WRITE_PRIVILEGES = `${READ_PRIVILEGES}<d:privilege><d:write/></d:privilege><d:privilege><d:write-content/></d:privilege><d:privilege><d:bind/></d:privilege><d:privilege><d:unbind/></d:privilege>`;

const REPORTS = ['<card:addressbook-multiget/>', '<card:addressbook-query/>', '<d:sync-collection/>'];

/** `writable`: the caller may change contacts (owners and editors; a viewer reads). */
export function addressBookProps(user: string, name: string, syncToken: string, cursor: number, writable: boolean): PropSource {
  return [
    [dav('resourcetype'), () => '<d:collection/><card:addressbook/>'],
    [dav('displayname'), () => escapeXml(name)],
    [dav('current-user-principal'), () => hrefXml(principalHref(user))],
    [dav('sync-token'), () => escapeXml(syncToken)],
    [{ ns: CALENDARSERVER_NS, name: 'getctag' }, () => String(cursor)],
    [dav('supported-report-set'), () => REPORTS.map((report) => `<d:supported-report><d:report>${report}</d:report></d:supported-report>`).join('')],
    [card('supported-address-data'), () => '<card:address-data-type content-type="text/vcard" version="4.0"/><card:address-data-type content-type="text/vcard" version="3.0"/>'],
    // A viewer's clients then offer no editing instead of failing on save.
    [dav('current-user-privilege-set'), () => (writable ? WRITE_PRIVILEGES : READ_PRIVILEGES)],
  ];
}

/**
 * `cardXml` gives the vCard escaped as XML text, rendered only when `address-data` is asked for
 * (a sync-collection usually asks for ETags alone).
 */
export function contactProps(cardXml: (version: VcardVersion) => string, etag: string, version: VcardVersion): PropSource {
  return [
    [dav('resourcetype'), () => ''],
    [dav('getetag'), () => escapeXml(etag)],
    [dav('getcontenttype'), () => CONTACT_TYPE],
    [ADDRESS_DATA, () => cardXml(version)],
  ];
}
