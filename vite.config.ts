import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { contentSecurityPolicy } from './build/vite-csp';

const root = fileURLToPath(new URL('./renderer', import.meta.url));
// The browser build has no host to ask for its version; bundles and reports record it.
const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

// The renderer is a plain web app: the same build runs in Electron (app://supportspan)
// and in any browser (`npm run web`). Relative base so both origins resolve assets.
// `--mode bench` (test/bench/ui-bench.mjs) is the only build with the benchmark hook;
// it goes to its own directory so the shipped build never contains it.
export default defineConfig(({ mode }) => ({
  root,
  base: './',
  plugins: [react(), contentSecurityPolicy()],
  publicDir: false,
  // pouchdb-browser imports Node's `events`: the `events` package (Node's EventEmitter for browsers) provides it.
  resolve: { alias: [{ find: /^events$/, replacement: 'events/events.js' }] },
  server: { host: '127.0.0.1', port: 5173, strictPort: false },
  preview: { host: '127.0.0.1' },
  build: {
    outDir: fileURLToPath(new URL(mode === 'bench' ? './dist/renderer-bench' : './dist/renderer', import.meta.url)),
    emptyOutDir: true,
    // No source maps in what ships: they would hand out the source next to the app.
    sourcemap: false,
    target: 'es2022',
    chunkSizeWarningLimit: 2000,
  },
  worker: { format: 'es' },
  define: {
    'import.meta.env.VITE_APP_VERSION': JSON.stringify(version),
    'import.meta.env.SUPPORTSPAN_BENCH': JSON.stringify(mode === 'bench'),
  },
}));
