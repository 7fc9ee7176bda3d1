/**
 * The CardDAV address book (issue 20) through tsdav, a well-kept CardDAV client library, against
 * the real server listening on a port, on SQLite and PostgreSQL: discovery from the server root,
 * fetching the address book and its cards (multiget), addressbook-query, sync-collection
 * (initial, incremental, after a delete, a token past the purge horizon), create, update with a
 * stale ETag (412) and with the current one, and delete.
 */
import { DAVNamespaceShort, createDAVClient } from 'tsdav';
import { formatHlc } from '../lib/sync/shared/hlc';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { silentLogger } from './log';
import { type RunningServer, startServer } from './serve';
import { describeEachBackend } from './test/backends';
import { UNLIMITED, newClient, storeAndApp } from './test/setup';

const DAY = 86_400_000;

const card = (uid: string, ...lines: string[]) => ['BEGIN:VCARD', 'VERSION:4.0', `UID:${uid}`, ...lines, 'END:VCARD', ''].join('\r\n');

describeEachBackend('CardDAV through tsdav', (backend) => {
  const server = storeAndApp(backend);
  let running: RunningServer;

  beforeAll(async () => {
    running = await startServer({ store: server.store, host: '127.0.0.1', port: 0, tombstoneHorizonMs: 90 * DAY, logger: silentLogger, rateLimit: UNLIMITED, authFailureLimit: UNLIMITED });
  });
  afterAll(async () => {
    await running?.close();
  });

  async function connected() {
    const owner = await newClient(server.store, server.app);
    const { token } = await server.store.addToken(owner.email, Date.now(), 'dav');
    const client = await createDAVClient({ serverUrl: running.url, credentials: { username: owner.email, password: token }, authMethod: 'Basic', defaultAccountType: 'carddav' });
    const books = await client.fetchAddressBooks();
    const book = books.find((entry) => entry.url.endsWith(`/dav/${owner.workspace}/contacts/`));
    if (!book) throw new Error(`no address book for ${owner.workspace} among ${books.map((entry) => entry.url).join(', ')}`);
    return { owner, client, book };
  }

  it('discovers the address book, creates, lists, fetches by multiget and queries cards', async () => {
    const { client, book } = await connected();
    expect(book.displayName).toBeTruthy();
    for (const [uid, name, email] of [
      ['ada', 'Ada Lovelace', 'ada@example.org'],
      ['grace', 'Grace Hopper', 'grace@example.org'],
    ]) {
      const created = await client.createVCard({ addressBook: book, filename: `${uid}.vcf`, vCardString: card(uid!, `FN:${name}`, `EMAIL:${email}`) });
      expect(created.status).toBe(201);
    }
    const all = await client.fetchVCards({ addressBook: book });
    expect(all.map((entry) => entry.url.replace(/.*\//, '')).sort()).toEqual(['ada.vcf', 'grace.vcf']);
    for (const entry of all) {
      expect(entry.etag).toMatch(/^"/);
      expect(String(entry.data)).toMatch(/^BEGIN:VCARD\r\n/);
    }

    const one = await client.addressBookMultiGet({ url: book.url, props: { [`${DAVNamespaceShort.DAV}:getetag`]: {}, [`${DAVNamespaceShort.CARDDAV}:address-data`]: {} }, objectUrls: [new URL(all[0]!.url, running.url).pathname], depth: '1' });
    expect(one).toHaveLength(1);
    expect(one[0]?.ok).toBe(true);
    expect(String(one[0]?.props?.addressData?._cdata ?? one[0]?.props?.addressData)).toMatch(/FN:/);

    const found = await client.addressBookQuery({
      url: book.url,
      props: { [`${DAVNamespaceShort.DAV}:getetag`]: {} },
      filters: { 'card:prop-filter': { _attributes: { name: 'EMAIL' }, 'card:text-match': { _attributes: { 'match-type': 'contains' }, _text: 'grace@' } } },
      depth: '1',
    });
    expect(found.map((entry) => entry.href?.replace(/.*\//, ''))).toEqual(['grace.vcf']);
  });

  it('updates with the current ETag, refuses a stale one with 412, and deletes', async () => {
    const { client, book } = await connected();
    await client.createVCard({ addressBook: book, filename: 'lin.vcf', vCardString: card('lin', 'FN:Lin Wu', 'TITLE:Analyst') });
    const [lin] = await client.fetchVCards({ addressBook: book });
    const updated = await client.updateVCard({ vCard: { ...lin!, data: card('lin', 'FN:Lin Wu', 'TITLE:Head of Data') } });
    expect(updated.status).toBe(204);
    // The ETag read before the update is stale now.
    const stale = await client.updateVCard({ vCard: { ...lin!, data: card('lin', 'FN:Lin Wu', 'TITLE:Intern') } });
    expect(stale.status).toBe(412);
    const [now] = await client.fetchVCards({ addressBook: book });
    expect(String(now!.data)).toContain('TITLE:Head of Data');
    expect((await client.deleteVCard({ vCard: lin! })).status).toBe(412);
    expect((await client.deleteVCard({ vCard: now! })).status).toBe(204);
    expect(await client.fetchVCards({ addressBook: book })).toEqual([]);
  });

  it('syncs the collection: initial, incremental, after a delete, and from scratch after a token past the horizon', async () => {
    const { owner, client, book } = await connected();
    await client.createVCard({ addressBook: book, filename: 'a.vcf', vCardString: card('a', 'FN:Alpha One') });
    const props = { [`${DAVNamespaceShort.DAV}:getetag`]: {} };
    const sync = (syncToken?: string) => client.syncCollection({ url: book.url, props, syncLevel: 1, ...(syncToken === undefined ? {} : { syncToken }) });
    const tokenNow = async () => (await client.fetchAddressBooks()).find((entry) => entry.url === book.url)?.syncToken;

    const initial = await sync();
    expect(initial.filter((entry) => entry.href).map((entry) => entry.href!.replace(/.*\//, ''))).toEqual(['a.vcf']);
    const first = await tokenNow();
    expect(first).toMatch(/^http:\/\/sidebar-crm\/sync\/\d+$/);

    await client.createVCard({ addressBook: book, filename: 'b.vcf', vCardString: card('b', 'FN:Beta Two') });
    const [a] = (await client.fetchVCards({ addressBook: book })).filter((entry) => entry.url.endsWith('/a.vcf'));
    await client.deleteVCard({ vCard: a! });
    const changes = await sync(first);
    // A changed card comes with its properties (207 multistatus, ok); a deleted one as 404.
    const byName = new Map(changes.filter((entry) => entry.href).map((entry) => [entry.href!.replace(/.*\//, ''), entry]));
    expect(byName.get('b.vcf')?.ok).toBe(true);
    expect(byName.get('b.vcf')?.props?.getetag).toMatch(/^"/);
    expect(byName.get('a.vcf')?.status).toBe(404);

    // A browser erases Beta for good (a tombstone); once tombstones are purged past the horizon, a
    // token from before them cannot say what was removed.
    await owner.push({ clientId: 'browser', changes: [{ mutationId: 'erase-b', table: 'contacts', id: 'b', deleted: formatHlc({ millis: Date.now(), counter: 0, node: '00000000000000e5' }) }] });
    await server.store.purge(90 * DAY, Date.now() + 91 * DAY);
    // tsdav's syncCollection throws on the 403 valid-sync-token answer; the raw reply says why.
    const expired = await fetch(book.url, {
      method: 'REPORT',
      headers: { authorization: `Basic ${Buffer.from(`${owner.email}:${(await server.store.addToken(owner.email, Date.now(), 'dav')).token}`).toString('base64')}`, 'content-type': 'application/xml' },
      body: `<d:sync-collection xmlns:d="DAV:"><d:sync-token>${first}</d:sync-token><d:sync-level>1</d:sync-level><d:prop><d:getetag/></d:prop></d:sync-collection>`,
    });
    expect(expired.status).toBe(403);
    expect(await expired.text()).toMatch(/valid-sync-token/);
    const restart = await sync();
    expect(restart.filter((entry) => entry.href).map((entry) => entry.href!.replace(/.*\//, ''))).toEqual([]);
    await client.createVCard({ addressBook: book, filename: 'c.vcf', vCardString: card('c', 'FN:Gamma Three') });
    expect((await sync()).filter((entry) => entry.href).map((entry) => entry.href!.replace(/.*\//, ''))).toEqual(['c.vcf']);
  });
});
