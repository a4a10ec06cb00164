import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BundleWriteError, buildBundle, readBundle } from '../../../shared/bundle';
import { sampleInput, sampleReplies } from '../../fixtures/bundles/sample';

const dir = join(import.meta.dirname, '..', '..', 'fixtures', 'bundles');

describe('replies to auditors in a bundle (data/replies.json, version 4)', () => {
  it('round-trips the replies of the scope as version 4, sorted, leaving out a product not in the bundle', async () => {
    const built = await buildBundle({ ...(await sampleInput()), replies: sampleReplies() });
    expect(built.manifest.formatVersion).toBe(4);
    expect(Object.keys(built.manifest.files)).toContain('data/replies.json');
    const read = await readBundle(built.bytes);
    if (!read.ok) throw new Error(read.error);
    expect(read.bundle.formatVersion).toBe(4);
    expect(read.bundle.replies.map((r) => r.findingKey)).toEqual(['activity:p-lock:A0', 'component-support-gap:p-thermo:c-soc']);
    expect(read.bundle.replies[1]?.text).toBe('The <b>supplier</b> letter of 2025 extends support to 2031.');
  });

  it('writes version 3 without the file when there are no replies, so older apps read it', async () => {
    const built = await buildBundle(await sampleInput());
    expect(built.manifest.formatVersion).toBe(3);
    expect(Object.keys(built.manifest.files)).not.toContain('data/replies.json');
    const read = await readBundle(built.bytes);
    if (!read.ok) throw new Error(read.error);
    expect(read.bundle.replies).toEqual([]);
  });

  it('keeps a product-scoped bundle to that product\'s replies', async () => {
    const built = await buildBundle({ ...(await sampleInput({ scope: { kind: 'product', id: 'p-thermo' } })), replies: sampleReplies() });
    const read = await readBundle(built.bytes);
    if (!read.ok) throw new Error(read.error);
    expect(read.bundle.replies.map((r) => r.findingKey)).toEqual(['component-support-gap:p-thermo:c-soc']);
  });

  it('refuses a malformed reply when writing', async () => {
    const bad = [{ ...sampleReplies()[0]!, responseId: 'not-a-hash' }];
    await expect(buildBundle({ ...(await sampleInput()), replies: bad })).rejects.toThrow(BundleWriteError);
  });

  it('reads the committed version 4 corpus bundle', async () => {
    const read = await readBundle(new Uint8Array(readFileSync(join(dir, 'sample-replies.sspan'))));
    if (!read.ok) throw new Error(read.error);
    expect(read.bundle.replies).toHaveLength(2);
  });
});
