import { useCallback, useEffect, useRef, useState, type MouseEvent } from 'react';
import { browser } from 'wxt/browser';
import { ContactList } from '@/components/contact/ContactList';
import { ContactProfile } from '@/components/contact/ContactProfile';
import { OnThisPage } from '@/components/on-this-page/OnThisPage';
import { SyncStatusLine } from '@/components/sync/SyncStatusLine';
import { TeamNotice } from '@/components/team/TeamNotice';
import { MergeView } from '@/components/merge/MergeView';
import { TasksView } from '@/components/task/TasksView';
import { NextBestActionsView } from '@/components/nba/NextBestActionsView';
import { FirstRunWelcome } from '@/components/welcome/FirstRunWelcome';
import { OutreachView } from '@/components/outreach/OutreachView';
import { useRevealRequests } from '@/components/task/use-reveal-requests';
import { useActiveTabId } from './use-active-tab';
import { useContextFirst } from './use-context-first';
import { useProfileAutoOpen } from './use-profile-auto-open';
import { useTabDetections } from './use-tab-detections';
import { useTabUrl } from './use-tab-url';

type View = { kind: 'home' } | { kind: 'tasks' } | { kind: 'next' } | { kind: 'contact'; id: string } | { kind: 'merge'; keepId: string; otherId: string }
  | { kind: 'outreach'; segmentId: string };

const ANALYTICS_URL = browser.runtime.getURL('/analytics.html');

/** The analytics page is a full tab: the side panel is too narrow for its charts. */
function openAnalytics(event: MouseEvent<HTMLAnchorElement>) {
  event.preventDefault();
  void browser.tabs.create({ url: ANALYTICS_URL });
}

const BOARD_URL = browser.runtime.getURL('/board.html');

/** The pipeline board is a full tab too: its columns need the width. */
function openBoard(event: MouseEvent<HTMLAnchorElement>) {
  event.preventDefault();
  void browser.tabs.create({ url: BOARD_URL });
}

/**
 * `#contact/<id>`, `#merge/<keptId>/<otherId>`, `#outreach/<segmentId>` and `#tasks` keep the open
 * view across a reload of the panel.
 */
function viewFromHash(hash: string): View {
  if (hash === '#tasks') return { kind: 'tasks' };
  if (hash === '#next') return { kind: 'next' };
  const outreach = /^#outreach\/([\w-]+)$/.exec(hash);
  if (outreach) return { kind: 'outreach', segmentId: outreach[1]! };
  const merge = /^#merge\/([\w-]+)\/([\w-]+)$/.exec(hash);
  if (merge) return { kind: 'merge', keepId: merge[1]!, otherId: merge[2]! };
  const match = /^#contact\/([\w-]+)$/.exec(hash);
  return match ? { kind: 'contact', id: match[1]! } : { kind: 'home' };
}

/** Esc belongs to a text field or an open select while focus is in one (InlineField cancels edits). */
function handlesEscapeItself(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  if (!element || !element.tagName) return false;
  if (element.isContentEditable || /^(TEXTAREA|SELECT)$/.test(element.tagName)) return true;
  return element.tagName === 'INPUT' && !/^(checkbox|radio|button|submit|reset)$/.test((element as HTMLInputElement).type);
}

export function App({ pinnedTabId }: { pinnedTabId: number | undefined }) {
  const tabId = useActiveTabId(pinnedTabId);
  const detections = useTabDetections(tabId);
  const tabUrl = useTabUrl(tabId);
  const [view, setView] = useState<View>(() => viewFromHash(location.hash));
  // A clicked reminder notification opens its contact here.
  useRevealRequests();

  // Where the merge view was opened from (a profile, or the list), for Cancel to go back to.
  const previousHash = useRef('');
  useEffect(() => {
    const onHashChange = (event: HashChangeEvent) => {
      previousHash.current = new URL(event.oldURL).hash;
      setView(viewFromHash(location.hash));
    };
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, []);

  const [autoOpenedId, setAutoOpenedId] = useState<string | null>(null);
  const { listMayStart, contextSettled } = useContextFirst();

  const open = (id: string) => {
    location.hash = `contact/${id}`;
  };
  const back = useCallback(() => {
    location.hash = '';
  }, []);
  const merge = (keepId: string, otherId: string) => {
    location.hash = `merge/${keepId}/${otherId}`;
  };
  const cancelMerge = useCallback(() => {
    const from = previousHash.current;
    location.hash = from.startsWith('#merge/') ? '' : from;
  }, []);
  const openFromPage = useCallback((id: string) => {
    setAutoOpenedId(id);
    location.hash = `contact/${id}`;
  }, []);
  useProfileAutoOpen(tabId, detections.status === 'ready' ? detections.detections : null, view.kind === 'home', openFromPage);

  // Esc goes back from a profile or the tasks to the list, and cancels a merge.
  useEffect(() => {
    if (view.kind === 'home') return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented || handlesEscapeItself(event.target)) return;
      event.preventDefault();
      if (view.kind === 'merge') cancelMerge();
      else back();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [view.kind, back, cancelMerge]);

  return (
    <main className="panel">
      <header className="panel-header" style={{ display: 'flex', alignItems: 'baseline', justifyContent: 'space-between', gap: 8 }}>
        <h1>Sidebar CRM</h1>
        <nav aria-label="Views" className="panel-nav">
          <a href="#tasks" aria-current={view.kind === 'tasks' ? 'page' : undefined}>
            Tasks
          </a>
          <a href="#next" aria-current={view.kind === 'next' ? 'page' : undefined}>
            Next actions
          </a>
          <a href={ANALYTICS_URL} onClick={openAnalytics}>
            Analytics
          </a>
          <a href={BOARD_URL} onClick={openBoard}>
            Board
          </a>
        </nav>
      </header>
      <SyncStatusLine />
      <TeamNotice />
      {view.kind === 'contact' ? (
        <ContactProfile
          id={view.id}
          onBack={back}
          backLabel={view.id === autoOpenedId ? '← Back to this page' : undefined}
          page={detections.status === 'ready' ? detections.detections : null}
        />
      ) : view.kind === 'merge' ? (
        <MergeView keepId={view.keepId} otherId={view.otherId} onCancel={cancelMerge} onMerged={open} />
      ) : view.kind === 'tasks' ? (
        <TasksView onBack={back} />
      ) : view.kind === 'next' ? (
        <NextBestActionsView onBack={back} />
      ) : view.kind === 'outreach' ? (
        <OutreachView segmentId={view.segmentId} onBack={back} />
      ) : (
        <>
          <FirstRunWelcome pageHasPeople={detections.status === 'ready' ? (detections.detections?.contacts.length ?? 0) > 0 : undefined} />
          <OnThisPage state={detections} tabId={tabId} tabUrl={tabUrl} onOpen={open} onSettled={contextSettled} />
          {listMayStart ? <ContactList onOpen={open} onMerge={merge} /> : null}
        </>
      )}
    </main>
  );
}
