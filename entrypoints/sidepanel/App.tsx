import { useEffect, useState, type MouseEvent } from 'react';
import { browser } from 'wxt/browser';
import { ContactList } from '@/components/contact/ContactList';
import { ContactProfile } from '@/components/contact/ContactProfile';
import { OnThisPage } from '@/components/context/OnThisPage';
import { useActiveTabId } from './use-active-tab';
import { useTabDetections } from './use-tab-detections';
import { useTabUrl } from './use-tab-url';

type View = { kind: 'home' } | { kind: 'contact'; id: string };

const ANALYTICS_URL = browser.runtime.getURL('/analytics.html');

/** The analytics page is a full tab: the side panel is too narrow for its charts. */
function openAnalytics(event: MouseEvent<HTMLAnchorElement>) {
  event.preventDefault();
  void browser.tabs.create({ url: ANALYTICS_URL });
}

/** `#contact/<id>` keeps the open profile across a reload of the panel. */
function viewFromHash(hash: string): View {
  const match = /^#contact\/([\w-]+)$/.exec(hash);
  return match ? { kind: 'contact', id: match[1]! } : { kind: 'home' };
}

export function App({ pinnedTabId }: { pinnedTabId: number | undefined }) {
  const tabId = useActiveTabId(pinnedTabId);
  const detections = useTabDetections(tabId);
  const tabUrl = useTabUrl(tabId);
  const [view, setView] = useState<View>(() => viewFromHash(location.hash));

  useEffect(() => {
    const onHashChange = () => setView(viewFromHash(location.hash));
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, []);

  const open = (id: string) => {
    location.hash = `contact/${id}`;
  };
  const back = () => {
    location.hash = '';
  };

  return (
    <main className="panel">
      <header className="panel-header" style={{ display: 'flex', alignItems: 'baseline', justifyContent: 'space-between', gap: 8 }}>
        <h1>Sidebar CRM</h1>
        <a href={ANALYTICS_URL} onClick={openAnalytics}>
          Analytics
        </a>
      </header>
      {view.kind === 'contact' ? (
        <ContactProfile id={view.id} onBack={back} />
      ) : (
        <>
          <OnThisPage state={detections} tabId={tabId} tabUrl={tabUrl} onOpen={open} />
          <ContactList onOpen={open} />
        </>
      )}
    </main>
  );
}
