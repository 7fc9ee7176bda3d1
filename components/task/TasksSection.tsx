import { useLiveQuery } from 'dexie-react-hooks';
import { useId, useState, type FormEvent } from 'react';
import { addTask, crmDatabase, listOpenTasks } from '@/lib/db';
import { DEFAULT_DUE_HOUR, localDayString, parseLocalDateTime } from '@/lib/reminders';
import '../profile/profile.css';
import { useRovingRows } from '../ui/row-focus';
import { dueDateTimeAttribute, dueWords, isOverdue } from './due';
import { TaskActions } from './TaskActions';

const DAY_MS = 86_400_000;
const DEFAULT_TIME = `${String(DEFAULT_DUE_HOUR).padStart(2, '0')}:00`;

/** A contact's open follow-ups, soonest first, and the form to add one. */
export function TasksSection({ contactId }: { contactId: string }) {
  const id = useId();
  const read = useLiveQuery(
    () => listOpenTasks(crmDatabase(), contactId).then((tasks) => ({ tasks, now: Date.now() })),
    [contactId],
  );
  const tasks = read?.tasks;
  const now = read?.now ?? 0;
  const [title, setTitle] = useState('');
  const [due, setDue] = useState(() => localDayString(Date.now() + DAY_MS));
  const [time, setTime] = useState(DEFAULT_TIME);
  const [errors, setErrors] = useState<{ title?: string; due?: string; time?: string }>({});
  const [status, setStatus] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
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
      setTitle('');
      setFailure(null);
      setStatus(`Follow-up “${task.title}” added.`);
    } catch (error) {
      setFailure(`Could not add the follow-up: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  const roving = useRovingRows(tasks?.length ?? 0);

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
              <TaskActions task={task} tabIndex={roving.tabIndexOf(index)} doneIsRowFocus setStatus={setStatus} setFailure={setFailure} />
            </li>
          ))}
        </ul>
      )}
      <form className="crm-form" aria-label="Add follow-up" noValidate onSubmit={(event) => void submit(event)}>
        <div className="crm-field crm-field-wide">
          <label htmlFor={`${id}-title`}>Follow-up</label>
          <input
            id={`${id}-title`}
            type="text"
            autoComplete="off"
            maxLength={500}
            value={title}
            aria-invalid={errors.title ? true : undefined}
            aria-describedby={errors.title ? `${id}-title-error` : undefined}
            onChange={(e) => {
              setTitle(e.target.value);
              setErrors((current) => ({ ...current, title: undefined }));
            }}
          />
          {errors.title ? (
            <p id={`${id}-title-error`} className="error form-error">
              {errors.title}
            </p>
          ) : null}
        </div>
        <div className="crm-field">
          <label htmlFor={`${id}-due`}>Due</label>
          <input
            id={`${id}-due`}
            type="date"
            value={due}
            aria-invalid={errors.due ? true : undefined}
            aria-describedby={errors.due ? `${id}-due-error` : undefined}
            onChange={(e) => {
              setDue(e.target.value);
              setErrors((current) => ({ ...current, due: undefined }));
            }}
          />
          {errors.due ? (
            <p id={`${id}-due-error`} className="error form-error">
              {errors.due}
            </p>
          ) : null}
        </div>
        <div className="crm-field crm-field-narrow">
          <label htmlFor={`${id}-time`}>Time</label>
          <input
            id={`${id}-time`}
            type="time"
            value={time}
            aria-invalid={errors.time ? true : undefined}
            aria-describedby={errors.time ? `${id}-time-error` : undefined}
            onChange={(e) => {
              setTime(e.target.value);
              setErrors((current) => ({ ...current, time: undefined }));
            }}
          />
          {errors.time ? (
            <p id={`${id}-time-error`} className="error form-error">
              {errors.time}
            </p>
          ) : null}
        </div>
        <div className="crm-actions">
          <button type="submit">Add follow-up</button>
          <span role="status" className="muted">
            {status}
          </span>
        </div>
        {failure ? (
          <p role="alert" className="error">
            {failure}
          </p>
        ) : null}
      </form>
    </section>
  );
}
