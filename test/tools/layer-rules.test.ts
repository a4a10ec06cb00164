/**
 * The layer rules live in eslint.config.js; `npm test` fails on a violation. These
 * tests lint small sources as if they sat in each layer, so a config change that
 * quietly drops a rule fails here.
 */
import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const eslint = new ESLint({ cwd: root });

async function problems(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${root}/${file}` });
  return (result?.messages ?? []).filter((m) => m.severity === 2).map((m) => `${m.ruleId}: ${m.message}`);
}

describe('layer rules', () => {
  it.each([
    ['node:fs', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;"],
    ['electron', "import { app } from 'electron';\nexport const x = app;"],
    ['react', "import { useState } from 'react';\nexport const x = useState;"],
    ['dexie', "import { Dexie } from 'dexie';\nexport const x = Dexie;"],
    ['the renderer', "import { useDb } from '../renderer/db/db-context';\nexport const x = useDb;"],
  ])('shared/ may not import %s', async (_what, code) => {
    expect((await problems('shared/scratch.ts', code)).join('\n')).toMatch(/no-restricted-imports/);
  });

  it.each([
    ['process', 'export const x = process.env.HOME;'],
    ['Buffer', "export const x = Buffer.from('a');"],
    ['document', 'export const x = document.title;'],
  ])('shared/ may not use the global %s', async (_what, code) => {
    expect((await problems('shared/scratch.ts', code)).join('\n')).toMatch(/no-restricted-globals/);
  });

  it('renderer/ may not import electron/ or Electron', async () => {
    const fromMain = await problems('renderer/scratch.ts', "import { createMain } from '../electron/main/create-main';\nexport const x = createMain;");
    const electron = await problems('renderer/scratch.ts', "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;");
    expect(fromMain.join('\n')).toMatch(/no-restricted-imports/);
    expect(electron.join('\n')).toMatch(/no-restricted-imports/);
  });

  it('electron/ may not import renderer/', async () => {
    const p = await problems('electron/scratch.ts', "import { useDb } from '../renderer/db/db-context';\nexport const x = useDb;");
    expect(p.join('\n')).toMatch(/no-restricted-imports/);
  });

  it('allowed imports pass: renderer and electron use shared/', async () => {
    expect(await problems('renderer/scratch.ts', "import { toDay } from '../shared/domain';\nexport const x = toDay;")).toEqual([]);
    expect(await problems('electron/scratch.ts', "import { toDay } from '../shared/domain';\nexport const x = toDay;")).toEqual([]);
    expect(await problems('shared/scratch.ts', "import { z } from 'zod';\nexport const x = z;")).toEqual([]);
  });
});
