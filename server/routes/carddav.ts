import type { Context } from 'hono';
import { Hono } from 'hono';
import type { VcardVersion } from '../../lib/model/vcard';
import { readCapped } from '../body';
import { matchesQuery, parseQueryFilter } from '../dav/addressbook-query';
import { RowId, type Role } from '../../lib/sync/shared/protocol';
import { cardChanges, readClientCard } from '../dav/contact-put';
import { type OwnerNames, etagOf, isTrashed } from '../dav/contact-vcard';
import type { DavContactRow } from '../dav/row-versions';
import { CARDS_ASKED_AT_ONCE, CardCache } from '../dav/card-cache';
import { DavClock } from '../dav/dav-clock';
import { ENCRYPTED_NO_DAV } from '../dav/encrypted';
import { type PropName, errorXml, multistatus, statusResponse } from '../dav/multistatus';
import {
  CONTACT_TYPE,
  DAV_ROOT,
  type PropRequest,
  addressBookHref,
  addressBookProps,
  answer,
  contactHref,
  contactAnswerer,
  type ContactAnswerer,
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
 * CardDAV (issue 20; RFC 6352 on RFC 4918, RFC 6578 sync-collection): one address book per
 * workspace the caller belongs to, at `/dav/<workspace>/contacts/`, each live contact a vCard at
 * `…/<id>.vcf`, with the reports addressbook-multiget, addressbook-query and sync-collection, and
 * PUT and DELETE for owners and editors (viewers read). A PUT becomes per-field changes stamped by
 * the server's clock (../dav/contact-put.ts), a DELETE moves the contact to the trash, both pushed
 * like a browser's writes. Discovery starts at `/.well-known/carddav` (a redirect to `/dav/`, see
 * ../app.ts): `/dav/` names the caller's principal and is their address-book home. Mounted behind
 * the Basic auth of ./dav.ts, which sets the caller.
 */
export interface CardDavOptions {
  store: SyncStore;
  now: () => number;
}

const MAX_WORKSPACE_ID = 64;
/** PROPFIND and REPORT bodies are small; a multiget of a few thousand hrefs fits. */
const MAX_BODY_BYTES = 512 * 1024;
/** One vCard: a card with an embedded photo is well under this. */
const MAX_CARD_BYTES = 1024 * 1024;
const XML_TYPE = 'application/xml; charset=utf-8';
/** RFC 6352 §6.3.2.1's precondition a card that cannot be stored fails. */
const VALID_ADDRESS_DATA: PropName = { ns: CARDDAV_NS, name: 'valid-address-data' };
const VIEWER = 'you read this workspace as a viewer: its owners can make you an editor to change contacts';
const NOT_HERE = 'only the address book itself and its contacts live here; nothing else can be created, copied, moved, locked or have properties set';

/** What OPTIONS answers anywhere under /dav/ (before auth and CORS, see ../app.ts). */
export const DAV_OPTIONS_HEADERS = { DAV: '1, 3, addressbook', Allow: 'OPTIONS, GET, HEAD, PROPFIND, REPORT, PUT, DELETE' } as const;

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

/** An href that names a contact as this server writes them: nothing to resolve or decode. */
const PLAIN_CONTACT_NAME = /^[A-Za-z0-9_-]+\.vcf$/;

