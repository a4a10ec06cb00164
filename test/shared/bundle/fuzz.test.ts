import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBundle } from '../../../shared/bundle';
import { mutate } from '../../bench/fuzz-bundles';
import { mulberry32 } from '../../bench/seeded-random';

const dir = join(import.meta.dirname, '../../fixtures/bundles');
const seeds = ['sample-signed.sspan', 'sample-unsigned.sspan', 'v1-portfolio.sspan'].map((f) => new Uint8Array(readFileSync(join(dir, f))));

describe('fuzzing the reader over mutated sample bundles', () => {
  it('always answers ok or a clean message, never throws, never an unexpected error', async () => {
    const rand = mulberry32(20260501);
    let refused = 0;
    const CASES = 2500;
    for (let i = 0; i < CASES; i++) {
      const seed = seeds[i % seeds.length]!;
      const bytes = mutate(seed, rand);
      const r = await readBundle(bytes);
      if (!r.ok) {
        refused++;
        expect(typeof r.error).toBe('string');
        expect(r.error.length).toBeGreaterThan(10);
        // The reader's catch-all: reaching it means a check is missing somewhere.
        expect(r.error, `case ${i}`).not.toMatch(/^the bundle could not be read/);
      }
    }
    expect(refused).toBeGreaterThan(CASES / 2);
  });
});
