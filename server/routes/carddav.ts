import type { Context } from 'hono';
import { Hono } from 'hono';
import type { VcardVersion } from '../../lib/model/vcard';
import { contactToVcard } from '../../lib/model/vcard';
import { readCapped } from '../body';
import { matchesQuery, parseQueryFilter } from '../dav/addressbook-query';
import { type StoredFields, etagOf, vcardContactOf } from '../dav/contact-vcard';
import { ENCRYPTED_NO_DAV } from '../dav/encrypted';
import { errorXml, multistatus, statusResponse } from '../dav/multistatus';
import {
  CONTACT_TYPE,
  DAV_ROOT,
  type PropRequest,
  addressBookHref,
  addressBookProps,
  answer,
  contactHref,
  contactProps,
  principalHref,
  principalProps,
  propRequestOf,
  rootProps,
} from '../dav/props';
import { cursorOfSyncToken, syncTokenOf } from '../dav/sync-token';
import { CARDDAV_NS, DAV_NS, type XmlElement, childOf, childrenOf, parseXml } from '../dav/xml-request';
import type { SyncStore } from '../store';
import type { Env } from './context';
import { problem } from './reply';

/**
 * CardDAV, read-only for now (issue 20; RFC 6352 on RFC 4918, RFC 6578 sync-collection): one
 * address book per workspace the caller belongs to, at `/dav/<workspace>/contacts/`, each live
 * contact a vCard at `…/<id>.vcf`, with the reports addressbook-multiget, addressbook-query and
 * sync-collection. Discovery starts at `/.well-known/carddav` (a redirect to
 * `/dav/`, see ../app.ts): `/dav/` names the caller's principal and is their address-book home.
 * Mounted behind the Basic auth of ./dav.ts, which sets the caller.
 */
export interface CardDavOptions {
  store: SyncStore;
  now: () => number;
}

const MAX_WORKSPACE_ID = 64;
/** PROPFIND and REPORT bodies are small; a multiget of a few thousand hrefs fits. */
const MAX_BODY_BYTES = 512 * 1024;
const XML_TYPE = 'application/xml; charset=utf-8';
const READ_ONLY = 'this address book is read-only for now: edit contacts in Sidebar CRM, and they reach your address book at its next sync';

/** What OPTIONS answers anywhere under /dav/ (before auth and CORS, see ../app.ts). */
export const DAV_OPTIONS_HEADERS = { DAV: '1, 3, addressbook', Allow: 'OPTIONS, GET, HEAD, PROPFIND, REPORT' } as const;

type Target =
  | { kind: 'root' }
  | { kind: 'principal'; user: string }
  | { kind: 'book'; workspace: string }
  | { kind: 'contact'; workspace: string; id: string }
  | { kind: 'none' };

/** The resource a path under /dav names (trailing slash or not). */
function targetOf(path: string): Target {
  let segments: string[];
  try {
    segments = path.replace(/^\/dav(?=\/|$)/, '').split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    return { kind: 'none' };
  }
  const [first, second, third, ...more] = segments;
  if (first === undefined) return { kind: 'root' };
  if (first === 'principals' && second !== undefined && third === undefined) return { kind: 'principal', user: second };
  if (second !== 'contacts' || more.length > 0) return { kind: 'none' };
  if (third === undefined) return { kind: 'book', workspace: first };
  return third.endsWith('.vcf') && third.length > 4 ? { kind: 'contact', workspace: first, id: third.slice(0, -4) } : { kind: 'none' };
}

/** The contact an href of a multiget names, when it is in this address book. */
function contactIdOf(href: string, workspace: string): string | undefined {
  let path: string;
  try {
    path = new URL(href, 'http://dav.invalid').pathname;
  } catch {
    return undefined;
  }
  const target = targetOf(path);
  return target.kind === 'contact' && target.workspace === workspace ? target.id : undefined;
}

