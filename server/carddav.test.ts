/**
 * Reading the CardDAV address book (issue 20) on SQLite and PostgreSQL, over raw HTTP as a DAV
 * client speaks it: discovery from /.well-known/carddav, PROPFIND listings, GET as vCard 4.0 and
 * 3.0 (parsed back by ical.js), addressbook-multiget, sync-collection (initial, incremental, after
 * a delete and a trash, a token past the purge horizon), and refusals (wrong credentials, a
 * non-member, an encrypted workspace, writes).
 */
import ICAL from 'ical.js';
import { expect, it } from 'vitest';
import { formatHlc } from '../lib/sync/shared/hlc';
import type { PushChange } from '../lib/sync/shared/protocol';
import { CARDDAV_NS, DAV_NS, type XmlElement, childOf, childrenOf, parseXml } from './dav/xml-request';
import { describeEachBackend } from './test/backends';
import { newClient, storeAndApp } from './test/setup';

const DAY = 86_400_000;
let counter = 0;

function stamp(): string {
  return formatHlc({ millis: Date.UTC(2026, 11, 1) + counter++, counter: 0, node: '00000000000000c2' });
}

function contact(id: string, fields: Record<string, unknown>): PushChange {
  const hlc = stamp();
  const all = { emails: [], phones: [], profiles: [], tags: [], stage: 'customer', userFields: [], createdAt: 1, updatedAt: 2, ...fields };
  return { mutationId: `m${counter}-${id}`, table: 'contacts', id, fields: Object.fromEntries(Object.entries(all).map(([name, value]) => [name, { value: value as never, hlc }])) };
}

const edit = (id: string, fields: Record<string, unknown>): PushChange => {
  const hlc = stamp();
  return { mutationId: `m${counter}-${id}`, table: 'contacts', id, fields: Object.fromEntries(Object.entries(fields).map(([name, value]) => [name, { value: value as never, hlc }])) };
};

const basic = (email: string, token: string) => `Basic ${Buffer.from(`${email}:${token}`).toString('base64')}`;

const PROPS = `<?xml version="1.0"?><d:propfind xmlns:d="DAV:" xmlns:C="urn:ietf:params:xml:ns:carddav" xmlns:cs="http://calendarserver.org/ns/">
  <d:prop><d:resourcetype/><d:displayname/><d:current-user-principal/><C:addressbook-home-set/><d:sync-token/><cs:getctag/><d:getetag/><d:getcontenttype/></d:prop></d:propfind>`;

interface Reply {
  status: number;
  headers: Headers;
  text: string;
  xml?: XmlElement;
}

/** The response elements of a multistatus, by href. */
function responsesOf(reply: Reply): Map<string, XmlElement> {
  expect(reply.status).toBe(207);
  expect(reply.xml?.ns).toBe(DAV_NS);
  expect(reply.xml?.name).toBe('multistatus');
  return new Map(childrenOf(reply.xml, DAV_NS, 'response').map((response) => [childOf(response, DAV_NS, 'href')!.text, response]));
}

/** A property of a response, from its 200 propstat. */
function propOf(response: XmlElement | undefined, ns: string, name: string): XmlElement | undefined {
  const ok = childrenOf(response, DAV_NS, 'propstat').find((stat) => childOf(stat, DAV_NS, 'status')?.text.includes(' 200 '));
  return childOf(childOf(ok, DAV_NS, 'prop'), ns, name);
}

const hrefIn = (prop: XmlElement | undefined) => childOf(prop, DAV_NS, 'href')?.text;

