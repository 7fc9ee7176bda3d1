import { useHeldLiveQuery } from '@/components/sync/use-held-live-query';
import { useEffect, useRef, useState } from 'react';
import { browser } from 'wxt/browser';
import { clearOutreach, crmDatabase, recordDrafted, recordSkipped } from '@/lib/db';
import { outreachContacts } from '@/lib/db/queries/outreach';
import { COMPOSE_URL_LIMIT, composeUrl, describeProgress, draftFor, MAILBOX_NAMES, outreachProgress, type OutreachSession } from '@/lib/outreach';
import { braces } from '../templates/placeholder-help';
import { errorText } from '../ui/error-text';
import { FailureAlert } from '../ui/FailureAlert';
import '../templates/templates.css';

/**
 * Outreach, one member at a time: Open draft opens the mailbox's compose window filled in (the
 * user sends it there; nothing is sent from here), Drafted — next logs it in History and moves
 * on, Skip moves on without logging. Progress is stored on every step, so a closed panel resumes.
 */
export function OutreachSteps({ session }: { session: OutreachSession }) {
  const db = crmDatabase();
  const progress = outreachProgress(session);
  const current = progress.current;
  // null: gone (deleted, or its template or address removed meanwhile); undefined: still reading.
  const template = useHeldLiveQuery(async () => (await db.templates.get(session.templateId)) ?? null, [session.templateId]);
  const member = useHeldLiveQuery(async () => (current ? ((await outreachContacts(db, [current])).get(current) ?? null) : null), [current]);
  const [opened, setOpened] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const openButton = useRef<HTMLButtonElement>(null);
  const mailbox = MAILBOX_NAMES[session.mailbox];

  // Each new member starts at Open draft, so Enter opens it for a keyboard user; keyed on who is
  // shown (not the row), so a live re-read of the same member does not move the focus.
  const shownId = member ? member.contact.id : null;
  useEffect(() => {
    openButton.current?.focus();
  }, [current, shownId]);

  const draft = template && member && member.contact.emails?.[0] ? draftFor(template, member.contact) : null;
  const url = draft ? composeUrl(session.mailbox, { to: draft.email, ...(draft.subject ? { subject: draft.subject } : {}), body: draft.body }) : null;

  const act = async (work: () => Promise<unknown>, what: string) => {
    setBusy(true);
    setFailure(null);
    try {
      await work();
      setOpened(null);
    } catch (error) {
      setFailure(`Could not ${what}: ${errorText(error)}`);
    } finally {
      setBusy(false);
    }
  };
  const open = async () => {
    if (!url || !draft) return;
    setFailure(null);
    try {
      await browser.tabs.create({ url });
      setOpened(draft.contactId);
    } catch (error) {
      setFailure(`Could not open ${mailbox}: ${errorText(error)}`);
    }
  };

  const stop = (
    <button type="button" className="link-button" onClick={() => void act(() => clearOutreach(db, session.segmentId), 'stop')}>
      {current ? 'Stop outreach' : 'Start a new outreach'}
    </button>
  );

  return (
    <div className="outreach-steps">
      <p role="status" className="outreach-progress">
        {current ? describeProgress(progress) : `Done: ${describeProgress(progress)}.`}
      </p>
      <progress max={progress.total} value={progress.drafted + progress.skipped} aria-label="Outreach progress" />
      {!current ? null : template === null ? (
        <p className="error">The template of this outreach was deleted. Stop it and start again with another.</p>
      ) : template === undefined || member === undefined ? (
        <p className="muted">Loading…</p>
      ) : !draft || !url ? (
        <>
          <p>This member was deleted, or has no email address any more.</p>
          <button type="button" ref={openButton} disabled={busy} onClick={() => void act(() => recordSkipped(db, session, current), 'skip')}>
            Skip
          </button>
        </>
      ) : (
        <article aria-labelledby="outreach-member" className="outreach-member">
          <h3 id="outreach-member">
            {progress.position} of {progress.total}: {draft.name}
          </h3>
          <p>To: {draft.email}</p>
          <div role="group" aria-label={`Message to ${draft.name}`}>
            {draft.subject ? <p className="template-preview-subject">{draft.subject}</p> : null}
            <p className="template-preview">{draft.body}</p>
          </div>
          {draft.missing.length > 0 ? <p className="template-missing">Missing for {draft.name}: {draft.missing.map(braces).join(', ')}; they stay as written in the draft.</p> : null}
          {url.length > COMPOSE_URL_LIMIT ? <p className="muted">This message is long: {mailbox} may cut it short. Check the draft before sending.</p> : null}
          <div className="outreach-actions">
            <button type="button" ref={openButton} onClick={() => void open()}>
              Open draft in {mailbox}
            </button>
            <button type="button" disabled={busy} onClick={() => void act(() => recordDrafted(db, session, draft), 'log the draft')}>
              Drafted — next
            </button>
            <button type="button" className="secondary" disabled={busy} onClick={() => void act(() => recordSkipped(db, session, current), 'skip')}>
              Skip
            </button>
          </div>
          <p className="muted">
            {opened === draft.contactId
              ? `The draft to ${draft.name} is open in ${mailbox}: send it there, then choose Drafted — next.`
              : `Nothing is sent from here: the draft opens in ${mailbox} for you to send.`}
          </p>
        </article>
      )}
      <FailureAlert text={failure} />
      {stop}
    </div>
  );
}
