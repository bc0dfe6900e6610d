// Mounts the app (loaded by the entry, main.tsx, after it started the route's preload). The engine is reached only
// through getApi() (api/host.ts).
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { guardUnload } from './jobs/unload-guard';
import './styles.css';

// The app's bundle is parsed and runs (bench:graph reads this mark; ms since navigation).
performance.mark('edgelab:main');
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
// Reloading while a job runs asks first.
guardUnload(window);
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
