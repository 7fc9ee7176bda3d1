import { useId, useRef, useState, type KeyboardEvent } from 'react';
import type { Task } from '@/lib/model';
import { localDateTimeString, parseLocalDateTime, SNOOZE_CHOICES, SNOOZE_LABELS, snoozeUntil, tomorrowAt9 } from '@/lib/reminders';
import { completeAndReport, snoozeAndReport } from './complete-task';
import './task.css';

interface TaskActionsProps {
  task: Task;
  /** The row's roving tabindex (0 for the row in the Tab order, -1 for the others). */
  tabIndex: number;
  /** Whether Done is the row's main control (the one arrows move focus to). */
  doneIsRowFocus?: boolean;
  setStatus: (text: string) => void;
  setFailure: (text: string | null) => void;
}

/**
 * A follow-up's Done and Snooze. Snooze opens a small group: 1 hour, tomorrow 9:00, next week
 * (Monday 9:00), or a date and time of one's own. Esc closes it and gives focus back to Snooze.
 */
export function TaskActions({ task, tabIndex, doneIsRowFocus, setStatus, setFailure }: TaskActionsProps) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [custom, setCustom] = useState('');
  const [customError, setCustomError] = useState<string | null>(null);
  const toggle = useRef<HTMLButtonElement>(null);

  function close() {
    setOpen(false);
    setCustomError(null);
    toggle.current?.focus();
  }

  async function snooze(until: number) {
    if (await snoozeAndReport(task, until, setStatus, setFailure)) {
      setOpen(false);
      setCustomError(null);
    }
  }

  function snoozeCustom() {
    const until = parseLocalDateTime(custom);
    if (until === null) {
      setCustomError('Pick a date and a time, like 2026-03-31 09:00.');
      return;
    }
    if (until <= Date.now()) {
      setCustomError('Pick a time in the future.');
      return;
    }
    void snooze(until);
  }

  // Keys inside the snooze group belong to it: arrows edit the date, Esc closes only the group.
  function onGroupKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key === 'Escape') {
      event.preventDefault();
      close();
    }
    event.stopPropagation();
  }

  return (
    <span className="task-actions">
      <button
        type="button"
        className="link-button"
        {...(doneIsRowFocus ? { 'data-row-focus': true } : {})}
        tabIndex={tabIndex}
        aria-label={`Mark “${task.title}” done`}
        onClick={() => void completeAndReport(task, setStatus, setFailure)}
      >
        Done
      </button>
      <button
        ref={toggle}
        type="button"
        className="link-button"
        tabIndex={tabIndex}
        aria-label={`Snooze “${task.title}”`}
        aria-expanded={open}
        aria-controls={open ? `${id}-snooze` : undefined}
        onClick={() => {
          if (open) close();
          else {
            setCustom(localDateTimeString(tomorrowAt9(Date.now())));
            setOpen(true);
          }
        }}
      >
        Snooze
      </button>
      {open ? (
        <div id={`${id}-snooze`} role="group" aria-label={`Snooze “${task.title}” until`} className="snooze-group" onKeyDown={onGroupKeyDown}>
          {SNOOZE_CHOICES.map((choice) => (
            <button key={choice} type="button" onClick={() => void snooze(snoozeUntil(choice, Date.now()))}>
              {SNOOZE_LABELS[choice]}
            </button>
          ))}
          <span className="snooze-custom">
            <label htmlFor={`${id}-custom`}>Custom</label>
            <input
              id={`${id}-custom`}
              type="datetime-local"
              value={custom}
              aria-invalid={customError ? true : undefined}
              aria-describedby={customError ? `${id}-custom-error` : undefined}
              onChange={(event) => {
                setCustom(event.target.value);
                setCustomError(null);
              }}
              onKeyDown={(event) => {
                if (event.key === 'Enter') {
                  event.preventDefault();
                  snoozeCustom();
                }
              }}
            />
            <button type="button" onClick={snoozeCustom}>
              Snooze until then
            </button>
          </span>
          {customError ? (
            <p id={`${id}-custom-error`} className="error form-error">
              {customError}
            </p>
          ) : null}
        </div>
      ) : null}
    </span>
  );
}
