/**
 * Writing through the CardDAV address book (issue 20) on SQLite and PostgreSQL, over raw HTTP as
 * a client sends it: PUT creates (201) and changes (204) contacts as per-field changes stamped by
 * the server's clock, merged with the browsers' writes by the sync rules; If-Match and
 * If-None-Match are honoured (412); unknown vCard properties come back as written; DELETE moves
 * the contact to the trash; viewers and bad cards are refused with the reason.
 */
import ICAL from 'ical.js';
import { expect, it } from 'vitest';
import { formatHlc } from '../lib/sync/shared/hlc';
import type { PushChange } from '../lib/sync/shared/protocol';
import { describeEachBackend } from './test/backends';
import { newClient, storeAndApp } from './test/setup';

let counter = 0;
const basic = (email: string, token: string) => `Basic ${Buffer.from(`${email}:${token}`).toString('base64')}`;

/** A browser's write, stamped `ago` ms before now (an offline browser's edit arrives late). */
function browserEdit(id: string, fields: Record<string, unknown>, ago = 0): PushChange {
  const hlc = formatHlc({ millis: Date.now() - ago, counter: counter++ % 1000, node: '00000000000000b7' });
  return { mutationId: `w${counter}-${id}`, table: 'contacts', id, fields: Object.fromEntries(Object.entries(fields).map(([name, value]) => [name, { value: value as never, hlc }])) };
}

const card = (...lines: string[]) => ['BEGIN:VCARD', 'VERSION:4.0', ...lines, 'END:VCARD', ''].join('\r\n');

/** A card's properties as ical.js reads them: name → values. */
function propertiesOf(vcard: string): Map<string, unknown[]> {
  const component = new ICAL.Component(ICAL.parse(vcard) as never);
  const out = new Map<string, unknown[]>();
  for (const property of component.getAllProperties()) out.set(property.name, [...(out.get(property.name) ?? []), ...property.getValues()]);
  return out;
}

