import { completeTask, crmDatabase, snoozeTask } from '@/lib/db';
import type { Task } from '@/lib/model';
import { formatDue } from './due';

/** Marks a follow-up done and says so, or says in words why it could not. */
export async function completeAndReport(
  task: Task,
  setStatus: (text: string) => void,
  setFailure: (text: string | null) => void,
): Promise<void> {
  try {
    await completeTask(crmDatabase(), task.id);
    setFailure(null);
    setStatus(`Done: “${task.title}”.`);
  } catch (error) {
    setFailure(`Could not complete “${task.title}”: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Moves a follow-up to a new time and says until when, or why it could not. */
export async function snoozeAndReport(
  task: Task,
  until: number,
  setStatus: (text: string) => void,
  setFailure: (text: string | null) => void,
): Promise<boolean> {
  try {
    await snoozeTask(crmDatabase(), task.id, until);
    setFailure(null);
    setStatus(`Snoozed “${task.title}” until ${formatDue(until)}.`);
    return true;
  } catch (error) {
    setFailure(`Could not snooze “${task.title}”: ${error instanceof Error ? error.message : String(error)}`);
    return false;
  }
}
