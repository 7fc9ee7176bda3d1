import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { DatabaseGate } from '@/components/recovery/DatabaseGate';
import { BoardApp } from './BoardApp';
import '../sidepanel/style.css';
import '@/components/profile/profile.css';
import './style.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <DatabaseGate>
      <BoardApp />
    </DatabaseGate>
  </StrictMode>,
);
