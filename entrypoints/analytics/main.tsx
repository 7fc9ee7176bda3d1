import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { DatabaseGate } from '@/components/recovery/DatabaseGate';
import { AnalyticsApp } from './AnalyticsApp';
import '../sidepanel/style.css';
import './style.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <DatabaseGate>
      <AnalyticsApp />
    </DatabaseGate>
  </StrictMode>,
);
