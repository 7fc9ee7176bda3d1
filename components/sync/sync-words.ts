import type { SyncProgress } from '@/lib/sync/client/engine';

const PHASES: Record<SyncProgress['phase'], string> = {
  upload: 'Uploading this browser’s data',
  push: 'Sending changes',
  pull: 'Receiving changes',
  rewrite: 'Re-encoding what the server keeps',
};

/** "Receiving changes: 1,200 of 10,000 rows" */
export function progressWords(progress: SyncProgress): string {
  const done = progress.done.toLocaleString();
  const unit = progress.phase === 'rewrite' ? 'values' : 'rows';
  return progress.total !== undefined ? `${PHASES[progress.phase]}: ${done} of ${progress.total.toLocaleString()} ${unit}` : `${PHASES[progress.phase]}: ${done} ${unit}`;
}

/** "just now", "5 min ago", "3 h ago", or a date. */
export function agoWords(at: number, now: number = Date.now()): string {
  const minutes = Math.floor((now - at) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  return new Date(at).toLocaleDateString();
}

export function pendingWords(pending: number): string {
  return pending === 0 ? 'nothing pending' : pending === 1 ? '1 change pending' : `${pending.toLocaleString()} changes pending`;
}
