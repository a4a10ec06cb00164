// Validates electron-builder.yml offline with electron-builder's own loader and schema
// (packaging itself needs a downloadable Electron). builder-util comes with app-builder-lib.
import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const root = fileURLToPath(new URL('../..', import.meta.url));
const require = createRequire(import.meta.url);
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  getConfig(dir: string, file: string, extra: null): Promise<Record<string, unknown>>;
  validateConfiguration(config: unknown, logger: unknown): Promise<void>;
};
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

const load = () => getConfig(root, join(root, 'electron-builder.yml'), null);

describe('electron-builder.yml', () => {
  it('passes electron-builder schema validation', async () => {
    await expect(load().then((c) => validateConfiguration(c, new DebugLogger(false)))).resolves.toBeUndefined();
  });

  it('the validation is real: an unknown fuse is rejected', async () => {
    const c = await load();
    const bad = { ...c, electronFuses: { ...(c.electronFuses as object), runAsNodeTypo: false } };
    await expect(validateConfiguration(bad, new DebugLogger(false))).rejects.toThrow(/Invalid configuration/);
  });

  it('sets identity, folders, targets and the .sspan and .sspan-response associations', async () => {
    const c = await load();
    expect(c.appId).toBe('com.supportspan.app');
    expect(c.productName).toBe('Supportspan');
    expect(c.directories).toEqual({ buildResources: 'build', output: 'release' });
    expect(c.asar).toBe(true);
    expect(c.linux).toMatchObject({ target: ['AppImage', 'deb'] });
    expect(c.win).toMatchObject({ target: ['nsis'] });
    expect(c.mac).toMatchObject({ target: ['dmg'] });
    expect(c.fileAssociations).toEqual([
      expect.objectContaining({ ext: 'sspan', name: 'Supportspan bundle', role: 'Viewer' }),
      expect.objectContaining({ ext: 'sspan-response', name: 'Supportspan auditor response', mimeType: 'application/vnd.supportspan.audit-response+zip', role: 'Viewer' }),
    ]);
  });

  it('sets the Electron fuses that close the usual doors', async () => {
    const c = await load();
    expect(c.electronFuses).toMatchObject({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('ships only the bundles and package.json, and writes outside the sources', async () => {
    const c = await load();
    const files = JSON.stringify(c.files);
    expect(files).toContain('dist/**');
    expect(files).toContain('package.json');
    expect(files).toContain('!**/node_modules/**');
    for (const src of ['electron', 'renderer', 'shared', 'test', 'build', 'assets']) {
      expect(String((c.directories as { output: string }).output).startsWith(src)).toBe(false);
    }
  });
});
