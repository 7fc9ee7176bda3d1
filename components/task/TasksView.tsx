import { useState } from 'react';
import { endOfLocalDay } from '@/lib/reminders';
import { useRovingRows } from '../ui/row-focus';
import '../profile/profile.css';
import { dueDateTimeAttribute, dueWords, isOverdue } from './due';
import { TaskActions } from './TaskActions';
import { StatusAndAlert } from '../ui/StatusAndAlert';
import { useOpenTasks, type TaskRow } from './use-open-tasks';
import { useCanWrite } from '../sync/use-membership';
import { KeepInTouchList } from '../cadences/KeepInTouchList';
import { useDueCadences } from '../cadences/use-due-cadences';

/**
 * Follow-ups across contacts: contacts due a keep-in-touch (derived from their cadences, not
 * stored tasks: see lib/reminders/runner.ts), then overdue, due today, later — each with its
 * contact, Done and Snooze.
 */
export function TasksView({ onBack }: { onBack: () => void }) {
  const read = useOpenTasks();
  const cadences = useDueCadences();
  const keepInTouch = cadences?.due ?? [];
  const [status, setStatus] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const groups = read
    ? [
        { label: 'Overdue', rows: read.rows.filter((row) => isOverdue(row.task.dueAt, read.now)) },
        {
          label: 'Due today',
          rows: read.rows.filter((row) => !isOverdue(row.task.dueAt, read.now) && row.task.dueAt < endOfLocalDay(read.now)),
        },
        { label: 'Later', rows: read.rows.filter((row) => row.task.dueAt >= endOfLocalDay(read.now)) },
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
      ) : null}
      {keepInTouch.length > 0 ? (
        <div className="task-group">
          <h3>{`Keep in touch (${cadences!.total})`}</h3>
          <KeepInTouchList due={keepInTouch} setStatus={setStatus} setFailure={setFailure} />
          {cadences!.total > keepInTouch.length ? <p className="muted">{`The ${keepInTouch.length} longest overdue are listed.`}</p> : null}
        </div>
      ) : null}
      {read === undefined ? null : read.rows.length === 0 ? (
        <p className="muted">No open follow-ups. Open a contact and add one under Follow-ups, and it will be listed here when due.</p>
      ) : (
        groups.map((group) => (
          <div key={group.label} className="task-group">
            <h3>{`${group.label} (${group.rows.length})`}</h3>
            <TaskGroupList label={group.label} rows={group.rows} now={read.now} setStatus={setStatus} setFailure={setFailure} />
          </div>
        ))
      )}
      <StatusAndAlert status={status} failure={failure} />
    </section>
  );
}

/** One group's follow-ups: one row in the Tab order (roving), arrows/Home/End between rows. */
function TaskGroupList(props: {
  label: string;
  rows: TaskRow[];
  now: number;
  setStatus: (text: string) => void;
  setFailure: (text: string | null) => void;
}) {
  const { label, rows, now, setStatus, setFailure } = props;
  const roving = useRovingRows(rows.length);
  // A viewer sees the team's follow-ups; Done and Snooze are writes.
  const writable = useCanWrite();
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
          <time dateTime={dueDateTimeAttribute(task.dueAt)} className={isOverdue(task.dueAt, now) ? 'task-due overdue' : 'task-due muted'}>
            {dueWords(task.dueAt, now)}
          </time>
          {writable ? <TaskActions task={task} tabIndex={roving.tabIndexOf(index)} setStatus={setStatus} setFailure={setFailure} /> : null}
        </li>
      ))}
    </ul>
  );
}
