/** What the side panel's sync line counts besides the engine's status. */
import type { CrmDatabase } from '../database';

/** Rows with local changes the server has not confirmed yet (one outbox entry per changed row). */
export async function pendingChangeCount(db: CrmDatabase): Promise<number> {
  return db.outbox.count();
}
