/**
 * The import's page ↔ worker protocol (lib/io/import-client.ts ↔ lib/io/import-serve.ts): the
 * real client and the real server joined by a MessageChannel (structured clone, transfer, as
 * between a page and its worker), writing to a real (fake-indexeddb) database. What a dead worker
 * does to the calls waiting on it is checked with a worker that only dies.
 */
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCrmDatabase, type CrmDatabase } from '@/lib/db';
import { ImportFileError } from '@/lib/io/formats';
import { workerImportClient, type ImportClient, type ImportWorker } from '@/lib/io/import-client';
import { serveImports, type ImportEndpoint } from '@/lib/io/import-serve';

let db: CrmDatabase;
let dbCount = 0;
let ports: MessagePort[] = [];

beforeEach(async () => {
  db = openCrmDatabase(`import-client-${++dbCount}`);
  await db.open();
});
afterEach(async () => {
  for (const port of ports) port.close();
  ports = [];
  await db.delete();
});

/** A node MessagePort as the DOM's: `{ data }` events, listeners started. */
function domPort(port: MessagePort) {
  ports.push(port);
  return {
    postMessage: (message: unknown, transfer: readonly ArrayBuffer[] = []) => port.postMessage(message, [...transfer]),
    addEventListener: (type: string, listener: (event: { data: unknown }) => void) => {
      if (type === 'message') port.on('message', (data) => listener({ data }));
    },
  };
}

/** A client whose "worker" is the real server at the other end of a channel; `asked` lists the kinds of request it sent. */
function connected(database: () => CrmDatabase = () => db): { client: ImportClient; asked: string[] } {
  const asked: string[] = [];
  const client = workerImportClient(() => {
    const { port1, port2 } = new MessageChannel();
    serveImports(domPort(port2) as unknown as ImportEndpoint, database);
    const page = domPort(port1);
    const postMessage = (message: { kind: string }, transfer?: ArrayBuffer[]) => {
      asked.push(message.kind);
      page.postMessage(message, transfer);
    };
    return { ...page, postMessage, terminate: () => port1.close() } as unknown as ImportWorker;
  });
  return { client, asked };
}

const googleCsv = (people: number) =>
  ['Name,Given Name,Family Name,E-mail 1 - Value,Notes', ...Array.from({ length: people }, (_, i) => `Person ${i},Person,${i},p${i}@example.org,note ${i}`)].join('\n');

describe('the import through its worker', () => {
  it('reads, previews and writes a file, with progress, the bytes moved to the worker', async () => {
    const { client } = connected();
    const bytes = new TextEncoder().encode(googleCsv(3));
    const reading: number[] = [];
    const summary = await client.read({ name: 'contacts.csv', bytes }, { defaultCurrency: 'EUR' }, ({ processed }) => reading.push(processed));
    expect(summary).toMatchObject({ format: 'google-csv', rows: 3 });
    expect(reading.length).toBeGreaterThan(0);
    expect(bytes.byteLength).toBe(0); // transferred, not copied
    const preview = await client.preview({ updateExisting: false, createFromPurchases: false });
    expect(preview.counts).toMatchObject({ create: 3, merge: 0, skip: 0, rejected: 0 });
    expect(preview).not.toHaveProperty('contacts'); // the planned rows stay in the worker
    expect(await db.contacts.count()).toBe(0);
    const progress: number[] = [];
    const result = await client.run(({ done }) => progress.push(done));
    expect(result).toMatchObject({ created: 3, notes: 3, cancelled: false });
    expect(progress.at(-1)).toBe(3);
    expect((await db.contacts.toArray()).map((contact) => contact.name).sort()).toEqual(['Person 0', 'Person 1', 'Person 2']);
  });

  it('reads the same file again with a mapping, and says when a file cannot be read', async () => {
    const { client } = connected();
    const odd = 'Who,Mail\nAda,ada@example.org\n';
    const first = await client.read({ name: 'odd.csv', bytes: new TextEncoder().encode(odd) }, {});
    expect(first).toMatchObject({ format: 'csv', headers: ['Who', 'Mail'] });
    const mapped = await client.read(undefined, { mapping: { Who: 'name', Mail: 'email' } });
    expect(mapped.mapping).toEqual({ Who: 'name', Mail: 'email' });
    expect((await client.preview({ updateExisting: false, createFromPurchases: false })).counts.create).toBe(1);
    const unreadable = client.read({ name: 'image.png', bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]) }, {});
    await expect(unreadable).rejects.toBeInstanceOf(ImportFileError);
    await expect(client.run()).rejects.toThrow('nothing was previewed');
  });

  it('opens the database in the worker while the user chooses a file, once per worker', async () => {
    const closed = openCrmDatabase(`import-client-warm-${dbCount}`);
    const { client, asked } = connected(() => closed);
    expect(closed.isOpen()).toBe(false);
    await client.warm();
    expect(closed.isOpen()).toBe(true);
    await Promise.all([client.warm(), client.warm()]);
    expect(asked).toEqual(['open']);
    await client.read({ name: 'contacts.csv', bytes: new TextEncoder().encode(googleCsv(2)) }, {});
    expect((await client.preview({ updateExisting: false, createFromPurchases: false })).counts.create).toBe(2);
    expect(asked).toEqual(['open', 'read', 'preview']);
    await closed.delete();
  });

  it('stops after the batch being written when cancelled from the page', async () => {
    const { client } = connected();
    await client.read({ name: 'contacts.csv', bytes: new TextEncoder().encode(googleCsv(900)) }, {});
    await client.preview({ updateExisting: false, createFromPurchases: false });
    const controller = new AbortController();
    const result = await client.run(({ done }) => {
      if (done > 0) controller.abort();
    }, controller.signal);
    expect(result.cancelled).toBe(true);
    expect(result.created).toBeGreaterThan(0);
    expect(result.created).toBeLessThan(900);
    expect(await db.contacts.count()).toBe(result.created);
  });

  it('tells every call waiting on a worker that died, and starts a new worker for the next', async () => {
    let started = 0;
    const listeners: Record<string, ((event: unknown) => void)[]> = {};
    const client = workerImportClient(() => {
      started += 1;
      return {
        postMessage: () => queueMicrotask(() => listeners.error?.forEach((listener) => listener({ message: 'out of memory', preventDefault: () => undefined }))),
        addEventListener: (type: string, listener: (event: unknown) => void) => void (listeners[type] ??= []).push(listener),
        terminate: () => {
          for (const key of Object.keys(listeners)) delete listeners[key];
        },
      } as unknown as ImportWorker;
    });
    await expect(client.preview({ updateExisting: false, createFromPurchases: false })).rejects.toThrow('the import worker stopped: out of memory');
    await expect(client.preview({ updateExisting: false, createFromPurchases: false })).rejects.toThrow('the import worker stopped');
    expect(started).toBe(2);
    // Getting ready in a worker that dies says nothing (the call that follows reports it) and asks the next worker again.
    await expect(client.warm()).resolves.toBeUndefined();
    await expect(client.warm()).resolves.toBeUndefined();
    expect(started).toBe(4);
  });
});
