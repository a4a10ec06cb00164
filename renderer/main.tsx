// First: zod must be configured before any schema is built (see the module).
import '../shared/zod-jitless';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { createAppDb } from './app/create-app-db';
import { installGlobalErrorHandlers } from './app/global-errors';
import { adoptWindowId } from './app/window-id';
import { selectPlatform } from './platform/select-platform';
import './styles/app.css';

installGlobalErrorHandlers();
// Before any write: every change records which window made it (undo stays within a window).
adoptWindowId();

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

createRoot(container).render(
  <StrictMode>
    <App db={createAppDb()} platform={selectPlatform(window, import.meta.env.VITE_APP_VERSION)} />
  </StrictMode>,
);
