/**
 * The sync transport of an encrypted workspace: the same push and pull, with every value sealed on
 * the way out and opened on the way in (./crypto/row-cipher.ts). The engine, the outbox, the
 * quarantine and the merge run unchanged above it: mutation ids, stamps and the per-field merge
 * never look at values. A pulled row that does not open is handed to `setAside` and left out of
 * the page, so it is never applied and never stops the run.
 */
import type { PulledRow, PushChange } from '../shared/protocol';
import { openRow, sealChange, type RowCipher } from './crypto/row-cipher';
import type { SyncTransport } from './transport';

export type SetAside = (failed: ReadonlyArray<{ row: PulledRow; reason: string }>, opened: readonly PulledRow[]) => Promise<void>;

export function sealedTransport(inner: SyncTransport, cipher: RowCipher, setAside: SetAside): SyncTransport {
  return {
    workspaces: () => inner.workspaces(),
    push: async (body) => inner.push({ ...body, changes: await Promise.all(body.changes.map((change) => sealChange(cipher, change as PushChange))) }),
    pull: async (since, limit) => {
      const page = await inner.pull(since, limit);
      const failed: Array<{ row: PulledRow; reason: string }> = [];
      const results = await Promise.all(
        page.changes.map((row) =>
          openRow(cipher, row).catch((error: unknown) => {
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
