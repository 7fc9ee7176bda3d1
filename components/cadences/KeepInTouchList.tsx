import { cadenceLabel, everyDays } from '@/lib/cadences';
import type { DueCadence } from '@/lib/db/queries/cadences';
import { displayName } from '@/lib/model/display-name';
import { nextWeekAt9, tomorrowAt9 } from '@/lib/reminders';
import { snoozeCadence } from '@/lib/settings/cadence-settings';
import { errorText } from '../ui/error-text';
import { useRovingRows } from '../ui/row-focus';
import '../task/task.css';

const SNOOZES = [
  { words: 'tomorrow 9:00', until: tomorrowAt9 },
  { words: 'next week', until: nextWeekAt9 },
] as const;

/**
 * Contacts due a keep-in-touch (lib/cadences), each with why ("Strategic customers: every 30
 * days — last touch 41 days ago"), the other cadences they follow, and Snooze. Logging any
 * interaction on their profile clears them. One row in the Tab order, arrows between rows.
 */
export function KeepInTouchList(props: { due: DueCadence[]; setStatus: (text: string) => void; setFailure: (text: string | null) => void }) {
  const { due, setStatus, setFailure } = props;
  const roving = useRovingRows(due.length);

  async function snooze(entry: DueCadence, words: string, until: number) {
    setFailure(null);
    try {
      await snoozeCadence(entry.contact.id, until);
      setStatus(`Keep-in-touch with ${displayName(entry.contact)} snoozed until ${words}.`);
    } catch (error) {
      setFailure(`Could not snooze: ${errorText(error)}`);
    }
  }

  return (
    <ul aria-label="Keep in touch" className="task-list" {...roving.listProps}>
      {due.map((entry, index) => {
        const name = displayName(entry.contact);
        return (
          <li key={entry.contact.id} className="task-row">
            <span className="task-title">
              <a href={`#contact/${entry.contact.id}`} data-row-focus tabIndex={roving.tabIndexOf(index)}>
                {name}
              </a>
              {' · '}
              {entry.due.explanation}
            </span>
            {entry.due.others.length > 0 ? (
              <span className="muted">
                {`Also: ${entry.due.others.map((cadence) => `${cadenceLabel(cadence.source)} (${everyDays(cadence.days)})`).join(', ')}`}
              </span>
            ) : null}
            <span className="task-actions">
              {SNOOZES.map(({ words, until }) => (
                <button
                  key={words}
                  type="button"
                  className="link-button"
                  tabIndex={roving.tabIndexOf(index)}
                  aria-label={`Snooze until ${words}: keep in touch with ${name}`}
                  onClick={() => void snooze(entry, words, until(Date.now()))}
                >
                  {`Snooze until ${words}`}
                </button>
              ))}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
