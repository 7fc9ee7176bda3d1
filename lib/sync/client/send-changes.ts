/**
 * Sends one batch of changes so that no single change can stop the rest. A change this version
 * knows the server would refuse (text that is not well-formed Unicode, a field the model rejects:
 * 20,000 tags, an address that is not one) is refused here without a request; the server's own
 * `rejected[]` come back per change; and a batch the server refuses whole (400, 413) is split in
 * halves until the one change it refuses is found. What is refused goes to the quarantine.
 */
import { ENCODING_REFUSAL } from '../shared/encryption';
import { isWellFormedJson, modelProblem, type PushChange } from '../shared/protocol';
import type { RefusedChange } from './quarantine';
import { SyncError, type SyncTransport } from './transport';

export interface SentBatch {
  /** Changes the server confirmed (applied, or skipped as already seen). */
  accepted: PushChange[];
  refused: RefusedChange[];
  /**
   * Refused only because the workspace's encryption changed since this run read it (turned on or
   * off, a new key): kept to be sent again once the keys are read again, never set aside.
   */
  retry: PushChange[];
  /** Requests made, bisection included (for tests and the bench). */
  requests: number;
}

/** Why this version knows the server would refuse the change, or undefined. */
export function localProblem(change: PushChange): string | undefined {
  if (!isWellFormedJson(change.id) || !isWellFormedJson(change.fields)) return 'text that is not well-formed Unicode (a lone surrogate)';
  return change.deleted !== undefined ? undefined : modelProblem(change.table, change.fields);
}

const refusedWhole = (error: unknown): error is SyncError => error instanceof SyncError && error.kind === 'request' && (error.status === 400 || error.status === 413);

export async function sendChanges(transport: SyncTransport, clientId: string, changes: readonly PushChange[]): Promise<SentBatch> {
  const result: SentBatch = { accepted: [], refused: [], retry: [], requests: 0 };
  const sendable: PushChange[] = [];
  for (const change of changes) {
    const problem = localProblem(change);
    if (problem) result.refused.push({ change, reason: problem });
    else sendable.push(change);
  }

  async function send(part: readonly PushChange[]): Promise<void> {
    if (part.length === 0) return;
    result.requests += 1;
    try {
      const reply = await transport.push({ clientId, changes: [...part] });
      const reasons = new Map(reply.rejected.map((rejected) => [rejected.mutationId, rejected.reason]));
      for (const change of part) {
        const reason = reasons.get(change.mutationId);
        if (reason === undefined) result.accepted.push(change);
        else if (ENCODING_REFUSAL.test(reason)) result.retry.push(change);
        else result.refused.push({ change, reason });
      }
    } catch (error) {
      // A viewer's (or a member made one since these were queued) changes are never taken: each
      // is set aside where the user sees it, never silently dropped, and the pull still runs.
      if (error instanceof SyncError && error.kind === 'forbidden') {
        for (const change of part) result.refused.push({ change, reason: `this workspace is read-only for you (${error.detail ?? 'forbidden'})` });
        return;
      }
      if (!refusedWhole(error)) throw error;
      if (part.length === 1) {
        const detail = error.detail ?? error.message;
        result.refused.push({ change: part[0]!, reason: error.status === 413 ? `too large for the server (${detail})` : detail });
        return;
      }
      // log2(batch) extra requests find the one change in a batch of 1,000: about 10.
      const middle = Math.ceil(part.length / 2);
      await send(part.slice(0, middle));
      await send(part.slice(middle));
    }
  }

  await send(sendable);
  return result;
}
