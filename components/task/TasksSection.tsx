import { useHeldLiveQuery } from '@/components/sync/use-held-live-query';
import { useId, useState, type FormEvent } from 'react';
import { addTask, crmDatabase, listOpenTasks } from '@/lib/db';
import { DEFAULT_DUE_HOUR, localDayString, parseLocalDateTime } from '@/lib/reminders';
import '../profile/profile.css';
import { useRovingRows } from '../ui/row-focus';
import { dueDateTimeAttribute, dueWords, isOverdue } from './due';
import { TaskActions } from './TaskActions';
import { useCanWrite } from '../sync/use-membership';
import { AuthorTag } from '../team/RowTeamLine';
import { FormActions } from '../ui/FormActions';
import { FormField, formFieldHelpers } from '../ui/form-fields';

const DAY_MS = 86_400_000;
const DEFAULT_TIME = `${String(DEFAULT_DUE_HOUR).padStart(2, '0')}:00`;
type TaskField = 'title' | 'due' | 'time';

/** A contact's open follow-ups, soonest first, and the form to add one. */
export function TasksSection({ contactId }: { contactId: string }) {
  const id = useId();
  const read = useHeldLiveQuery(
    () => listOpenTasks(crmDatabase(), contactId).then((tasks) => ({ tasks, now: Date.now() })),
    [contactId],
  );
  const tasks = read?.tasks;
  const now = read?.now ?? 0;
  const [fields, setFields] = useState(() => ({ title: '', due: localDayString(Date.now() + DAY_MS), time: DEFAULT_TIME }));
  const [errors, setErrors] = useState<Partial<Record<TaskField, string>>>({});
  const [status, setStatus] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const { title, due, time } = fields;
    const next: typeof errors = {};
    if (title.trim() === '') next.title = 'Say what to do, like “Send the proposal”.';
    if (!/^\d{4}-\d{2}-\d{2}$/.test(due)) next.due = 'Pick a due date, like 2026-03-31.';
    else if (!/^\d{2}:\d{2}$/.test(time)) next.time = 'Pick a time, like 09:00.';
    const dueAt = next.due || next.time ? null : parseLocalDateTime(due, time);
    if (!next.due && !next.time && dueAt === null) next.time = 'That time does not exist on that day (the clocks change); pick another.';
    setErrors(next);
    setStatus(null);
    if (next.title || next.due || next.time || dueAt === null) {
      document.getElementById(`${id}-${next.title ? 'title' : next.due ? 'due' : 'time'}`)?.focus();
      return;
    }
    try {
      const task = await addTask(crmDatabase(), { contactId, title, dueAt });
      setFields((current) => ({ ...current, title: '' }));
      setFailure(null);
      setStatus(`Follow-up “${task.title}” added.`);
    } catch (error) {
      setFailure(`Could not add the follow-up: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  const set = (field: TaskField) => (value: string) => {
    setFields((current) => ({ ...current, [field]: value }));
    setErrors((current) => ({ ...current, [field]: undefined }));
  };
  const { input, field } = formFieldHelpers(id, fields, errors, 'error form-error');
  const roving = useRovingRows(tasks?.length ?? 0);
  const writable = useCanWrite();

  return (
    <section aria-labelledby={`${id}-heading`} className="profile-block">
      <h3 id={`${id}-heading`}>Follow-ups</h3>
      {tasks === undefined ? (
        <p className="muted" role="status">
          Loading follow-ups…
        </p>
      ) : tasks.length === 0 ? (
        <p className="muted">No open follow-ups. Add one below so this contact is not forgotten.</p>
      ) : (
        <ul aria-label="Open follow-ups" className="task-list" {...roving.listProps}>
          {tasks.map((task, index) => (
            <li key={task.id} className="task-row">
              <span className="task-title">{task.title}</span>
              <time dateTime={dueDateTimeAttribute(task.dueAt)} className={isOverdue(task.dueAt, now) ? 'task-due overdue' : 'task-due muted'}>
                {dueWords(task.dueAt, now)}
              </time>
              <AuthorTag authorId={task.authorId} />
              {writable ? <TaskActions task={task} tabIndex={roving.tabIndexOf(index)} doneIsRowFocus setStatus={setStatus} setFailure={setFailure} /> : null}
            </li>
          ))}
        </ul>
      )}
      {writable ? (
        <form className="crm-form" aria-label="Add follow-up" noValidate onSubmit={(event) => void submit(event)}>
          <FormField className="crm-field crm-field-wide" label="Follow-up" {...field('title')}>
            <input {...input('title')} type="text" autoComplete="off" maxLength={500} onChange={(e) => set('title')(e.target.value)} />
          </FormField>
          <FormField className="crm-field" label="Due" {...field('due')}>
            <input {...input('due')} type="date" onChange={(e) => set('due')(e.target.value)} />
          </FormField>
          <FormField className="crm-field crm-field-narrow" label="Time" {...field('time')}>
            <input {...input('time')} type="time" onChange={(e) => set('time')(e.target.value)} />
          </FormField>
          <FormActions className="crm-actions" submitLabel="Add follow-up" saved={status} failure={failure} />
        </form>
      ) : null}
    </section>
  );
}
