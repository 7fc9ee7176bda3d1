import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { crmDatabase, listOpenTasks } from '@/lib/db';
import type { Task } from '@/lib/model';
import { localIsoDay, localMidnight } from '@/lib/value/recompute';
import { displayName } from '../contact/display-name';
import { useRovingRows } from '../ui/row-focus';
import '../profile/profile.css';
import { completeAndReport } from './complete-task';

const DAY_MS = 86_400_000;

interface TaskRow {
  task: Task;
  contactName: string;
}

function formatDay(ms: number): string {
  return new Date(ms).toLocaleDateString(undefined, { weekday: 'short', month: 'short', day: 'numeric', year: 'numeric' });
}

/** Open follow-ups of every live contact, soonest due first (so overdue ones lead). */
async function readOpenTasks(): Promise<{ rows: TaskRow[]; today: number }> {
  const db = crmDatabase();
  const tasks = await listOpenTasks(db);
  const contacts = await db.contacts.bulkGet([...new Set(tasks.map((task) => task.contactId))]);
  const byId = new Map(contacts.flatMap((contact) => (contact && !contact.deletedAt ? [[contact.id, contact] as const] : [])));
  const rows = tasks.flatMap((task) => {
    const contact = byId.get(task.contactId);
    return contact ? [{ task, contactName: displayName(contact) }] : [];
  });
  return { rows, today: localMidnight(localIsoDay(Date.now())) };
}

/** Follow-ups across contacts: overdue, due today, later — each with its contact and a Done button. */
export function TasksView({ onBack }: { onBack: () => void }) {
  const read = useLiveQuery(readOpenTasks, []);
  const [status, setStatus] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const complete = (task: Task) => completeAndReport(task, setStatus, setFailure);

  const groups = read
    ? [
        { label: 'Overdue', rows: read.rows.filter((row) => row.task.dueAt < read.today) },
        { label: 'Due today', rows: read.rows.filter((row) => row.task.dueAt >= read.today && row.task.dueAt < read.today + DAY_MS) },
        { label: 'Later', rows: read.rows.filter((row) => row.task.dueAt >= read.today + DAY_MS) },
      ].filter((group) => group.rows.length > 0)
    : [];

  return (
    <section aria-labelledby="tasks-heading" className="panel-section">
      <button type="button" className="link-button" onClick={onBack}>
        ← Back
      </button>
      <h2 id="tasks-heading">Tasks</h2>
      {read === undefined ? (
        <p className="muted" role="status">
          Loading follow-ups…
        </p>
      ) : read.rows.length === 0 ? (
        <p className="muted">No open follow-ups. Open a contact and add one under Follow-ups, and it will be listed here when due.</p>
      ) : (
        groups.map((group) => (
          <div key={group.label} className="task-group">
            <h3>{`${group.label} (${group.rows.length})`}</h3>
            <TaskGroupList label={group.label} rows={group.rows} today={read.today} onComplete={(task) => void complete(task)} />
          </div>
        ))
      )}
      <p role="status" className="muted">
        {status}
      </p>
      {failure ? (
        <p role="alert" className="error">
          {failure}
        </p>
      ) : null}
    </section>
  );
}

/** One group's follow-ups: one row in the Tab order (roving), arrows/Home/End between rows. */
function TaskGroupList(props: { label: string; rows: TaskRow[]; today: number; onComplete: (task: Task) => void }) {
  const { label, rows, today, onComplete } = props;
  const roving = useRovingRows(rows.length);
  return (
    <ul aria-label={`${label} follow-ups`} className="task-list" {...roving.listProps}>
      {rows.map(({ task, contactName }, index) => (
        <li key={task.id} className="task-row">
          <span className="task-title">
            {task.title} ·{' '}
            <a href={`#contact/${task.contactId}`} data-row-focus tabIndex={roving.tabIndexOf(index)}>
              {contactName}
            </a>
          </span>
          <time dateTime={localIsoDay(task.dueAt)} className={task.dueAt < today ? 'task-due overdue' : 'task-due muted'}>
            {task.dueAt < today ? `Overdue since ${formatDay(task.dueAt)}` : `Due ${formatDay(task.dueAt)}`}
          </time>
          <button
            type="button"
            className="link-button"
            tabIndex={roving.tabIndexOf(index)}
            aria-label={`Mark “${task.title}” done`}
            onClick={() => onComplete(task)}
          >
            Done
          </button>
        </li>
      ))}
    </ul>
  );
}
