import { useLiveQuery } from 'dexie-react-hooks';
import { useId, useState, type FormEvent } from 'react';
import { addTask, crmDatabase, listOpenTasks } from '@/lib/db';
import type { Task } from '@/lib/model';
import { localIsoDay, localMidnight } from '@/lib/value/recompute';
import '../profile/profile.css';
import { useRovingRows } from '../ui/row-focus';
import { completeAndReport } from './complete-task';

const DAY_MS = 86_400_000;

function formatDay(ms: number): string {
  return new Date(ms).toLocaleDateString(undefined, { weekday: 'short', year: 'numeric', month: 'short', day: 'numeric' });
}

/** A contact's open follow-ups, soonest first, and the form to add one. */
export function TasksSection({ contactId }: { contactId: string }) {
  const id = useId();
  const read = useLiveQuery(
    () => listOpenTasks(crmDatabase(), contactId).then((tasks) => ({ tasks, today: localMidnight(localIsoDay(Date.now())) })),
    [contactId],
  );
  const tasks = read?.tasks;
  const today = read?.today ?? 0;
  const [title, setTitle] = useState('');
  const [due, setDue] = useState(() => localIsoDay(Date.now() + DAY_MS));
  const [errors, setErrors] = useState<{ title?: string; due?: string }>({});
  const [status, setStatus] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const next: typeof errors = {};
    if (title.trim() === '') next.title = 'Say what to do, like “Send the proposal”.';
    if (!/^\d{4}-\d{2}-\d{2}$/.test(due)) next.due = 'Pick a due date, like 2026-03-31.';
    setErrors(next);
    setStatus(null);
    if (next.title || next.due) {
      document.getElementById(`${id}-${next.title ? 'title' : 'due'}`)?.focus();
      return;
    }
    try {
      const task = await addTask(crmDatabase(), { contactId, title, dueAt: localMidnight(due) });
      setTitle('');
      setFailure(null);
      setStatus(`Follow-up “${task.title}” added.`);
    } catch (error) {
      setFailure(`Could not add the follow-up: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  const complete = (task: Task) => completeAndReport(task, setStatus, setFailure);
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
              <time dateTime={localIsoDay(task.dueAt)} className={task.dueAt < today ? 'task-due overdue' : 'task-due muted'}>
                {task.dueAt < today ? `Overdue since ${formatDay(task.dueAt)}` : `Due ${formatDay(task.dueAt)}`}
              </time>
              <button
                type="button"
                className="link-button"
                data-row-focus
                tabIndex={roving.tabIndexOf(index)}
                aria-label={`Mark “${task.title}” done`}
                onClick={() => void complete(task)}
              >
                Done
              </button>
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
