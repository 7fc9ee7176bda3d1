import { sendToBackground } from '@/lib/messaging/send';

/**
 * Tells the background that follow-ups changed, so it re-plans reminders and the badge now (the
 * message wakes a stopped worker). If it is lost, the next alarm or worker start re-plans from
 * IndexedDB anyway: a failure here is logged, not shown.
 */
export async function notifyTasksChanged(): Promise<void> {
  try {
    const answer = await sendToBackground({ type: 'tasks-changed' });
    if (!answer.ok) console.warn('[sidebar-crm] tasks-changed was refused:', answer.error);
  } catch (error) {
    console.warn('[sidebar-crm] could not reach the background; reminders update on its next start', error);
  }
}
