import { useEffect, useState, type ReactNode } from 'react';
import { crmDatabase, DATABASE_NAME } from '@/lib/db';
import { readRawCopy } from '@/lib/io/raw-copy';
import { datedFileName, downloadText } from '../io/download';
import { errorText } from '../ui/error-text';

const openSharedDatabase = () => crmDatabase().open();

/**
 * Renders its page, and opens the database beside it (the page does not wait: "On this page"
 * needs no IndexedDB). When the database cannot be opened or upgraded, the page gives way to a
 * recovery screen instead of sitting inert: what failed, a raw copy of the data as it is on disk,
 * and Try again.
 */
export function DatabaseGate({ children, open = openSharedDatabase }: { children: ReactNode; open?: () => Promise<unknown> }) {
  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    open().catch((error: unknown) => current && setFailure(errorText(error)));
    return () => {
      current = false;
    };
  }, [open]);
  return failure === null ? children : <DatabaseRecovery failure={failure} />;
}

function DatabaseRecovery({ failure }: { failure: string }) {
  const [status, setStatus] = useState('');
  async function exportRawCopy() {
    setStatus('Reading your data…');
    try {
      const copy = await readRawCopy(DATABASE_NAME);
      downloadText(datedFileName('sidebar-crm-raw-copy', 'json'), JSON.stringify(copy, null, 1), 'application/json');
      const rows = Object.values(copy.stores).reduce((sum, rows) => sum + rows.length, 0);
      setStatus(`Saved a raw copy: ${rows} rows from ${Object.keys(copy.stores).length} tables (database version ${copy.version}).`);
    } catch (error) {
      setStatus(`Could not read a raw copy either: ${errorText(error)}`);
    }
  }
  return (
    <main className="recovery" aria-labelledby="recovery-heading">
      <h1 id="recovery-heading">Your data could not be opened</h1>
      <p role="alert">{failure}</p>
      <p>
        Nothing has been deleted. Save a raw copy of what is stored before anything else, then try again; if it keeps
        failing, attach the copy to a bug report.
      </p>
      <p>
        <button type="button" onClick={() => void exportRawCopy()}>
          Export a raw copy
        </button>{' '}
        <button type="button" onClick={() => location.reload()}>
          Try again
        </button>
      </p>
      <p role="status" className="muted">
        {status}
      </p>
    </main>
  );
}
