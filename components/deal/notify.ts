import { sendToBackground } from '@/lib/messaging/send';

/**
 * Tells the background that deals changed so it recomputes values soon. The write itself has
 * already marked the values stale (lib/db/deals.ts), so if the message is lost — the worker is
 * restarting — the next start recomputes anyway: a failure here is logged, not shown.
 */
export async function notifyDealsChanged(): Promise<void> {
  try {
    const answer = await sendToBackground({ type: 'deals-changed' });
    if (!answer.ok) console.warn('[sidebar-crm] deals-changed was refused:', answer.error);
  } catch (error) {
    console.warn('[sidebar-crm] could not reach the background; values update on its next start', error);
  }
}
