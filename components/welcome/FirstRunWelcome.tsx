import { useHeldLiveQuery } from '@/components/sync/use-held-live-query';
import { browser } from 'wxt/browser';
import { crmDatabase } from '@/lib/db';
import './welcome.css';

/** The sample page bundled with the extension (entrypoints/sample), and Options' import section. */
export const SAMPLE_PAGE_URL = () => browser.runtime.getURL('/sample.html');
export const IMPORT_URL = () => browser.runtime.getURL('/options.html#import');

/**
 * What a new user sees the first time the panel opens on a page with nobody to read: what the
 * product reads, where the data lives, how to add someone, and two ways to start (a sample page,
 * an import). It shows only while the database has never held a contact: trashed contacts stay
 * as rows, so once someone was added it never comes back, and there is no setting to remember.
 */
export function FirstRunWelcome({ pageHasPeople }: { pageHasPeople: boolean | undefined }) {
  // One key, not a count: counting walks every contact's key in IndexedDB, again after each write.
  const anyContact = useHeldLiveQuery(async () => (await crmDatabase().contacts.limit(1).primaryKeys()).length > 0, []);
  if (anyContact === undefined || anyContact || pageHasPeople !== false) return null;
  return (
    <section aria-labelledby="welcome-heading" className="panel-section welcome">
      <h2 id="welcome-heading">Welcome to Sidebar CRM</h2>
      <p>
        It reads the people on the pages you work in: names, emails, phones and profile links. Gmail, Outlook, LinkedIn and GitHub are read by
        themselves; any other page when you press <strong>Scan this page</strong>. Email threads and meetings you open with a contact are added to
        their history.
      </p>
      <p>
        Everything you keep stays in this browser. Syncing with a server (your own or your team’s) is optional and off until you set it up in
        Options.
      </p>
      <p>
        To add someone, open a page that shows them and press <strong>Add</strong> beside their name under “On this page”, or import a file of
        contacts (CSV or vCard).
      </p>
      <div className="welcome-actions">
        <button type="button" onClick={() => void browser.tabs.create({ url: SAMPLE_PAGE_URL() })}>
          Try it on a sample page
        </button>
        <button type="button" className="secondary" onClick={() => void browser.tabs.create({ url: IMPORT_URL() })}>
          Import contacts
        </button>
      </div>
      <p className="muted">This welcome goes away once you have a contact.</p>
    </section>
  );
}
