import { useHeldLiveQuery } from '@/components/sync/use-held-live-query';
import { crmDatabase, readOutreach } from '@/lib/db';
import { useCanWrite } from '../sync/use-membership';
import { OutreachSetup } from './OutreachSetup';
import { OutreachSteps } from './OutreachSteps';
import './outreach.css';

/**
 * Personalised outreach to a saved segment (issue 22): set up and preview, then one member at a
 * time. Reached from Saved segments (`#outreach/<segment id>`); an outreach under way resumes here.
 */
export function OutreachView({ segmentId, onBack }: { segmentId: string; onBack: () => void }) {
  const read = useHeldLiveQuery(async () => {
    const db = crmDatabase();
    return { segment: (await db.segments.get(segmentId)) ?? null, session: (await readOutreach(db, segmentId)) ?? null };
  }, [segmentId]);
  const writable = useCanWrite();

  return (
    <section aria-labelledby="outreach-heading" className="panel-section outreach">
      <button type="button" className="link-button" onClick={onBack}>
        ← Back
      </button>
      <h2 id="outreach-heading">{read?.segment ? `Outreach to “${read.segment.name}”` : 'Outreach'}</h2>
      {read === undefined ? (
        <p role="status">Loading…</p>
      ) : !read.segment ? (
        <p className="error">This segment was deleted.</p>
      ) : !writable ? (
        <p className="muted">Your role in this team is read-only: outreach logs each draft in History, which needs a role that may write.</p>
      ) : read.session ? (
        <OutreachSteps session={read.session} />
      ) : (
        <OutreachSetup segment={read.segment} />
      )}
    </section>
  );
}
