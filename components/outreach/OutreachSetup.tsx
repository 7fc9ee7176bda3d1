import { useHeldLiveQuery } from '@/components/sync/use-held-live-query';
import { useId, useState } from 'react';
import { browser } from 'wxt/browser';
import { crmDatabase, listTemplates, saveOutreach } from '@/lib/db';
import { outreachCandidates } from '@/lib/db/queries/outreach';
import type { Segment } from '@/lib/model';
import { MAILBOX_NAMES, MAILBOXES, planOutreach, type Mailbox, type OutreachPlan } from '@/lib/outreach';
import { templatesForSegment } from '@/lib/templates';
import { braces } from '../templates/placeholder-help';
import { errorText } from '../ui/error-text';
import { FailureAlert } from '../ui/FailureAlert';

const DEFAULT_SKIP_DAYS = 30;
const DAY_MS = 86_400_000;

/** A whole number of days from 0 to ten years, or null when the field holds something else. */
function parseDays(text: string): number | null {
  if (!/^\d{1,4}$/.test(text.trim())) return null;
  const days = Number(text);
  return days <= 3_650 ? days : null;
}

/**
 * Outreach, before it starts: the template (those written for this segment listed first), the
 * mailbox and how recent a contact skips someone; then, live, who will get a draft, who is skipped
 * (and when they were last contacted), who has no address, and whose placeholders have no value,
 * so those can be filled in first.
 */
export function OutreachSetup({ segment }: { segment: Segment }) {
  const id = useId();
  // The templates written for this segment come first, and the first of them is the default.
  const groups = useHeldLiveQuery(async () => templatesForSegment(await listTemplates(crmDatabase()), segment.id), [segment.id]);
  const [templateId, setTemplateId] = useState('');
  const [mailbox, setMailbox] = useState<Mailbox>('gmail');
  const [daysText, setDaysText] = useState(String(DEFAULT_SKIP_DAYS));
  const [failure, setFailure] = useState<string | null>(null);
  const days = parseDays(daysText);
  const ordered = groups ? [...groups.forSegment, ...groups.others] : [];
  const template = ordered.find((candidate) => candidate.id === templateId) ?? ordered[0];
  const read = useHeldLiveQuery(async () => {
    const now = Date.now();
    return { candidates: await outreachCandidates(crmDatabase(), segment.rule, now), now };
  }, [segment.rule]);
  const plan = template && read && days !== null ? planOutreach({ candidates: read.candidates, template, skipWithinDays: days, now: read.now }) : null;

  const start = async () => {
    if (!plan || !template || days === null) return;
    setFailure(null);
    try {
      await saveOutreach(crmDatabase(), {
        segmentId: segment.id,
        templateId: template.id,
        mailbox,
        skipWithinDays: days,
        startedAt: Date.now(),
        queue: plan.toDraft.map((draft) => draft.contactId),
        outcomes: {},
      });
    } catch (error) {
      setFailure(`Could not start: ${errorText(error)}`);
    }
  };

  if (groups === undefined) return <p role="status">Loading templates…</p>;
  if (!template) {
    return (
      <p className="muted">
        Outreach fills in a template for each member.{' '}
        <button type="button" className="link-button" onClick={() => void browser.runtime.openOptionsPage()}>
          Write a template in Options
        </button>
      </p>
    );
  }
  const daysError = days === null ? 'Type a whole number of days from 0 to 3650.' : null;
  return (
    <form
      className="outreach-setup"
      aria-label="Start outreach"
      onSubmit={(event) => {
        event.preventDefault();
        void start();
      }}
    >
      <label htmlFor={`${id}-template`}>Template</label>
      <select id={`${id}-template`} value={template.id} onChange={(event) => setTemplateId(event.target.value)}>
        {groups.forSegment.length > 0 ? (
          <>
            <optgroup label={`For ${segment.name}`}>{templateOptions(groups.forSegment)}</optgroup>
            {groups.others.length > 0 ? <optgroup label="Other templates">{templateOptions(groups.others)}</optgroup> : null}
          </>
        ) : (
          templateOptions(groups.others)
        )}
      </select>
      <label htmlFor={`${id}-mailbox`}>Mailbox</label>
      <select id={`${id}-mailbox`} value={mailbox} onChange={(event) => setMailbox(event.target.value as Mailbox)}>
        {MAILBOXES.map((choice) => (
          <option key={choice} value={choice}>
            {MAILBOX_NAMES[choice]}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-days`}>Skip people contacted in the last (days)</label>
      <input
        id={`${id}-days`}
        inputMode="numeric"
        value={daysText}
        onChange={(event) => setDaysText(event.target.value)}
        aria-invalid={daysError ? true : undefined}
        aria-describedby={daysError ? `${id}-days-error` : undefined}
      />
      {daysError ? (
        <p id={`${id}-days-error`} className="error">
          {daysError}
        </p>
      ) : null}
      {plan ? <OutreachPreview plan={plan} now={read!.now} /> : <p role="status">{daysError ? '' : 'Reading the segment…'}</p>}
      {plan && plan.templateErrors > 0 ? <p className="error">This template has placeholders written wrong: fix them in Options → Templates first.</p> : null}
      <button type="submit" disabled={!plan || plan.toDraft.length === 0 || plan.templateErrors > 0}>
        {plan ? `Start outreach (${plan.toDraft.length} ${plan.toDraft.length === 1 ? 'draft' : 'drafts'})` : 'Start outreach'}
      </button>
      <FailureAlert text={failure} />
    </form>
  );
}

function templateOptions(templates: ReadonlyArray<{ id: string; name: string }>) {
  return templates.map((choice) => (
    <option key={choice.id} value={choice.id}>
      {choice.name}
    </option>
  ));
}

function ago(at: number, now: number): string {
  const days = Math.max(0, Math.floor((now - at) / DAY_MS));
  return days === 0 ? 'today' : days === 1 ? 'yesterday' : `${days} days ago`;
}

/** Who the outreach reaches, and who it leaves out and why: read before anything opens. */
function OutreachPreview({ plan, now }: { plan: OutreachPlan; now: number }) {
  const id = useId();
  return (
    <div className="outreach-preview">
      <p role="status">
        {plan.toDraft.length} to draft
        {plan.skipped.length > 0 ? `, ${plan.skipped.length} skipped` : ''}
        {plan.noEmail.length > 0 ? `, ${plan.noEmail.length} without an email address` : ''}.
      </p>
      {plan.missing.length > 0 ? (
        <>
          <h3 id={`${id}-missing`}>Missing placeholder values</h3>
          <p className="muted">Their drafts keep these placeholders as written: fill them in on each profile first, or give the placeholder a fallback in Options.</p>
          <ul aria-labelledby={`${id}-missing`}>
            {plan.missing.map((member) => (
              <li key={member.contactId}>
                <a href={`#contact/${member.contactId}`}>{member.name}</a>: {member.placeholders.map(braces).join(', ')}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {plan.skipped.length > 0 ? (
        <>
          <h3 id={`${id}-skipped`}>Skipped: contacted recently</h3>
          <ul aria-labelledby={`${id}-skipped`}>
            {plan.skipped.map((member) => (
              <li key={member.contactId}>
                {member.name}: last contacted {ago(member.lastContactedAt, now)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {plan.noEmail.length > 0 ? (
        <>
          <h3 id={`${id}-no-email`}>No email address</h3>
          <ul aria-labelledby={`${id}-no-email`}>
            {plan.noEmail.map((member) => (
              <li key={member.contactId}>
                <a href={`#contact/${member.contactId}`}>{member.name}</a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