/** The contact an href of a multiget names, when it is in this address book. */
function contactIdOf(href: string, workspace: string): string | undefined {
  // The hrefs a client sends back are mostly the ones it was given: read those without a URL parse.
  const book = addressBookHref(workspace);
  if (href.startsWith(book) && PLAIN_CONTACT_NAME.test(href.slice(book.length))) return href.slice(book.length, -4);
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
const preconditionReply = (c: Context, status: 403 | 409, condition: PropName, message: string) => c.body(errorXml(condition, message), status, { 'Content-Type': XML_TYPE });

/** Whether an `If-Match` / `If-None-Match` header names this ETag (or `*`, any current one). */
function namesEtag(header: string, etag: string | undefined): boolean {
  return etag !== undefined && header.split(',').some((tag) => tag.trim() === '*' || tag.trim().replace(/^W\//, '') === etag);
}

/**
 * RFC 7232 preconditions of a write to a contact, given its ETag now (undefined: no live contact):
 * the reason it fails (412), or undefined.
 */
function preconditionFailure(c: Context, etag: string | undefined): string | undefined {
  const ifMatch = c.req.header('if-match');
  const ifNoneMatch = c.req.header('if-none-match');
  if (ifMatch !== undefined && !namesEtag(ifMatch, etag)) return etag === undefined ? 'the contact no longer exists' : `the contact changed since you read it (now ${etag})`;
  if (ifNoneMatch !== undefined && namesEtag(ifNoneMatch, etag)) return 'a contact already exists at this address';
  return undefined;
}

export function carddavRoutes({ store, now }: CardDavOptions): Hono<Env> {
  const routes = new Hono<Env>();

  const clock = new DavClock();
  const cards = new CardCache();

  /** The workspace's name and the caller's role when they may read its address book, else the reply refusing it. */
  async function openBook(c: Context<Env>, workspace: string): Promise<{ name: string; role: Role } | Response> {
    const userId = c.get('caller').userId;
    const role = workspace.length > MAX_WORKSPACE_ID ? undefined : await store.memberRole(workspace, userId, now());
    if (role === undefined) return problem(c, 404, 'not-found', 'no such address book');
    if (await store.isEncrypted(workspace)) return problem(c, 404, 'encrypted', ENCRYPTED_NO_DAV);
    const workspaces = await store.workspacesOf(userId);
    return { name: workspaces.find((entry) => entry.workspace === workspace)?.name ?? workspace, role };
  }

  /** How cards name each member as a contact's owner: their name, else their email. */
  async function ownerNames(workspace: string): Promise<OwnerNames> {
    return new Map((await store.listMembers(workspace)).map((member) => [member.user, member.name ?? member.email]));
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

  const addressBookEntry = async (user: string, workspace: string, name: string, role: Role | undefined, request: PropRequest) => {
    const cursor = await store.workspaceCursor(workspace);
    const writable = role === 'owner' || role === 'editor';
    return answer(addressBookHref(workspace), addressBookProps(user, name, syncTokenOf(cursor), cursor, writable), request);
  };

  /** A contact's response; `respond` is the request's contactAnswerer, planned once per listing. */
  const contactEntry = (workspace: string, row: DavContactRow, owners: OwnerNames, respond: ContactAnswerer) =>
    respond(contactHref(workspace, row.id), row.etag, (version) => cards.cardXml(workspace, row, owners, version));

  /** The vCard version a request's answer carries, or undefined when it asks for no card (ETags, allprop). */
  const cardsAskedFor = (request: PropRequest): VcardVersion | undefined =>
    request.kind === 'list' && request.props.some((prop) => prop.ns === CARDDAV_NS && prop.name === 'address-data') ? request.vcardVersion : undefined;

  /**
   * `render` of each row, with its card renderable in `version` (undefined: no card needed): a
   * row listed without its fields (../dav/row-versions.ts) whose card is not remembered is read
   * again with them, a slice at a time, each slice rendered before the next is asked about (so no
   * remembered card is dropped in between). Aligned with `rows`; undefined for a row deleted or
   * hidden since it was listed.
   */
  async function renderRows<T>(
    workspace: string,
    user: string,
    rows: readonly DavContactRow[],
    owners: OwnerNames,
    version: VcardVersion | undefined,
    render: (row: DavContactRow) => T,
  ): Promise<Array<T | undefined>> {
    if (version === undefined) return rows.map(render);
    const rendered: Array<T | undefined> = [];
    for (let at = 0; at < rows.length; at += CARDS_ASKED_AT_ONCE) {
      const slice = rows.slice(at, at + CARDS_ASKED_AT_ONCE);
      const unread = new Set(slice.filter((row) => !row.hasFields && !cards.has(workspace, row, owners, version)).map((row) => row.id));
      const read = new Map(unread.size === 0 ? [] : (await store.davContacts(workspace, user, [...unread], true)).map((row) => [row.id, row] as const));
      for (const row of slice) {
        const ready = unread.has(row.id) ? read.get(row.id) : row;
        rendered.push(ready === undefined ? undefined : render(ready));
      }
    }
    return rendered;
  }

  /** The entries of listed contacts (those gone since being listed left out). */
  const contactEntries = async (workspace: string, user: string, rows: readonly DavContactRow[], owners: OwnerNames, request: PropRequest) => {
    const respond = contactAnswerer(request);
    return (await renderRows(workspace, user, rows, owners, cardsAskedFor(request), (row) => contactEntry(workspace, row, owners, respond))).filter(
      (entry): entry is string => entry !== undefined,
    );
  };

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
            if (await store.isEncrypted(workspace)) continue;
            responses.push(await addressBookEntry(user, workspace, name, await store.memberRole(workspace, user, now()), request));
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
        const responses = [await addressBookEntry(user, target.workspace, book.name, book.role, request)];
        if (deep) {
          const owners = await ownerNames(target.workspace);
          responses.push(...(await contactEntries(target.workspace, user, await store.davContacts(target.workspace, user), owners, request)));
        }
        return multistatusReply(c, multistatus(responses));
      }
      case 'contact': {
        const book = await openBook(c, target.workspace);
        if (book instanceof Response) return book;
        const [row] = await store.davContacts(target.workspace, user, [target.id], true);
        if (!row) return problem(c, 404, 'not-found', 'no such contact');
        return multistatusReply(c, multistatus([contactEntry(target.workspace, row, await ownerNames(target.workspace), contactAnswerer(request))]));
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
    const owners = await ownerNames(target.workspace);

    if (body?.ns === CARDDAV_NS && body.name === 'addressbook-multiget') {
      const wanted = childrenOf(body, DAV_NS, 'href').map((href) => href.text.trim());
      const ids = new Map(wanted.map((href) => [href, contactIdOf(href, target.workspace)] as const));
      const rows = await store.davContacts(target.workspace, user, [...ids.values()].filter((id) => id !== undefined));
      const respond = contactAnswerer(request);
      const rendered = await renderRows(target.workspace, user, rows, owners, cardsAskedFor(request), (row) => contactEntry(target.workspace, row, owners, respond));
      const entries = new Map(rows.flatMap((row, index) => (rendered[index] === undefined ? [] : [[row.id, rendered[index]!] as const])));
      const responses = wanted.map((href) => entries.get(ids.get(href) ?? '') ?? statusResponse(href, '404 Not Found'));
      return multistatusReply(c, multistatus(responses));
    }

    if (body?.ns === DAV_NS && body.name === 'sync-collection') {
      const token = childOf(body, DAV_NS, 'sync-token')?.text.trim() ?? '';
      if (token === '') {
        // The initial sync: every live contact, and the cursor read before them (a write meanwhile is sent again next time).
        const cursor = await store.workspaceCursor(target.workspace);
        const rows = await store.davContacts(target.workspace, user);
        return multistatusReply(c, multistatus(await contactEntries(target.workspace, user, rows, owners, request), syncTokenOf(cursor)));
      }
      const since = cursorOfSyncToken(token);
      const changes = since === undefined ? undefined : await store.davContactChanges(target.workspace, user, since);
      if (changes === undefined || changes.gone) {
        // RFC 6578 §3.2: the client drops its token and syncs from scratch.
        return c.body(errorXml({ ns: DAV_NS, name: 'valid-sync-token' }), 403, { 'Content-Type': XML_TYPE });
      }
      const responses = [
        ...(await contactEntries(target.workspace, user, changes.changed, owners, request)),
        ...changes.removed.map((id) => statusResponse(contactHref(target.workspace, id), '404 Not Found')),
      ];
      return multistatusReply(c, multistatus(responses, syncTokenOf(changes.cursor)));
    }

    if (body?.ns === CARDDAV_NS && body.name === 'addressbook-query') {
      const filter = parseQueryFilter(childOf(body, CARDDAV_NS, 'filter'));
      if ('unsupported' in filter) return c.body(errorXml({ ns: CARDDAV_NS, name: filter.unsupported }), 403, { 'Content-Type': XML_TYPE });
      const rows = await store.davContacts(target.workspace, user);
      // Matched on the 4.0 card, remembered or rendered: rows without a remembered one are read with their fields.
      const matched = await renderRows(target.workspace, user, rows, owners, '4.0', (row) => (matchesQuery(cards.card(target.workspace, row, owners, '4.0'), filter) ? row : undefined));
      const hits = matched.filter((row): row is DavContactRow => row !== undefined);
      return multistatusReply(c, multistatus(await contactEntries(target.workspace, user, hits, owners, request)));
    }

    // RFC 3253 §3.6: a report the resource does not support.
    return c.body(errorXml({ ns: DAV_NS, name: 'supported-report' }), 403, { 'Content-Type': XML_TYPE });
  });

  routes.get('*', async (c, next) => {
    const target = targetOf(c.req.path);
    if (target.kind !== 'contact') return next();
    const book = await openBook(c, target.workspace);
    if (book instanceof Response) return book;
    const [row] = await store.davContacts(target.workspace, c.get('caller').userId, [target.id], true);
    if (!row) return problem(c, 404, 'not-found', 'no such contact');
    const etag = row.etag;
    const headers = { ETag: etag, 'Cache-Control': 'private, no-cache' };
    if (c.req.header('if-none-match')?.split(',').some((tag) => tag.trim() === etag || tag.trim() === '*')) return c.body(null, 304, headers);
    const card = cards.card(target.workspace, row, await ownerNames(target.workspace), acceptedVersion(c.req.header('accept')));
    return c.body(card, 200, { ...headers, 'Content-Type': CONTACT_TYPE });
  });

  /** The contact a write names, with the caller allowed to write it, or the reply refusing it. */
  async function writableContact(c: Context<Env>): Promise<{ workspace: string; id: string } | Response> {
    const target = targetOf(c.req.path);
    if (target.kind !== 'contact') return c.text(target.kind === 'none' ? 'no such DAV resource' : NOT_HERE, target.kind === 'none' ? 404 : 405);
    if (!RowId.safeParse(target.id).success) return problem(c, 400, 'invalid', 'a contact name is at most 128 characters, without control characters');
    const book = await openBook(c, target.workspace);
    if (book instanceof Response) return book;
    if (book.role === 'viewer') return problem(c, 403, 'read-only member', VIEWER);
    return { workspace: target.workspace, id: target.id };
  }

  routes.put('*', async (c) => {
    const contact = await writableContact(c);
    if (contact instanceof Response) return contact;
    const type = (c.req.header('content-type') ?? 'text/vcard').split(';')[0]!.trim().toLowerCase();
    if (type !== 'text/vcard' && type !== 'text/x-vcard') return preconditionReply(c, 403, { ns: CARDDAV_NS, name: 'supported-address-data' }, `a contact is a vCard (text/vcard), not ${type}`);
    const bytes = Number(c.req.header('content-length') ?? 0) > MAX_CARD_BYTES ? undefined : await readCapped(c.req.raw, MAX_CARD_BYTES);
    if (bytes === undefined) return problem(c, 413, 'too-large', `a vCard larger than ${MAX_CARD_BYTES} bytes`);
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      return preconditionReply(c, 403, VALID_ADDRESS_DATA, 'the vCard is not UTF-8');
    }
    const reading = readClientCard(text);
    if (!reading.ok) return preconditionReply(c, 403, VALID_ADDRESS_DATA, reading.reason);
    let created = false;
    const result = await store.davWriteContact(contact.workspace, c.get('caller').userId, contact.id, clock, (found) => {
      if (found.kind === 'tombstone') return { refuse: { status: 409, reason: 'this contact was deleted for good; save it under a new name' } };
      const live = found.kind === 'row' && !isTrashed(found.fields) ? found.fields : undefined;
      const failed = preconditionFailure(c, live && etagOf(live));
      if (failed !== undefined) return { refuse: { status: 412, reason: failed } };
      created = live === undefined;
      const changes = cardChanges(reading, contact.id, found.kind === 'row' ? found.fields : undefined, now());
      return changes.ok ? { write: changes.fields } : { refuse: { status: 403, reason: changes.reason } };
    }, now());
    if ('refuse' in result) {
      const { status, reason } = result.refuse;
      return status === 403 ? preconditionReply(c, 403, VALID_ADDRESS_DATA, reason) : c.text(reason, status);
    }
    // No ETag: the stored card is the CRM's rendering of what was sent, so the client reads it back.
    return c.body(null, created ? 201 : 204);
  });

  routes.delete('*', async (c) => {
    const contact = await writableContact(c);
    if (contact instanceof Response) return contact;
    const at = now();
    const result = await store.davWriteContact(contact.workspace, c.get('caller').userId, contact.id, clock, (found) => {
      const live = found.kind === 'row' && !isTrashed(found.fields) ? found.fields : undefined;
      if (live === undefined) return { refuse: { status: 404, reason: 'no such contact' } };
      const failed = preconditionFailure(c, etagOf(live));
      // Delete in the panel: to the trash, where the team can restore it.
      return failed === undefined ? { write: { deletedAt: at, updatedAt: at } } : { refuse: { status: 412, reason: failed } };
    }, at);
    if ('refuse' in result) return c.text(result.refuse.reason, result.refuse.status);
    return c.body(null, 204);
  });

  routes.on(['PROPPATCH', 'MKCOL', 'COPY', 'MOVE', 'LOCK', 'UNLOCK'], '*', (c) => c.text(NOT_HERE, 403));

  return routes;
}

/** OPTIONS anywhere under /dav/: what the server speaks, asked before any credentials. */
export function davOptions(c: Context): Response {
  return c.body(null, 204, DAV_OPTIONS_HEADERS);
}
