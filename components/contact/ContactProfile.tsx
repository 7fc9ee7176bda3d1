import { useHeldLiveQuery } from '@/components/sync/use-held-live-query';
import { ContactCadence } from '../cadences/ContactCadence';
import { crmDatabase, getContact } from '@/lib/db';
import { DealsSection } from '../deal/DealsSection';
import { HistorySection } from '../history/HistorySection';
import { PipelinePlace } from '../pipelines/PipelinePlace';
import { ActivityFacts } from '../profile/ActivityFacts';
import { ContactPoints } from '../profile/ContactPoints';
import { LogActivityForm } from '../profile/LogActivityForm';
import { ProfileDetails } from '../profile/ProfileDetails';
import '../profile/profile.css';
import { TasksSection } from '../task/TasksSection';
import { TeamProfileLines } from '../team/TeamProfileLines';
import { ContactTemplates } from '../templates/ContactTemplates';
import { TierBadge } from '../tier/TierBadge';
import { displayName } from '@/lib/model/display-name';
import { DuplicateNotice } from './DuplicateNotice';
import { EraseContact } from './EraseContact';
import { useCanWrite } from '../sync/use-membership';
import { ProfileChangeAlert } from '../profile-changes/ProfileChangeAlert';
import { personOnPageFor } from '@/lib/profile-changes';
import type { Contact, TabDetections } from '@/lib/model';

/**
 * One contact: who they are (editable in place), how to reach them, what they are worth, their
 * activity, quick actions (log a note/call/meeting, add a follow-up), deals and history.
 * Everything from pages is rendered as text. `page`: the tab's detections, so a change the page
 * shows about this contact is offered here too (profiles open by themselves on profile pages).
 */
export function ContactProfile({ id, onBack, backLabel = '← Back', page = null }: { id: string; onBack: () => void; backLabel?: string; page?: TabDetections | null }) {
  const contact = useHeldLiveQuery(() => getContact(crmDatabase(), id).then((found) => found ?? null), [id]);
  // A viewer reads the profile; every control that would write is left out (the server refuses their push anyway).
  const writable = useCanWrite();

  return (
    <section aria-labelledby="profile-heading" className="panel-section">
      <button type="button" className="link-button" onClick={onBack}>
        {backLabel}
      </button>
      {contact === undefined ? (
        <p role="status">Loading…</p>
      ) : contact === null ? (
        <>
          <h2 id="profile-heading">Contact not found</h2>
          <p className="muted">It may have been deleted. Go back to the list.</p>
        </>
      ) : (
        <>
          <h2 id="profile-heading">{displayName(contact)}</h2>
          {contact.title || contact.company ? (
            <p className="muted">{[contact.title, contact.company].filter(Boolean).join(' · ')}</p>
          ) : null}
          <PageChanges contact={contact} page={page} writable={writable} />
          <TeamProfileLines contact={contact} />
          <DuplicateNotice contact={contact} />
          <ContactPoints contact={contact} />
          <TierBadge contactId={contact.id} />
          <ActivityFacts contactId={contact.id} />
          <ContactCadence contact={contact} writable={writable} />
          {writable ? (
            <section aria-labelledby="log-heading" className="profile-block">
              <h3 id="log-heading">Log activity</h3>
              <LogActivityForm contactId={contact.id} />
            </section>
          ) : null}
          <TasksSection contactId={contact.id} />
          <ProfileDetails contact={contact} />
          <PipelinePlace contact={contact} />
          <ContactTemplates contact={contact} />
          <DealsSection contactId={contact.id} />
          <HistorySection contactId={contact.id} />
          {writable ? <EraseContact contactId={contact.id} name={displayName(contact)} onErased={onBack} /> : null}
        </>
      )}
    </section>
  );
}

/** The change alert for this contact when the open tab shows them (see ProfileChangeAlert). */
function PageChanges({ contact, page, writable }: { contact: Contact; page: TabDetections | null; writable: boolean }) {
  const person = page ? personOnPageFor(contact, page.contacts) : null;
  return person && page ? <ProfileChangeAlert contact={contact} person={person} detections={page} writable={writable} /> : null;
}
