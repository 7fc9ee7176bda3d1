/**
 * The sync transport of an encrypted workspace: the same push and pull, with every value sealed on
 * the way out and opened on the way in (./crypto/row-cipher.ts). The engine, the outbox, the
 * quarantine and the merge run unchanged above it: mutation ids, stamps and the per-field merge
 * never look at values. A pulled row that does not open is handed to `setAside` and left out of
 * the page, so it is never applied and never stops the run. One transport serves one run: it seals
 * the next batch while the current one is with the server (`prepare`), and its pull does not open
 * again the values the run itself sealed (./crypto/sealed-memory.ts).
 */
import type { PulledRow, PushChange } from '../shared/protocol';
import { openRow, sealChange, type RowCipher } from './crypto/row-cipher';
import { SealedMemory } from './crypto/sealed-memory';
import type { SyncTransport } from './transport';

export type SetAside = (failed: ReadonlyArray<{ row: PulledRow; reason: string }>, opened: readonly PulledRow[]) => Promise<void>;

/**
 * Which change a sealing was made for: its mutation id names its table, row and every field's
 * stamp (lib/sync/client/push-outbox.ts), the key what it was sealed with. The same id is the
 * same change only while each stamp stands for one value, so the values are part of it too.
 */
function sealingKey(cipher: RowCipher, change: PushChange): string {
  return `${cipher.current?.keyId ?? ''}\u0000${change.mutationId}\u0000${JSON.stringify(change.fields)}`;
}

export function sealedTransport(inner: SyncTransport, cipher: RowCipher, setAside: SetAside): SyncTransport {
  // The next batch, sealed while the current one is with the server (`prepare`); only the latest
  // batch is kept, and each sealing is used once.
  let ahead = new Map<string, Promise<PushChange>>();
  // What this run sealed, so that its pull, which brings its own changes back, need not open them again.
  const memory = new SealedMemory();
  const seal = (change: PushChange): Promise<PushChange> => {
    const key = sealingKey(cipher, change);
    const sealed = ahead.get(key);
    ahead.delete(key);
    return sealed ?? sealChange(cipher, change, memory);
  };
  return {
    workspaces: () => inner.workspaces(),
    // Every sealing is taken (or started) before the first await, so a `prepare` meanwhile cannot take them away.
    push: async (body) => inner.push({ ...body, changes: await Promise.all(body.changes.map((change) => seal(change as PushChange))) }),
    prepare: (changes) => {
      ahead = new Map(
        changes.map((change) => {
          const sealed = sealChange(cipher, change, memory);
          sealed.catch(() => undefined); // if it fails, the push that uses it says so; unused, nobody needs to know
          return [sealingKey(cipher, change), sealed];
        }),
      );
    },
    pull: async (since, limit) => {
      const page = await inner.pull(since, limit);
      const failed: Array<{ row: PulledRow; reason: string }> = [];
      const results = await Promise.all(
        page.changes.map((row) =>
          openRow(cipher, row, memory).catch((error: unknown) => {
            failed.push({ row, reason: error instanceof Error ? error.message : 'did not decrypt' });
            return undefined;
          }),
        ),
      );
      const opened = results.filter((row): row is PulledRow => row !== undefined);
      await setAside(failed, opened);
      return { ...page, changes: opened };
    },
  };
}
