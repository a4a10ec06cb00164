/**
 * Serves the built renderer for the whole e2e run and hands its URL to the tests
 * (`inject('baseUrl')`). `npm test` builds the renderer before this suite; when run
 * alone without a build, the renderer is built once here.
 */
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startStaticServer } from './support/static-server';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

const repo = fileURLToPath(new URL('../..', import.meta.url));
const dist = join(repo, 'dist', 'renderer');

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!existsSync(join(dist, 'index.html'))) {
    console.log('e2e: dist/renderer/index.html missing; building the renderer');
    const build = spawnSync('npx', ['vite', 'build', '--config', 'vite.config.ts'], { cwd: repo, stdio: 'inherit' });
    if (build.status !== 0 || !existsSync(join(dist, 'index.html'))) {
      throw new Error('e2e: building the renderer failed (npx vite build --config vite.config.ts); see the output above.');
    }
  }
  const server = await startStaticServer(dist);
  project.provide('baseUrl', server.url);
  return () => server.close();
}