describeEachBackend('CardDAV address book: reading', (backend) => {
  const server = storeAndApp(backend);

  async function dav(method: string, path: string, auth: string | undefined, options: { body?: string; headers?: Record<string, string> } = {}): Promise<Reply> {
    const response = await server.app.request(path, { method, headers: { ...(auth ? { authorization: auth } : {}), ...options.headers }, body: options.body });
    const text = await response.text();
    return { status: response.status, headers: response.headers, text, xml: /^<\?xml/.test(text) ? parseXml(text) : undefined };
  }

  /** A user whose workspace holds Ada (live), Bob (trashed) and Cy (deleted), with a dav app password. */
  async function seeded() {
    const owner = await newClient(server.store, server.app);
    await owner.push({
      clientId: 'b1',
      changes: [
        contact('ada', {
          name: 'Ada King Lovelace',
          emails: ['ada@example.org'],
          phones: ['+18003537426'],
          phoneText: { '+18003537426': '1 800 ELEPHANT' },
          company: 'Analytical; Engines',
          title: 'Countess',
          location: 'London',
          tags: ['vip', 'math'],
          profiles: [{ kind: 'linkedin', url: 'https://www.linkedin.com/in/ada' }],
        }),
        contact('bob', { name: 'Bob Trash', deletedAt: Date.UTC(2026, 11, 2) }),
        contact('cy', { name: 'Cy Gone' }),
      ],
    });
    await owner.push({ clientId: 'b1', changes: [{ mutationId: `del-cy-${counter}`, table: 'contacts', id: 'cy', deleted: stamp() }] });
    const { token } = await server.store.addToken(owner.email, Date.now(), 'dav');
    return { owner, token, auth: basic(owner.email, token) };
  }

  it('is discovered from /.well-known/carddav through the principal to one address book per workspace', async () => {
    const { owner, auth } = await seeded();
    const wellKnown = await dav('PROPFIND', '/.well-known/carddav', auth);
    expect([301, 308]).toContain(wellKnown.status);
    expect(wellKnown.headers.get('location')).toBe('/dav/');

    const options = await dav('OPTIONS', '/dav/', undefined);
    expect(options.status).toBeLessThan(300);
    expect(options.headers.get('dav')).toBe('1, 3, addressbook');
    expect(options.headers.get('allow')).toMatch(/PROPFIND/);
    expect((await dav('OPTIONS', `/dav/${owner.workspace}/contacts/`, undefined)).headers.get('dav')).toBe('1, 3, addressbook');

    const root = responsesOf(await dav('PROPFIND', '/dav/', auth, { body: PROPS, headers: { depth: '0' } }));
    expect([...root.keys()]).toEqual(['/dav/']);
    const principal = hrefIn(propOf(root.get('/dav/'), DAV_NS, 'current-user-principal'));
    expect(principal).toBe(`/dav/principals/${owner.user}/`);

    const home = responsesOf(await dav('PROPFIND', principal!, auth, { body: PROPS, headers: { depth: '0' } }));
    expect(hrefIn(propOf(home.get(principal!), CARDDAV_NS, 'addressbook-home-set'))).toBe('/dav/');
    // Another user's principal is not this caller's to read.
    expect((await dav('PROPFIND', '/dav/principals/someone-else/', auth, { body: PROPS, headers: { depth: '0' } })).status).toBe(404);

    // A second workspace shared with the owner, and an encrypted one: two address books, not three.
    const colleague = await newClient(server.store, server.app);
    await server.store.shareWorkspace(colleague.workspace, owner.email, 'viewer');
    const secret = await newClient(server.store, server.app);
    await server.store.shareWorkspace(secret.workspace, owner.email, 'editor');
    await encrypt(secret.workspace, secret.token);

    const books = responsesOf(await dav('PROPFIND', '/dav/', auth, { body: PROPS, headers: { depth: '1' } }));
    const own = `/dav/${owner.workspace}/contacts/`;
    expect([...books.keys()].sort()).toEqual(['/dav/', own, `/dav/${colleague.workspace}/contacts/`].sort());
    const book = books.get(own);
    const type = propOf(book, DAV_NS, 'resourcetype');
    expect(childOf(type, DAV_NS, 'collection')).toBeDefined();
    expect(childOf(type, CARDDAV_NS, 'addressbook')).toBeDefined();
    const names = await server.store.workspacesOf(owner.user);
    expect(propOf(book, DAV_NS, 'displayname')?.text).toBe(names.find((entry) => entry.workspace === owner.workspace)!.name);
    expect(propOf(book, DAV_NS, 'sync-token')?.text).toMatch(/^http:\/\/sidebar-crm\/sync\/\d+$/);
    expect(propOf(book, 'http://calendarserver.org/ns/', 'getctag')?.text).toMatch(/^\d+$/);
    // Asked-for properties a collection lacks come back under 404, not silently dropped.
    const missing = childrenOf(book, DAV_NS, 'propstat').find((stat) => childOf(stat, DAV_NS, 'status')?.text.includes(' 404 '));
    expect(childOf(childOf(missing, DAV_NS, 'prop'), DAV_NS, 'getetag')).toBeDefined();

    const allprop = responsesOf(await dav('PROPFIND', own, auth, { headers: { depth: '0' } }));
    const reports = propOf(allprop.get(own), DAV_NS, 'supported-report-set');
    const reportNames = childrenOf(reports, DAV_NS, 'supported-report').flatMap((entry) => childOf(entry, DAV_NS, 'report')!.children.map((report) => report.name));
    expect(reportNames.sort()).toEqual(['addressbook-multiget', 'addressbook-query', 'sync-collection']);
  });

  it('lists each live contact with a quoted ETag, and serves it as vCard 4.0 or 3.0', async () => {
    const { owner, auth } = await seeded();
    const own = `/dav/${owner.workspace}/contacts/`;
    const listing = responsesOf(await dav('PROPFIND', own, auth, { body: PROPS, headers: { depth: '1' } }));
    // Bob is trashed and Cy deleted: only Ada.
    expect([...listing.keys()]).toEqual([own, `${own}ada.vcf`]);
    const ada = listing.get(`${own}ada.vcf`);
    const etag = propOf(ada, DAV_NS, 'getetag')?.text;
    expect(etag).toMatch(/^"[^"]+"$/);
    expect(propOf(ada, DAV_NS, 'getcontenttype')?.text).toMatch(/^text\/vcard/);

    const v4 = await dav('GET', `${own}ada.vcf`, auth);
    expect(v4.status).toBe(200);
    expect(v4.headers.get('content-type')).toMatch(/^text\/vcard/);
    expect(v4.headers.get('etag')).toBe(etag);
    const card4 = new ICAL.Component(ICAL.parse(v4.text));
    expect(card4.getFirstPropertyValue('version')).toBe('4.0');
    expect(card4.getFirstPropertyValue('uid')).toBe('ada');
    expect(card4.getFirstPropertyValue('fn')).toBe('Ada King Lovelace');
    expect(card4.getFirstPropertyValue('n')).toEqual(['Lovelace', 'Ada King', '', '', '']);
    expect(card4.getFirstPropertyValue('email')).toBe('ada@example.org');
    expect(card4.getFirstPropertyValue('tel')).toBe('1 800 ELEPHANT');
    // The ";" escaped, so ORG stays one component.
    expect(v4.text).toContain('ORG:Analytical\\; Engines\r\n');
    expect(card4.getFirstPropertyValue('org')).toBe('Analytical; Engines');
    // The tags, then the CRM's read-only facts (carddav-write.test.ts: never taken back as tags).
    expect(card4.getFirstPropertyValue('x-sidebar-crm-stage')).toBe('customer');
    expect(card4.getFirstProperty('categories')!.getValues()).toEqual(['vip', 'math', 'CRM stage: customer']);
    expect(card4.getFirstPropertyValue('url')).toBe('https://www.linkedin.com/in/ada');

    const v3 = await dav('GET', `${own}ada.vcf`, auth, { headers: { accept: 'text/vcard;version=3.0' } });
    const card3 = new ICAL.Component(ICAL.parse(v3.text));
    expect(card3.getFirstPropertyValue('version')).toBe('3.0');
    expect(card3.getFirstPropertyValue('fn')).toBe('Ada King Lovelace');
    expect(card3.getFirstProperty('adr')!.getParameter('type')).toEqual(['work', 'pref']);

    expect((await dav('GET', `${own}ada.vcf`, auth, { headers: { 'if-none-match': etag! } })).status).toBe(304);
    const head = await dav('HEAD', `${own}ada.vcf`, auth);
    expect(head.status).toBe(200);
    expect(head.headers.get('etag')).toBe(etag);
    expect(head.text).toBe('');
    expect((await dav('GET', `${own}bob.vcf`, auth)).status).toBe(404);
    expect((await dav('GET', `${own}cy.vcf`, auth)).status).toBe(404);

    // An edit gives a new ETag.
    await owner.push({ clientId: 'b1', changes: [edit('ada', { title: 'Countess of Lovelace' })] });
    expect((await dav('GET', `${own}ada.vcf`, auth)).headers.get('etag')).not.toBe(etag);
  });

  it('answers addressbook-multiget with ETags and vCards, and 404 for what is not there', async () => {
    const { owner, auth } = await seeded();
    const own = `/dav/${owner.workspace}/contacts/`;
    const body = `<?xml version="1.0" encoding="utf-8"?>
      <C:addressbook-multiget xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:carddav">
        <D:prop><D:getetag/><C:address-data content-type="text/vcard" version="3.0"/></D:prop>
        <D:href>${own}ada.vcf</D:href><D:href>http://localhost${own}bob.vcf</D:href><D:href>${own}nobody.vcf</D:href>
      </C:addressbook-multiget>`;
    const replies = responsesOf(await dav('REPORT', own, auth, { body, headers: { depth: '1', 'content-type': 'application/xml' } }));
    expect([...replies.keys()]).toEqual([`${own}ada.vcf`, `http://localhost${own}bob.vcf`, `${own}nobody.vcf`]);
    const ada = replies.get(`${own}ada.vcf`);
    expect(propOf(ada, DAV_NS, 'getetag')?.text).toBe((await dav('GET', `${own}ada.vcf`, auth)).headers.get('etag'));
    const vcard = propOf(ada, CARDDAV_NS, 'address-data')!.text;
    expect(vcard).toContain('\r\n');
    const card = new ICAL.Component(ICAL.parse(vcard));
    expect(card.getFirstPropertyValue('version')).toBe('3.0');
    expect(card.getFirstPropertyValue('email')).toBe('ada@example.org');
    for (const gone of [`http://localhost${own}bob.vcf`, `${own}nobody.vcf`]) expect(childOf(replies.get(gone), DAV_NS, 'status')?.text).toBe('HTTP/1.1 404 Not Found');
  });

  it('serves every card of a listing whose rows it knows but whose cards it does not remember (another version, a row written since)', async () => {
    const { owner, auth } = await seeded();
    const own = `/dav/${owner.workspace}/contacts/`;
    const fullSync = (addressData: string) =>
      dav('REPORT', own, auth, {
        headers: { depth: '1' },
        body: `<d:sync-collection xmlns:d="DAV:" xmlns:C="urn:ietf:params:xml:ns:carddav"><d:sync-token/><d:sync-level>1</d:sync-level><d:prop><d:getetag/>${addressData}</d:prop></d:sync-collection>`,
      });
    const cardOf = (reply: Reply) => propOf(responsesOf(reply).get(`${own}ada.vcf`), CARDDAV_NS, 'address-data')!.text;
    // ETags only: the rows are now known at their cursors, and no card was rendered.
    expect(responsesOf(await fullSync('')).size).toBe(1);
    // Known rows, no card remembered: their fields are read again to render one.
    const v4 = cardOf(await fullSync('<C:address-data/>'));
    expect(v4).toMatch(/^BEGIN:VCARD\r\nVERSION:4\.0/);
    expect(v4).toContain('TITLE:Countess');
    // The 4.0 card remembered, a 3.0 one not: rendered from the fields read again.
    const v3 = cardOf(await fullSync('<C:address-data version="3.0"/>'));
    expect(v3).toMatch(/^BEGIN:VCARD\r\nVERSION:3\.0/);
    expect(v3).toContain('EMAIL');
    expect(cardOf(await fullSync('<C:address-data/>'))).toBe(v4);
    // A write moves the row's cursor: listed with its fields, its new card served.
    await owner.push({ clientId: 'b1', changes: [edit('ada', { title: 'Countess of Lovelace' })] });
    expect(cardOf(await fullSync('<C:address-data/>'))).toContain('TITLE:Countess of Lovelace');
    const multiget = await dav('REPORT', own, auth, {
      headers: { depth: '1' },
      body: `<C:addressbook-multiget xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:carddav"><D:prop><D:getetag/><C:address-data version="3.0"/></D:prop><D:href>${own}ada.vcf</D:href></C:addressbook-multiget>`,
    });
    expect(cardOf(multiget)).toContain('TITLE:Countess of Lovelace');
  });

  it('answers addressbook-query with text-match on FN, EMAIL and TEL, anyof/allof, negation and is-not-defined', async () => {
    const { owner, auth } = await seeded();
    await owner.push({ clientId: 'b1', changes: [contact('dee', { name: 'Dee Dalton', emails: ['dee@acme.test'] }), contact('eve', { name: 'Eve Lovell', emails: ['eve@acme.test'], phones: ['+4930123'] })] });
    const own = `/dav/${owner.workspace}/contacts/`;
    const query = async (filter: string) => {
      const reply = await dav('REPORT', own, auth, {
        headers: { depth: '1' },
        body: `<C:addressbook-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:carddav"><D:prop><D:getetag/><C:address-data/></D:prop><C:filter ${filter}</C:filter></C:addressbook-query>`,
      });
      return reply.status === 207 ? [...responsesOf(reply).keys()].map((href) => href.slice(own.length)).sort() : reply;
    };
    expect(await query('><C:prop-filter name="FN"><C:text-match>LOVEL</C:text-match></C:prop-filter>')).toEqual(['ada.vcf', 'eve.vcf']);
    expect(await query('><C:prop-filter name="FN"><C:text-match collation="i;octet">LOVEL</C:text-match></C:prop-filter>')).toEqual([]);
    expect(await query('><C:prop-filter name="EMAIL"><C:text-match match-type="equals">ada@example.org</C:text-match></C:prop-filter>')).toEqual(['ada.vcf']);
    // TEL matches the phone as it was written, as a GET shows it.
    expect(await query('><C:prop-filter name="TEL"><C:text-match>elephant</C:text-match></C:prop-filter>')).toEqual(['ada.vcf']);
    expect(
      await query('test="anyof"><C:prop-filter name="FN"><C:text-match match-type="starts-with">dee</C:text-match></C:prop-filter><C:prop-filter name="TEL"><C:text-match match-type="ends-with">123</C:text-match></C:prop-filter>'),
    ).toEqual(['dee.vcf', 'eve.vcf']);
    expect(
      await query('test="allof"><C:prop-filter name="EMAIL"><C:text-match match-type="ends-with">@acme.test</C:text-match></C:prop-filter><C:prop-filter name="FN"><C:text-match negate-condition="yes">eve</C:text-match></C:prop-filter>'),
    ).toEqual(['dee.vcf']);
    expect(await query('><C:prop-filter name="TEL"><C:is-not-defined/></C:prop-filter>')).toEqual(['dee.vcf']);
    // The trashed and the deleted stay out, whatever the filter.
    expect(await query('><C:prop-filter name="FN"/>')).toEqual(['ada.vcf', 'dee.vcf', 'eve.vcf']);

    const param = await query('><C:prop-filter name="TEL"><C:param-filter name="TYPE"><C:text-match>work</C:text-match></C:param-filter></C:prop-filter>');
    expect(param).toMatchObject({ status: 403 });
    expect(childOf((param as Reply).xml, CARDDAV_NS, 'supported-filter')).toBeDefined();
    const collation = await query('><C:prop-filter name="FN"><C:text-match collation="i;klingon">x</C:text-match></C:prop-filter>');
    expect(childOf((collation as Reply).xml, CARDDAV_NS, 'supported-collation')).toBeDefined();
  });

  it('syncs a collection: all at first, then the changes, deleted and trashed ones as 404, and a token past the horizon is refused', async () => {
    const { owner, auth } = await seeded();
    const own = `/dav/${owner.workspace}/contacts/`;
    const sync = (token: string) =>
      dav('REPORT', own, auth, {
        body: `<d:sync-collection xmlns:d="DAV:"><d:sync-token>${token}</d:sync-token><d:sync-level>1</d:sync-level><d:prop><d:getetag/></d:prop></d:sync-collection>`,
      });
    const tokenOf = (reply: Reply) => childOf(reply.xml, DAV_NS, 'sync-token')!.text;

    const initial = await sync('');
    expect([...responsesOf(initial).keys()]).toEqual([`${own}ada.vcf`]);
    const first = tokenOf(initial);
    expect(first).toMatch(/^http:\/\/sidebar-crm\/sync\/\d+$/);
    const unchanged = await sync(first);
    expect([...responsesOf(unchanged).keys()]).toEqual([]);
    expect(tokenOf(unchanged)).toBe(first);

    await owner.push({ clientId: 'b1', changes: [contact('dee', { name: 'Dee New' }), edit('ada', { title: 'Countess of Lovelace' })] });
    const second = await sync(first);
    const changed = responsesOf(second);
    expect([...changed.keys()].sort()).toEqual([`${own}ada.vcf`, `${own}dee.vcf`]);
    expect(propOf(changed.get(`${own}dee.vcf`), DAV_NS, 'getetag')?.text).toMatch(/^"/);

    // Ada trashed (Delete in the panel), Dee deleted for good: both gone from the address book.
    await owner.push({ clientId: 'b1', changes: [edit('ada', { deletedAt: Date.UTC(2026, 11, 3) }), { mutationId: `del-dee-${counter}`, table: 'contacts', id: 'dee', deleted: stamp() }] });
    const third = await sync(tokenOf(second));
    const removed = responsesOf(third);
    expect([...removed.keys()].sort()).toEqual([`${own}ada.vcf`, `${own}dee.vcf`]);
    for (const response of removed.values()) expect(childOf(response, DAV_NS, 'status')?.text).toBe('HTTP/1.1 404 Not Found');

    // Tombstones purged past the horizon: a client that last synced before them must start over.
    await server.store.purge(90 * DAY, Date.now() + 91 * DAY);
    for (const stale of [first, 'http://sidebar-crm/sync/999999', 'urn:someone-else:1']) {
      const refused = await sync(stale);
      expect(refused.status, stale).toBe(403);
      expect(childOf(refused.xml, DAV_NS, 'valid-sync-token'), stale).toBeDefined();
    }
    expect([...responsesOf(await sync(tokenOf(third))).keys()]).toEqual([]);
    expect([...responsesOf(await sync('')).keys()]).toEqual([]);
  });

  it('refuses wrong credentials, non-members (reading or writing) and encrypted workspaces', async () => {
    const { owner, token, auth } = await seeded();
    const other = await newClient(server.store, server.app);
    const own = `/dav/${owner.workspace}/contacts/`;
    const unauthenticated = await dav('PROPFIND', '/dav/', undefined, { headers: { depth: '0' } });
    expect(unauthenticated.status).toBe(401);
    expect(unauthenticated.headers.get('www-authenticate')).toMatch(/^Basic /);
    expect((await dav('PROPFIND', own, basic(owner.email, 'x'.repeat(43)), { headers: { depth: '0' } })).status).toBe(401);
    // The owner's app password under someone else's email.
    expect((await dav('GET', `${own}ada.vcf`, basic(other.email, token))).status).toBe(401);

    const { token: otherToken } = await server.store.addToken(other.email, Date.now(), 'dav');
    const stranger = basic(other.email, otherToken);
    expect((await dav('PROPFIND', own, stranger, { headers: { depth: '1' } })).status).toBe(404);
    expect((await dav('GET', `${own}ada.vcf`, stranger)).status).toBe(404);
    expect((await dav('REPORT', own, stranger, { body: '<d:sync-collection xmlns:d="DAV:"><d:sync-token/><d:prop><d:getetag/></d:prop></d:sync-collection>' })).status).toBe(404);

    // Writing is for members (carddav-write.test.ts): a stranger's PUT and DELETE find nothing.
    const put = await dav('PUT', `${own}ada.vcf`, stranger, { body: 'BEGIN:VCARD\r\nVERSION:4.0\r\nFN:X\r\nEND:VCARD\r\n', headers: { 'content-type': 'text/vcard' } });
    expect(put.status).toBe(404);
    expect((await dav('DELETE', `${own}ada.vcf`, stranger)).status).toBe(404);
    expect((await dav('GET', `${own}ada.vcf`, auth)).status).toBe(200);

    expect((await dav('PROPFIND', own, auth, { body: '<d:propfind xmlns:d="DAV:"><d:prop>', headers: { depth: '0' } })).status).toBe(400);

    await encrypt(owner.workspace, owner.token);
    for (const [method, path] of [['PROPFIND', own], ['GET', `${own}ada.vcf`]] as const) {
      const refused = await dav(method, path, auth, { headers: { depth: '0' } });
      expect(refused.status, method).toBe(404);
      expect(JSON.parse(refused.text)).toMatchObject({ error: 'encrypted', message: expect.stringMatching(/end-to-end encrypted/) });
    }
  });

  async function encrypt(workspace: string, ownerToken: string) {
    const envelope = { kdf: 'PBKDF2-SHA-256', params: { iterations: 600_000 }, salt: Buffer.alloc(16).toString('base64'), wrappedKey: Buffer.alloc(40).toString('base64'), keyId: 'k1' };
    const put = await server.app.request(`/v1/w/${workspace}/keys`, { method: 'PUT', headers: { authorization: `Bearer ${ownerToken}`, 'content-type': 'application/json' }, body: JSON.stringify(envelope) });
    expect(put.status).toBe(201);
  }
});
