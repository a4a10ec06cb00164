import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

// Unit and component tests. Pure layers run in Node; the renderer in jsdom with
// fake-indexeddb standing in for IndexedDB (real Chromium runs in the e2e suite).
export default defineConfig({
  plugins: [react()],
  // As in vite.config.ts: pouchdb-browser's `events` import.
  resolve: { alias: { events: fileURLToPath(new URL('./renderer/team/event-emitter.ts', import.meta.url)) } },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: ['test/shared/**/*.test.ts', 'test/electron/**/*.test.ts', 'test/cli/**/*.test.ts', 'test/tools/**/*.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'renderer',
          environment: 'jsdom',
          include: ['test/renderer/**/*.test.ts', 'test/renderer/**/*.test.tsx'],
          setupFiles: ['test/renderer/setup.ts'],
        },
      },
    ],
    testTimeout: 20_000,
  },
});