describeEachBackend('CardDAV address book: PUT and DELETE', (backend) => {
  const server = storeAndApp(backend);

  async function dav(method: string, path: string, auth: string, options: { body?: string; headers?: Record<string, string> } = {}) {
    const response = await server.app.request(path, { method, headers: { authorization: auth, ...options.headers }, body: options.body });
    return { status: response.status, headers: response.headers, text: await response.text() };
  }

  async function setUp() {
    const owner = await newClient(server.store, server.app);
    const { token } = await server.store.addToken(owner.email, Date.now(), 'dav');
    const auth = basic(owner.email, token);
    const book = `/dav/${owner.workspace}/contacts/`;
    const put = (name: string, body: string, headers: Record<string, string> = {}) => dav('PUT', `${book}${name}.vcf`, auth, { body, headers: { 'content-type': 'text/vcard; charset=utf-8', ...headers } });
    const get = (name: string) => dav('GET', `${book}${name}.vcf`, auth);
    /** The contact as the browsers pull it: field → { value, hlc }. */
    const pulled = async (id: string) => {
      const page = await owner.pull(0, 1000);
      const row = page.changes.find((change) => change.table === 'contacts' && change.id === id);
      return row as { fields: Record<string, { value: unknown; hlc: string }>; deleted?: string } | undefined;
    };
    return { owner, auth, book, put, get, pulled };
  }

  it('creates a contact from a new card (201) that the browsers pull, typed by the user, with its unknown properties served back as written', async () => {
    const { put, get, pulled } = await setUp();
    const unknown = ['BDAY:19151210', 'X-PHONETIC-FIRST-NAME:Ey-da', 'item1.X-ABLabel:_$!<Anniversary>!$_', 'NOTE:Met at the Difference Engine demo\\, 1833'];
    const created = await put(
      'ada-from-phone',
      card('UID:ada-from-phone', 'FN:Ada Lovelace', 'N:Lovelace;Ada;;;', 'EMAIL;TYPE=work:ada@example.org', 'TEL;TYPE=cell:+44 20 7946 0000', 'ORG:Analytical Engines', 'TITLE:Countess', 'CATEGORIES:vip,math', ...unknown),
      { 'if-none-match': '*' },
    );
    expect(created.status).toBe(201);
    expect(created.headers.get('etag')).toBeNull();

    const row = await pulled('ada-from-phone');
    expect(row?.fields.name?.value).toBe('Ada Lovelace');
    expect(row?.fields.emails?.value).toEqual(['ada@example.org']);
    expect(row?.fields.phones?.value).toEqual(['+442079460000']);
    expect(row?.fields.phoneText?.value).toEqual({ '+442079460000': '+44 20 7946 0000' });
    expect(row?.fields.company?.value).toBe('Analytical Engines');
    expect(row?.fields.tags?.value).toEqual(['vip', 'math']);
    expect(row?.fields.stage?.value).toBe('lead');
    expect(row?.fields.source?.value).toMatchObject({ kind: 'carddav' });
    expect(row?.fields.userFields?.value).toEqual(['name', 'company', 'title']);
    expect(row?.fields.vcardExtras?.value).toEqual(unknown);

    const served = await get('ada-from-phone');
    expect(served.status).toBe(200);
    const unfolded = served.text.replace(/\r\n[ \t]/g, '');
    for (const line of unknown) expect(unfolded.split('\r\n')).toContain(line);
    const properties = propertiesOf(served.text);
    expect(properties.get('uid')).toEqual(['ada-from-phone']);
    expect(properties.get('tel')).toEqual(['+44 20 7946 0000']);
    expect(properties.get('x-sidebar-crm-stage')).toEqual(['lead']);
    expect(properties.get('categories')).toEqual(['vip', 'math', 'CRM stage: lead']);

    // Created again at the same name with If-None-Match: * → 412, and nothing changes.
    expect((await put('ada-from-phone', card('FN:Someone Else'), { 'if-none-match': '*' })).status).toBe(412);
    expect((await pulled('ada-from-phone'))?.fields.name?.value).toBe('Ada Lovelace');
  });

  it('keeps a client UID that differs from the resource name, and a PUT of the card it serves changes nothing', async () => {
    const { owner, put, get } = await setUp();
    expect((await put('x1', card('UID:urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1', 'FN:Grace Hopper', 'EMAIL:grace@example.org'))).status).toBe(201);
    const served = await get('x1');
    expect(propertiesOf(served.text).get('uid')).toEqual(['urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1']);
    const before = (await owner.pull(0, 1000)).cursor;
    // The served card, read-only CRM properties and categories included, sent back as it is.
    expect((await put('x1', served.text, { 'if-match': served.headers.get('etag')! })).status).toBe(204);
    const after = await owner.pull(before, 1000);
    expect(after.changes).toEqual([]);
    expect((await get('x1')).headers.get('etag')).toBe(served.headers.get('etag'));
  });

  it('merges a PUT with browser edits per field: a browser edit of another field survives, a later browser edit of the same field wins', async () => {
    const { owner, put, get, pulled } = await setUp();
    await owner.push({ clientId: 'browser', changes: [browserEdit('lin', { name: 'Lin Wu', emails: ['lin@example.org'], phones: [], profiles: [], tags: [], title: 'Analyst', company: 'Acme', stage: 'customer', userFields: [], createdAt: 1, updatedAt: 1 }, 5_000)] });
    const read = await get('lin');
    const etag = read.headers.get('etag')!;

    // A stale ETag is refused whole: 412, nothing written.
    await owner.push({ clientId: 'browser', changes: [browserEdit('lin', { location: 'Oslo' }, 4_000)] });
    const stale = await put('lin', card('UID:lin', 'FN:Lin Wu', 'EMAIL:lin@example.org', 'TEL:+47 22 00 00 00', 'ORG:Acme', 'TITLE:Analyst'), { 'if-match': etag });
    expect(stale.status).toBe(412);
    expect((await pulled('lin'))?.fields.phones?.value).toEqual([]);

    // With the current ETag the phone is written; the location the card lacks was the browser's
    // latest write, so the card clears it (the client read it and removed it)…
    const current = await get('lin');
    expect(current.text).toMatch(/Oslo/);
    const written = await put('lin', card('UID:lin', 'FN:Lin Wu', 'EMAIL:lin@example.org', 'TEL:+47 22 00 00 00', 'ORG:Acme', 'TITLE:Analyst', 'ADR;TYPE=work:;;;Oslo;;;'), {
      'if-match': current.headers.get('etag')!,
    });
    expect(written.status).toBe(204);
    let row = await pulled('lin');
    expect(row?.fields.phones?.value).toEqual(['+4722000000']);
    // …while an offline browser's edit of the title, stamped before the PUT, arrives after it:
    // a field the card did not change keeps the browser's value.
    const titleStampBefore = row?.fields.title?.hlc;
    await owner.push({ clientId: 'offline', changes: [browserEdit('lin', { title: 'Head of Data' }, 3_000)] });
    row = await pulled('lin');
    expect(row?.fields.title?.value).toBe('Head of Data');
    expect(titleStampBefore).toBeDefined();
    expect(row?.fields.phones?.value).toEqual(['+4722000000']);

    // A browser that changes the phone after the PUT wins it.
    await owner.push({ clientId: 'browser', changes: [browserEdit('lin', { phones: ['+4722111111'] })] });
    row = await pulled('lin');
    expect(row?.fields.phones?.value).toEqual(['+4722111111']);
    expect(row?.fields.title?.value).toBe('Head of Data');
  });

  it('stamps a PUT after every stamp of the row, even one a browser with a fast clock wrote', async () => {
    const { owner, put, pulled } = await setUp();
    await owner.push({ clientId: 'fast', changes: [browserEdit('fast', { name: 'Fast Clock', emails: [], phones: [], profiles: [], tags: [], stage: 'lead', userFields: [], createdAt: 1, updatedAt: 1 }, -30_000)] });
    expect((await put('fast', card('UID:fast', 'FN:Slow Server'))).status).toBe(204);
    const row = await pulled('fast');
    expect(row?.fields.name?.value).toBe('Slow Server');
  });

  it('DELETE moves the contact to the trash (If-Match honoured), and it leaves the address book', async () => {
    const { owner, auth, book, put, get, pulled } = await setUp();
    expect((await put('gone', card('UID:gone', 'FN:Soon Gone', 'EMAIL:gone@example.org'))).status).toBe(201);
    const etag = (await get('gone')).headers.get('etag')!;
    expect((await dav('DELETE', `${book}gone.vcf`, auth, { headers: { 'if-match': '"stale~x"' } })).status).toBe(412);
    expect((await dav('DELETE', `${book}gone.vcf`, auth, { headers: { 'if-match': etag } })).status).toBe(204);
    const row = await pulled('gone');
    expect(row?.deleted).toBeUndefined();
    expect(typeof row?.fields.deletedAt?.value).toBe('number');
    expect((await get('gone')).status).toBe(404);
    expect((await dav('DELETE', `${book}gone.vcf`, auth)).status).toBe(404);
    // A card written to it again brings it back from the trash.
    expect((await put('gone', card('UID:gone', 'FN:Back Again'))).status).toBe(201);
    expect((await pulled('gone'))?.fields.deletedAt?.value).toBeNull();
    expect((await get('gone')).status).toBe(200);
    void owner;
  });

  it('refuses what it cannot store with the reason: a card naming nobody, two cards, another media type, a viewer', async () => {
    const { owner, auth, book, put } = await setUp();
    const nobody = await put('n', card('NOTE:just a note'));
    expect(nobody.status).toBe(403);
    expect(nobody.text).toMatch(/valid-address-data/);
    expect(nobody.text).toMatch(/no name, email or phone/);
    const two = await put('t', card('FN:One') + card('FN:Two'));
    expect(two.status).toBe(403);
    expect(two.text).toMatch(/exactly one vCard/);
    expect((await put('j', '{"fn":"x"}', { 'content-type': 'application/json' })).status).toBe(403);
    const tooMany = await put('m', card('FN:Many', ...Array.from({ length: 60 }, (_, i) => `EMAIL:m${i}@example.org`)));
    expect(tooMany.status).toBe(403);
    expect(tooMany.text).toMatch(/60 email addresses \(one contact holds at most 50\)/);
    expect((await dav('PUT', book, auth, { body: card('FN:X'), headers: { 'content-type': 'text/vcard' } })).status).toBe(405);
    expect((await dav('PROPPATCH', book, auth, { body: '<d:propertyupdate xmlns:d="DAV:"/>' })).status).toBe(403);

    const viewer = await newClient(server.store, server.app);
    await server.store.shareWorkspace(owner.workspace, viewer.email, 'viewer');
    const { token } = await server.store.addToken(viewer.email, Date.now(), 'dav');
    const refused = await dav('PUT', `${book}v.vcf`, basic(viewer.email, token), { body: card('FN:Viewer Write'), headers: { 'content-type': 'text/vcard' } });
    expect(refused.status).toBe(403);
    expect(refused.text).toMatch(/viewer/);
    const props = await dav('PROPFIND', book, basic(viewer.email, token), {
      body: '<d:propfind xmlns:d="DAV:"><d:prop><d:current-user-privilege-set/></d:prop></d:propfind>',
      headers: { depth: '0' },
    });
    expect(props.text).toMatch(/<d:read\/>/);
    expect(props.text).not.toMatch(/<d:write\/>/);
    const ownProps = await dav('PROPFIND', book, auth, { body: '<d:propfind xmlns:d="DAV:"><d:prop><d:current-user-privilege-set/></d:prop></d:propfind>', headers: { depth: '0' } });
    expect(ownProps.text).toMatch(/<d:write\/>/);
  });
});
