import { afterEach, describe, expect, it, vi } from 'vitest';
import { sealChange, type RowCipher } from '@/lib/sync/client/crypto/row-cipher';
import { SealedMemory } from '@/lib/sync/client/crypto/sealed-memory';
import { importRawKey, newKeyId, newWorkspaceKey, rawKeyBytes } from '@/lib/sync/client/crypto/workspace-key';
import { sealedTransport } from '@/lib/sync/client/sealed-transport';
import type { SyncTransport } from '@/lib/sync/client/transport';
import type { PulledRow, PushChange } from '@/lib/sync/shared/protocol';

const hlc = '2026-12-06T10:00:00.000Z-0000-9f2c41d07a11b3e5';

async function cipher(): Promise<RowCipher> {
  const keyId = newKeyId();
  const key = await importRawKey(await rawKeyBytes(await newWorkspaceKey()));
  return { workspace: 'ws1', current: { keyId, key }, keys: new Map([[keyId, key]]) };
}

const change = (id: string, name: string): PushChange => ({ mutationId: `m-${id}`, table: 'contacts', id, fields: { name: { value: name, hlc }, title: { value: 'CTO', hlc } } });

describe('sealed transport: the next batch sealed while the current one is with the server', () => {
  afterEach(() => vi.restoreAllMocks());

  it('pushes the sealings `prepare` made, each once, and seals anew a change that differs or was not prepared', async () => {
    const pushed: PushChange[][] = [];
    const inner: SyncTransport = {
      workspaces: async () => [],
      pull: async () => ({ changes: [], cursor: 0, hasMore: false }),
      push: async (body) => {
        pushed.push(body.changes as PushChange[]);
        return { cursor: 1, rejected: [] };
      },
    };
    const transport = sealedTransport(inner, await cipher(), async () => undefined);
    // WebCrypto is the platform here, not the code under test: counting its calls says which sealings were made when.
    const encrypt = vi.spyOn(crypto.subtle, 'encrypt');
    const batch = [change('c1', 'Ada'), change('c2', 'Grace')];
    transport.prepare!(batch);
    expect(encrypt).toHaveBeenCalledTimes(4); // two changes, two fields each, sealed at once
    await transport.push({ clientId: 'a', changes: batch });
    expect(encrypt).toHaveBeenCalledTimes(4); // the prepared sealings were pushed
    // Pushed again (a retried batch): sealed anew, since each sealing is used once.
    await transport.push({ clientId: 'a', changes: batch });
    expect(encrypt).toHaveBeenCalledTimes(8);
    expect(pushed[1]![0]!.fields.name!.value).not.toBe(pushed[0]![0]!.fields.name!.value); // a fresh IV each time
    // Prepared, then pushed with another value under the same mutation id: not the prepared sealing.
    transport.prepare!([change('c3', 'Edith')]);
    expect(encrypt).toHaveBeenCalledTimes(10);
    await transport.push({ clientId: 'a', changes: [change('c3', 'Edith Clarke')] });
    expect(encrypt).toHaveBeenCalledTimes(12);
    // Only the latest batch is kept: a second prepare replaces the first.
    transport.prepare!([change('c4', 'Hedy')]);
    transport.prepare!([change('c5', 'Katherine')]);
    expect(encrypt).toHaveBeenCalledTimes(16);
    await transport.push({ clientId: 'a', changes: [change('c4', 'Hedy'), change('c5', 'Katherine')] });
    expect(encrypt).toHaveBeenCalledTimes(18); // c4 sealed again, c5 taken as prepared
    for (const batchPushed of pushed) for (const sealed of batchPushed) expect(JSON.stringify(sealed.fields)).not.toMatch(/Ada|Grace|Edith|Hedy|Katherine|CTO/);
  });

  it('does not open again what the same run sealed and pushed, and opens and checks everything else', async () => {
    const c = await cipher();
    const onServer: PulledRow[] = [];
    const inner: SyncTransport = {
      workspaces: async () => [],
      pull: async () => ({ changes: onServer, cursor: 1, hasMore: false }),
      push: async (body) => {
        onServer.push(...(body.changes as PushChange[]).map(({ table, id, fields }) => ({ table, id, fields })));
        return { cursor: 1, rejected: [] };
      },
    };
    const setAside: Array<{ id: string; reason: string }> = [];
    const transport = sealedTransport(inner, c, async (failed) => {
      setAside.push(...failed.map(({ row, reason }) => ({ id: row.id, reason })));
    });
    const mine = [change('c1', 'Ada'), { ...change('c2', 'Grace'), fields: { title: { value: null, hlc } } }];
    await transport.push({ clientId: 'a', changes: mine });
    // Another browser's sealing of a row, and a copy of one of ours with its ciphertext changed on the server.
    const theirs = await sealChange(c, change('c3', 'Edith'));
    const mineOnServer = onServer[0]!;
    const body = mineOnServer.fields.name!.value as string;
    const tampered = { table: 'contacts', id: 'c1', fields: { ...mineOnServer.fields, name: { value: `${body.slice(0, -6)}${body.slice(-6) === 'AAAAAA' ? 'BBBBBB' : 'AAAAAA'}`, hlc } } } as PulledRow;
    onServer.push({ table: theirs.table, id: theirs.id, fields: theirs.fields });
    const decrypt = vi.spyOn(crypto.subtle, 'decrypt');
    const page = await transport.pull(0);
    expect(page.changes.map((row) => [row.id, row.fields.name?.value ?? null, row.fields.title?.value ?? null])).toEqual([
      ['c1', 'Ada', 'CTO'],
      ['c2', null, null],
      ['c3', 'Edith', 'CTO'],
    ]);
    expect(decrypt).toHaveBeenCalledTimes(2); // only the other browser's two values were opened
    onServer.splice(0, onServer.length, tampered);
    expect((await transport.pull(0)).changes).toEqual([]);
    expect(setAside).toEqual([{ id: 'c1', reason: expect.stringMatching(/integrity check/) }]);
    // A new run remembers nothing: the same rows are opened again.
    const nextRun = sealedTransport(inner, c, async () => undefined);
    onServer.splice(0, onServer.length, mineOnServer);
    await nextRun.pull(0);
    expect(decrypt).toHaveBeenCalledTimes(2 + 1 + 2);
  });

  it('remembers up to its limit and no more', () => {
    const memory = new SealedMemory(2);
    const place = (id: string) => ({ workspace: 'ws1', table: 'contacts', id, field: 'name', hlc });
    for (const id of ['a', 'b', 'c']) memory.remember(place(id), `sealed-${id}`, id);
    expect(memory.size).toBe(2);
    expect(memory.recall(place('a'), 'sealed-a')).toEqual({ value: 'a' });
    expect(memory.recall(place('c'), 'sealed-c')).toBeUndefined();
    expect(memory.recall({ ...place('a'), hlc: `${hlc}x` }, 'sealed-a')).toBeUndefined();
    expect(memory.recall(place('a'), 'sealed-b')).toBeUndefined();
  });
});
