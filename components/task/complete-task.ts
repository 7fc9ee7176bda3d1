import { completeTask, crmDatabase } from '@/lib/db';
import type { Task } from '@/lib/model';

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
