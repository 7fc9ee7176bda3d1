import { addTask, crmDatabase } from '@/lib/db';
import type { NbaSuggestion } from '@/lib/nba';
import { tomorrowAt9 } from '@/lib/reminders';
import { dismissSuggestion } from '@/lib/settings/nba-dismissals';

/**
 * "Make it a task": a follow-up for tomorrow 9:00 titled after the suggestion, then the
 * suggestion is dismissed (the follow-up carries it now). Returns when it is due.
 */
export async function makeTaskFromSuggestion(suggestion: NbaSuggestion, dismissDays: number): Promise<number> {
  const dueAt = tomorrowAt9(Date.now());
  await addTask(crmDatabase(), { contactId: suggestion.contactId, title: suggestion.taskTitle, dueAt });
  await dismissSuggestion(suggestion.rule, suggestion.contactId, dismissDays);
  return dueAt;
}
