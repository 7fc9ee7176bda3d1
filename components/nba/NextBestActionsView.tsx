import { useHeldLiveQuery } from '@/components/sync/use-held-live-query';
import { useState } from 'react';
import { browser } from 'wxt/browser';
import { crmDatabase } from '@/lib/db';
import { readNextBestActions } from '@/lib/db/queries/nba';
import { NBA_RULE_NAMES, type NbaSuggestion } from '@/lib/nba';
import { dismissSuggestion } from '@/lib/settings/nba-dismissals';
import '../profile/profile.css';
import { formatDue } from '../task/due';
import { useRovingRows } from '../ui/row-focus';
import { makeTaskFromSuggestion } from './act';
import { useNbaInputs } from './use-nba-inputs';
import { StatusAndAlert } from '../ui/StatusAndAlert';
import './nba.css';
import { ActionScopeNote } from '../team/ActionScopeNote';

/** More would be a wall, not a to-do list; the rest follow as these are handled. */
const SHOWN_LIMIT = 100;

type Read = { ok: true; suggestions: NbaSuggestion[]; dismissed: number } | { ok: false; error: string };

/**
 * Suggestions from the next-best-action rules, most urgent first. Each says which rule fired and
 * why; "Make it a task" adds a follow-up for tomorrow 9:00, "Dismiss" hides it (remembered for
 * the number of days set in Options).
 */
export function NextBestActionsView({ onBack }: { onBack: () => void }) {
  const inputs = useNbaInputs();
  const settings = inputs && 'settings' in inputs ? inputs.settings : undefined;
  const dismissals = inputs && 'dismissals' in inputs ? inputs.dismissals : undefined;
  const read = useHeldLiveQuery(async (): Promise<Read | undefined> => {
    if (!settings || !dismissals) return undefined;
    try {
      return { ok: true, ...(await readNextBestActions(crmDatabase(), settings, dismissals, Date.now())) };
    } catch (error) {
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
  }, [settings, dismissals]);
  const [status, setStatus] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const shown = read?.ok ? read.suggestions.slice(0, SHOWN_LIMIT) : [];
  const roving = useRovingRows(shown.length);

  async function dismiss(suggestion: NbaSuggestion) {
    try {
      await dismissSuggestion(suggestion.rule, suggestion.contactId, settings!.dismissDays);
      setFailure(null);
      setStatus(`Dismissed “${NBA_RULE_NAMES[suggestion.rule]}” for ${suggestion.contactName}.`);
    } catch (error) {
      setFailure(`Could not dismiss: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  async function makeTask(suggestion: NbaSuggestion) {
    try {
      const dueAt = await makeTaskFromSuggestion(suggestion, settings!.dismissDays);
      setFailure(null);
      setStatus(`Follow-up “${suggestion.taskTitle}” added, due ${formatDue(dueAt)}.`);
    } catch (error) {
      setFailure(`Could not add the follow-up: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  const error = inputs && 'error' in inputs ? `Could not read the settings: ${inputs.error}` : read && !read.ok ? `Could not read suggestions: ${read.error}` : null;

  return (
    <section aria-labelledby="nba-heading" className="panel-section">
      <button type="button" className="link-button" onClick={onBack}>
        ← Back
      </button>
      <h2 id="nba-heading">Next best actions</h2>
      <ActionScopeNote />
      {error ? (
        <p role="alert" className="error">
          {error} Reload the panel to try again.
        </p>
      ) : read === undefined ? (
        <p className="muted" role="status">
          Looking for who needs attention…
        </p>
      ) : read.ok && read.suggestions.length === 0 ? (
        <p className="muted">
          Nobody needs attention right now. Suggestions come from value tiers and lifecycle stages: strategic customers gone quiet,
          customers at risk, expansion-stage customers, and prospects with an open deal who have not replied.
          {read.dismissed > 0 ? ` ${read.dismissed} dismissed suggestion${read.dismissed === 1 ? ' is' : 's are'} hidden.` : ''}
        </p>
      ) : read.ok ? (
        <>
          <p className="muted">
            {read.suggestions.length > SHOWN_LIMIT
              ? `The ${SHOWN_LIMIT} most urgent of ${read.suggestions.length} suggestions.`
              : `${read.suggestions.length} suggestion${read.suggestions.length === 1 ? '' : 's'}, most urgent first.`}
            {read.dismissed > 0 ? ` ${read.dismissed} dismissed.` : ''}
          </p>
          <ul aria-label="Suggestions" className="nba-list" {...roving.listProps}>
            {shown.map((suggestion, index) => (
              <li key={`${suggestion.rule}:${suggestion.contactId}`} className="nba-row">
                <div className="nba-head">
                  <span className={`nba-rule nba-rule-${suggestion.rule}`}>{NBA_RULE_NAMES[suggestion.rule]}</span>
                  <a href={`#contact/${suggestion.contactId}`} data-row-focus tabIndex={roving.tabIndexOf(index)}>
                    {suggestion.contactName}
                  </a>
                </div>
                <p className="nba-why">{suggestion.why}</p>
                <div className="nba-actions">
                  <button
                    type="button"
                    tabIndex={roving.tabIndexOf(index)}
                    aria-label={`Make it a task: ${suggestion.taskTitle}`}
                    onClick={() => void makeTask(suggestion)}
                  >
                    Make it a task
                  </button>
                  <button
                    type="button"
                    className="link-button"
                    tabIndex={roving.tabIndexOf(index)}
                    aria-label={`Dismiss ${NBA_RULE_NAMES[suggestion.rule]} for ${suggestion.contactName}`}
                    onClick={() => void dismiss(suggestion)}
                  >
                    Dismiss
                  </button>
                </div>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <p className="muted nba-settings-hint">
        Thresholds (days without contact, days without a reply) are set in{' '}
        <button type="button" className="link-button" onClick={() => void browser.runtime.openOptionsPage()}>
          Options
        </button>
        .
      </p>
      <StatusAndAlert status={status} failure={failure} />
    </section>
  );
}