/** vCard 3.0 when the client asks for it (`Accept: text/vcard;version=3.0`), else 4.0. */
function acceptedVersion(accept: string | undefined): VcardVersion {
  for (const entry of (accept ?? '').split(',')) {
    const [type, ...params] = entry.split(';').map((part) => part.trim().toLowerCase());
    if (type !== 'text/vcard') continue;
    const version = params.find((param) => param.startsWith('version='))?.slice(8).replace(/"/g, '');
    if (version === '3.0' || version === '4.0') return version;
  }
  return '4.0';
}

const multistatusReply = (c: Context, body: string) => c.body(body, 207, { 'Content-Type': XML_TYPE });

export function carddavRoutes({ store, now }: CardDavOptions): Hono<Env> {
  const routes = new Hono<Env>();

  /** The workspace's name when the caller may read its address book, else the reply refusing it. */
  async function openBook(c: Context<Env>, workspace: string): Promise<{ name: string } | Response> {
    const userId = c.get('caller').userId;
    const role = workspace.length > MAX_WORKSPACE_ID ? undefined : await store.memberRole(workspace, userId, now());
    if (role === undefined) return problem(c, 404, 'not-found', 'no such address book');
    if (await store.isEncrypted(workspace)) return problem(c, 404, 'encrypted', ENCRYPTED_NO_DAV);
    const workspaces = await store.workspacesOf(userId);
    return { name: workspaces.find((entry) => entry.workspace === workspace)?.name ?? workspace };
  }

  /** The request's XML, or undefined when there is none; a reply for a body too large or malformed. */
  async function readXml(c: Context<Env>): Promise<XmlElement | undefined | Response> {
    const declared = Number(c.req.header('content-length') ?? Number.NaN);
    const bytes = declared > MAX_BODY_BYTES ? undefined : await readCapped(c.req.raw, MAX_BODY_BYTES);
    if (bytes === undefined) return problem(c, 413, 'too-large', `request body larger than ${MAX_BODY_BYTES} bytes`);
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      return problem(c, 400, 'bad-xml', 'request body is not UTF-8');
    }
    if (text.trim() === '') return undefined;
    return parseXml(text.replace(/^\uFEFF/, '')) ?? problem(c, 400, 'bad-xml', 'request body is not well-formed XML');
  }

  const addressBookEntry = async (user: string, workspace: string, name: string, request: PropRequest) => {
    const cursor = await store.workspaceCursor(workspace);
    return answer(addressBookHref(workspace), addressBookProps(user, name, syncTokenOf(cursor), cursor), request);
  };

  const contactEntry = (workspace: string, row: { id: string; fields: StoredFields }, request: PropRequest) =>
    answer(contactHref(workspace, row.id), contactProps(vcardContactOf(row.id, row.fields), etagOf(row.fields), request.kind === 'list' ? request.vcardVersion : '4.0'), request);

  routes.on('PROPFIND', '*', async (c) => {
    const user = c.get('caller').userId;
    const body = await readXml(c);
    if (body instanceof Response) return body;
    if (body !== undefined && !(body.ns === DAV_NS && body.name === 'propfind')) return problem(c, 400, 'bad-xml', 'a PROPFIND body is a DAV:propfind element');
    const request = propRequestOf(body);
    // Depth infinity (the default) is answered as 1: the tree is two levels deep.
    const deep = c.req.header('depth') !== '0';
    const target = targetOf(c.req.path);
    switch (target.kind) {
      case 'root': {
        const responses = [answer(DAV_ROOT, rootProps(user), request)];
        if (deep) {
          for (const { workspace, name } of await store.workspacesOf(user)) {
            // An encrypted workspace has no address book to list (its own URL says why).
            if (!(await store.isEncrypted(workspace))) responses.push(await addressBookEntry(user, workspace, name, request));
          }
        }
        return multistatusReply(c, multistatus(responses));
      }
      case 'principal': {
        const summary = target.user === user ? await store.userSummary(user) : undefined;
        if (!summary) return problem(c, 404, 'not-found', 'no such principal');
        return multistatusReply(c, multistatus([answer(principalHref(user), principalProps(user, summary.name ?? summary.email), request)]));
      }
      case 'book': {
        const book = await openBook(c, target.workspace);
        if (book instanceof Response) return book;
        const responses = [await addressBookEntry(user, target.workspace, book.name, request)];
        if (deep) for (const row of await store.davContacts(target.workspace, user)) responses.push(contactEntry(target.workspace, row, request));
        return multistatusReply(c, multistatus(responses));
      }
      case 'contact': {
        const book = await openBook(c, target.workspace);
        if (book instanceof Response) return book;
        const [row] = await store.davContacts(target.workspace, user, [target.id]);
        if (!row) return problem(c, 404, 'not-found', 'no such contact');
        return multistatusReply(c, multistatus([contactEntry(target.workspace, row, request)]));
      }
      case 'none':
        return problem(c, 404, 'not-found', 'no such DAV resource');
    }
  });

  routes.on('REPORT', '*', async (c) => {
    const user = c.get('caller').userId;
    const target = targetOf(c.req.path);
    if (target.kind !== 'book') return problem(c, target.kind === 'none' ? 404 : 403, 'not-supported', 'reports are answered by an address book (/dav/<workspace>/contacts/)');
    const body = await readXml(c);
    if (body instanceof Response) return body;
    const book = await openBook(c, target.workspace);
    if (book instanceof Response) return book;
    const request = propRequestOf(body);

    if (body?.ns === CARDDAV_NS && body.name === 'addressbook-multiget') {
      const wanted = childrenOf(body, DAV_NS, 'href').map((href) => href.text.trim());
      const ids = new Map(wanted.map((href) => [href, contactIdOf(href, target.workspace)] as const));
      const rows = new Map((await store.davContacts(target.workspace, user, [...ids.values()].filter((id) => id !== undefined))).map((row) => [row.id, row]));
      const responses = wanted.map((href) => {
        const row = rows.get(ids.get(href) ?? '');
        return row ? contactEntry(target.workspace, row, request) : statusResponse(href, '404 Not Found');
      });
      return multistatusReply(c, multistatus(responses));
    }

    if (body?.ns === DAV_NS && body.name === 'sync-collection') {
      const token = childOf(body, DAV_NS, 'sync-token')?.text.trim() ?? '';
      if (token === '') {
        // The initial sync: every live contact, and the cursor read before them (a write meanwhile is sent again next time).
        const cursor = await store.workspaceCursor(target.workspace);
        const rows = await store.davContacts(target.workspace, user);
        return multistatusReply(c, multistatus(rows.map((row) => contactEntry(target.workspace, row, request)), syncTokenOf(cursor)));
      }
      const since = cursorOfSyncToken(token);
      const changes = since === undefined ? undefined : await store.davContactChanges(target.workspace, user, since);
      if (changes === undefined || changes.gone) {
        // RFC 6578 §3.2: the client drops its token and syncs from scratch.
        return c.body(errorXml({ ns: DAV_NS, name: 'valid-sync-token' }), 403, { 'Content-Type': XML_TYPE });
      }
      const responses = [
        ...changes.changed.map((row) => contactEntry(target.workspace, row, request)),
        ...changes.removed.map((id) => statusResponse(contactHref(target.workspace, id), '404 Not Found')),
      ];
      return multistatusReply(c, multistatus(responses, syncTokenOf(changes.cursor)));
    }

    if (body?.ns === CARDDAV_NS && body.name === 'addressbook-query') {
      const filter = parseQueryFilter(childOf(body, CARDDAV_NS, 'filter'));
      if ('unsupported' in filter) return c.body(errorXml({ ns: CARDDAV_NS, name: filter.unsupported }), 403, { 'Content-Type': XML_TYPE });
      const rows = await store.davContacts(target.workspace, user);
      const hits = rows.filter((row) => matchesQuery(contactToVcard(vcardContactOf(row.id, row.fields)), filter));
      return multistatusReply(c, multistatus(hits.map((row) => contactEntry(target.workspace, row, request))));
    }

    // RFC 3253 §3.6: a report the resource does not support.
    return c.body(errorXml({ ns: DAV_NS, name: 'supported-report' }), 403, { 'Content-Type': XML_TYPE });
  });

  routes.get('*', async (c, next) => {
    const target = targetOf(c.req.path);
    if (target.kind !== 'contact') return next();
    const book = await openBook(c, target.workspace);
    if (book instanceof Response) return book;
    const [row] = await store.davContacts(target.workspace, c.get('caller').userId, [target.id]);
    if (!row) return problem(c, 404, 'not-found', 'no such contact');
    const etag = etagOf(row.fields);
    const headers = { ETag: etag, 'Cache-Control': 'private, no-cache' };
    if (c.req.header('if-none-match')?.split(',').some((tag) => tag.trim() === etag || tag.trim() === '*')) return c.body(null, 304, headers);
    return c.body(contactToVcard(vcardContactOf(row.id, row.fields), acceptedVersion(c.req.header('accept'))), 200, { ...headers, 'Content-Type': CONTACT_TYPE });
  });

  // Writing through DAV is the next slice: until then every change is refused with the reason.
  routes.on(['PUT', 'DELETE', 'PROPPATCH', 'MKCOL', 'COPY', 'MOVE', 'LOCK', 'UNLOCK'], '*', (c) => c.text(READ_ONLY, 403));

  return routes;
}

/** OPTIONS anywhere under /dav/: what the server speaks, asked before any credentials. */
export function davOptions(c: Context): Response {
  return c.body(null, 204, DAV_OPTIONS_HEADERS);
}
