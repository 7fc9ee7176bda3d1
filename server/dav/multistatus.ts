/**
 * WebDAV replies written by template (RFC 4918 §13, RFC 6578 §6.2): a 207 multistatus of one
 * response per resource, each property found under 200 and each asked-for unknown one under 404.
 * Every value is escaped here or by the caller through escapeXml; nothing else makes XML.
 */
import { CALENDARSERVER_NS, CARDDAV_NS, DAV_NS } from './xml-request';

/** A property by its namespace and local name. */
export interface PropName {
  ns: string;
  name: string;
}

const PREFIXES: Record<string, string> = { [DAV_NS]: 'd', [CARDDAV_NS]: 'card', [CALENDARSERVER_NS]: 'cs' };

/**
 * Escapes text and attribute values as character references; CR too, so a vCard's CRLF survives
 * XML's line-end normalising. A loop over character codes rather than a replace callback: it
 * runs for every ETag of a listing (each has two quotes) and every card's every line.
 */
export function escapeXml(text: string): string {
  let out = '';
  let from = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    // < > & " ' CR
    if (code === 60 || code === 62 || code === 38 || code === 34 || code === 39 || code === 13) {
      out += `${text.slice(from, index)}&#${code};`;
      from = index + 1;
    }
  }
  return from === 0 ? text : out + text.slice(from);
}

/** `<d:getetag>` with its content, or empty; a property of a namespace without a prefix brings its own. */
export function propXml(prop: PropName, inner = ''): string {
  const prefix = PREFIXES[prop.ns];
  const open = prefix ? `${prefix}:${prop.name}` : `x:${prop.name} xmlns:x="${escapeXml(prop.ns)}"`;
  const close = prefix ? `${prefix}:${prop.name}` : `x:${prop.name}`;
  return inner === '' ? `<${open}/>` : `<${open}>${inner}</${close}>`;
}

export const hrefXml = (href: string) => `<d:href>${escapeXml(href)}</d:href>`;

/** One resource's response: the found properties (name and inner XML) and the missing ones. */
export function propResponse(href: string, found: ReadonlyArray<[PropName, string]>, missing: readonly PropName[]): string {
  // Strings added in loops, not arrays joined: a listing makes 10,000 of these.
  let xml = `<d:response>${hrefXml(href)}`;
  // A response needs a propstat even when nothing was asked for (`<d:prop/>`).
  if (found.length > 0 || missing.length === 0) {
    xml += '<d:propstat><d:prop>';
    for (const [prop, inner] of found) xml += propXml(prop, inner);
    xml += '</d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat>';
  }
  if (missing.length > 0) {
    xml += '<d:propstat><d:prop>';
    for (const prop of missing) xml += propXml(prop);
    xml += '</d:prop><d:status>HTTP/1.1 404 Not Found</d:status></d:propstat>';
  }
  return `${xml}</d:response>`;
}

/** A response with a status only: a resource not found, or (in sync-collection) removed. */
export function statusResponse(href: string, status: '404 Not Found'): string {
  return `<d:response>${hrefXml(href)}<d:status>HTTP/1.1 ${status}</d:status></d:response>`;
}

export function multistatus(responses: readonly string[], syncToken?: string): string {
  const token = syncToken === undefined ? '' : `<d:sync-token>${escapeXml(syncToken)}</d:sync-token>`;
  return `<?xml version="1.0" encoding="utf-8"?>\n<d:multistatus xmlns:d="DAV:" xmlns:card="${CARDDAV_NS}" xmlns:cs="${CALENDARSERVER_NS}">${responses.join('')}${token}</d:multistatus>\n`;
}

/** A precondition failure body (RFC 4918 §16): `<d:error><d:valid-sync-token/></d:error>`. */
export function errorXml(condition: PropName, message?: string): string {
  // The reason in words, for the client's log, in our own namespace (RFC 4918 §16 allows it).
  const why = message === undefined ? '' : `<s:message xmlns:s="urn:sidebar-crm:dav">${escapeXml(message)}</s:message>`;
  return `<?xml version="1.0" encoding="utf-8"?>\n<d:error xmlns:d="DAV:" xmlns:card="${CARDDAV_NS}">${propXml(condition)}${why}</d:error>\n`;
}
