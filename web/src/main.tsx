// Entry of the web app: mounts the shell (routing, menu, screens) into #root.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import './styles/base.css';
import './styles/components.css';
import './styles/wall.css';
import './styles/auth.css';
import './styles/print.css';

// ?print=1: the server's whole-view export (PDF, PNG) opens the view without the app's chrome.
if (new URLSearchParams(location.search).get('print') === '1') document.documentElement.dataset.print = '1';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
