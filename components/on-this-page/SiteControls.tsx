import { useEffect, useState } from 'react';
import { requestSite } from '@/lib/site-access/opt-in-sites';
import { hostOf, isPaused, onPausedChange, setPaused } from '@/lib/site-access/paused-sites';
import { scanTab } from '@/lib/site-access/scan-tab';

interface Props {
  tabId: number;
  url: string;
  /** Whether the page already reports people (a content script runs there). */
  covered: boolean;
}

/**
 * What the user controls about the page in front of them: scan it once, let Sidebar CRM read the
 * site from now on, or pause detection on it.
 */
export function SiteControls({ tabId, url, covered }: Props) {
  const host = hostOf(url);
  const [status, setStatus] = useState<{ kind: 'idle' | 'scanning' | 'no-access' | 'error'; message?: string }>({
    kind: 'idle',
  });
  const [paused, choosePaused] = usePaused(host);

  if (!host) return null;

  const scan = async () => {
    setStatus({ kind: 'scanning' });
    const outcome = await scanTab(tabId, url);
    setStatus(outcome.ok ? { kind: 'idle' } : { kind: outcome.reason === 'no-access' ? 'no-access' : 'error', message: outcome.message });
  };

  const allowSite = async () => {
    // The permission prompt must come first: browsers show it only during the click.
    const granted = await requestSite(url);
    if (granted) await scan();
    else setStatus({ kind: 'no-access', message: `Not allowed: Sidebar CRM will not read ${host}.` });
  };

  return (
    <div className="site-controls">
      {!covered && !paused && (
        <button type="button" className="secondary" onClick={() => void scan()} disabled={status.kind === 'scanning'}>
          {status.kind === 'scanning' ? 'Scanning…' : 'Scan this page'}
        </button>
      )}
      <label className="toggle">
        <input type="checkbox" checked={paused === true} onChange={(event) => choosePaused(event.target.checked)} />
        Pause detection on {host}
      </label>
      {status.kind === 'no-access' && (
        <div role="alert" className="notice">
          <p>
            {status.message} Choose “Scan this page for people” in the page’s right-click menu to read it once, or
            allow {host} so it is read whenever you visit.
          </p>
          <button type="button" className="secondary" onClick={() => void allowSite()}>
            Always scan {host}
          </button>
        </div>
      )}
      {status.kind === 'error' && (
        <p role="alert" className="error">
          {status.message}
        </p>
      )}
    </div>
  );
}

/** The site's pause setting, and a setter that shows the choice at once and then stores it. */
function usePaused(host: string | null): [boolean | undefined, (paused: boolean) => void] {
  const [state, setState] = useState<{ host: string; paused: boolean } | null>(null);
  useEffect(() => {
    if (!host) return;
    let cancelled = false;
    void isPaused(host).then((paused) => !cancelled && setState({ host, paused }));
    const unsubscribe = onPausedChange(host, (paused) => setState({ host, paused }));
    return () => {
      cancelled = true;
      unsubscribe();
    };
  }, [host]);
  const choose = (paused: boolean) => {
    if (!host) return;
    setState({ host, paused });
    setPaused(host, paused).catch(() => setState({ host, paused: !paused }));
  };
  return [state?.host === host ? state.paused : undefined, choose];
}
