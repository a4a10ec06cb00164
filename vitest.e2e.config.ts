import { defineConfig } from 'vitest/config';

// End-to-end: the built renderer served on 127.0.0.1, driven in Debian's Chromium
// through playwright-core; the Electron suite runs only where the binary exists.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    environment: 'node',
    globalSetup: ['test/e2e/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
