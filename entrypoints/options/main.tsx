import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { DatabaseGate } from '@/components/recovery/DatabaseGate';
import { OptionsApp } from './OptionsApp';
import '../sidepanel/style.css';
import './style.css';
import '@/components/io/io.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <DatabaseGate>
      <OptionsApp />
    </DatabaseGate>
  </StrictMode>,
);
