import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { promises as fsp, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileSizeError, readFileLimited, writeFileAtomic } from '../../electron/main/files';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'files-'));
});
afterEach(() => {
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

describe('readFileLimited', () => {
  it('reads a file up to the limit', async () => {
    writeFileSync(join(dir, 'a.sspan'), Buffer.alloc(100, 7));
    const r = await readFileLimited(join(dir, 'a.sspan'), 100);
    expect(r.name).toBe('a.sspan');
    expect(r.bytes.byteLength).toBe(100);
    expect(r.bytes[99]).toBe(7);
  });

  it('refuses a file over the limit, saying how big it is', async () => {
    writeFileSync(join(dir, 'big.sspan'), Buffer.alloc(2048));
    await expect(readFileLimited(join(dir, 'big.sspan'), 1024)).rejects.toThrow(FileSizeError);
    await expect(readFileLimited(join(dir, 'big.sspan'), 1024)).rejects.toThrow('big.sspan is 2.0 KB; files larger than 1.0 KB are not opened');
  });

  it('refuses a folder', async () => {
    mkdirSync(join(dir, 'folder.sspan'));
    await expect(readFileLimited(join(dir, 'folder.sspan'))).rejects.toThrow();
  });
});

describe('writeFileAtomic', () => {
  it('creates and replaces files, leaving no temporary file', async () => {
    const f = join(dir, 'out.sspan');
    await writeFileAtomic(f, new Uint8Array([1, 2, 3]));
    expect([...readFileSync(f)]).toEqual([1, 2, 3]);
    await writeFileAtomic(f, new Uint8Array([9]));
    expect([...readFileSync(f)]).toEqual([9]);
    expect(readdirSync(dir)).toEqual(['out.sspan']);
  });

  it('leaves the old file intact and cleans up when the final rename fails', async () => {
    const f = join(dir, 'keep.sspan');
    writeFileSync(f, 'original');
    vi.spyOn(fsp, 'rename').mockRejectedValueOnce(Object.assign(new Error('EXDEV: simulated'), { code: 'EXDEV' }));
    await expect(writeFileAtomic(f, new Uint8Array([1, 2, 3]))).rejects.toThrow('simulated');
    expect(readFileSync(f, 'utf8')).toBe('original');
    expect(readdirSync(dir)).toEqual(['keep.sspan']);
  });

  it('fails cleanly when the folder does not exist', async () => {
    await expect(writeFileAtomic(join(dir, 'missing', 'x.sspan'), new Uint8Array(1))).rejects.toThrow(/ENOENT/);
    expect(readdirSync(dir)).toEqual([]);
  });
});
