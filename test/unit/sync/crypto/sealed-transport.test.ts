import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RowCipher } from '@/lib/sync/client/crypto/row-cipher';
import { importRawKey, newKeyId, newWorkspaceKey, rawKeyBytes } from '@/lib/sync/client/crypto/workspace-key';
import { sealedTransport } from '@/lib/sync/client/sealed-transport';
import type { SyncTransport } from '@/lib/sync/client/transport';
import type { PushChange } from '@/lib/sync/shared/protocol';

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
});
