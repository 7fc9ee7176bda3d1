import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { DatabaseGate } from '@/components/recovery/DatabaseGate';
import { App } from './App';
import './style.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <DatabaseGate>
      <App pinnedTabId={pinnedTabIdFromUrl(location.search)} />
    </DatabaseGate>
  </StrictMode>,
);

/** `?tab=<id>` pins the panel to one tab (tests, "pop out" windows); otherwise it follows. */
function pinnedTabIdFromUrl(search: string): number | undefined {
  const raw = new URLSearchParams(search).get('tab');
  const id = raw === null ? NaN : Number(raw);
  return Number.isInteger(id) && id >= 0 ? id : undefined;
}
