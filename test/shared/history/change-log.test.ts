import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { appendChange, GENESIS_HASH, scopeChangeLog, verifyChain, entriesFor, type LogEntry } from '../../../shared/history/change-log';
import { sha256Hex } from '../../../shared/bundle/hash';
import { canonicalJson } from '../../../shared/bundle/canonical-json';
import { sampleHistory } from '../../fixtures/bundles/sample';

describe('change log hash chain', () => {
  it('links entries: seq, prevHash and hash = sha256 of the canonical entry without hash', async () => {
    const a = await appendChange(null, { at: '2026-01-01T10:00:00Z', who: 'ana', entity: { type: 'line', id: 'l1' }, action: 'create', after: { name: 'Home' } });
    const b = await appendChange(a, { at: '2026-01-01T10:05:00Z', who: 'ben', entity: { type: 'line', id: 'l1' }, action: 'update', before: { name: 'Home' }, after: { name: 'Smart home' } });
    expect(a.seq).toBe(1);
    expect(a.prevHash).toBe(GENESIS_HASH);
    expect(b.seq).toBe(2);
    expect(b.prevHash).toBe(a.hash);
    const { hash, ...rest } = b;
    expect(hash).toBe(await sha256Hex(new TextEncoder().encode(canonicalJson(rest))));
    expect(await verifyChain([a, b])).toEqual({ ok: true, checked: 2, redacted: 0 });
  });

  it('reports the first broken entry when content, order or membership changes', async () => {
    const log = await sampleHistory();
    const edited = log.map((e, i) => (i === 4 && !('redacted' in e) ? { ...e, who: 'mallory' } : e));
    expect(await verifyChain(edited)).toMatchObject({ ok: false, brokenAt: 5, reason: expect.stringMatching(/changed after it was recorded/) });
    const dropped = [...log.slice(0, 3), ...log.slice(4)];
    expect(await verifyChain(dropped)).toMatchObject({ ok: false, brokenAt: 5 });
    const swapped = [log[1]!, log[0]!, ...log.slice(2)];
    expect(await verifyChain(swapped)).toMatchObject({ ok: false, brokenAt: 2 });
    const relinked = [...log];
    relinked[3] = { ...(log[3] as object), prevHash: '1'.repeat(64) } as LogEntry;
    expect(await verifyChain(relinked)).toMatchObject({ ok: false, brokenAt: 4, reason: expect.stringMatching(/does not link/) });
  });

  it('a scoped log redacts other entities, still verifies, and leaks nothing of them', async () => {
    const log = await sampleHistory();
    const scoped = scopeChangeLog(log, { lineIds: new Set(['line-ind']), productIds: new Set(['p-gw']) });
    expect(scoped).toHaveLength(log.length);
    const check = await verifyChain(scoped);
    expect(check.ok).toBe(true);
    const kept = scoped.filter((e) => !('redacted' in e));
    expect(kept.map((e) => ('entity' in e ? e.entity.id : ''))).toEqual(['line-ind', 'p-gw', 'c-os', 'c-fan']);
    expect(JSON.stringify(scoped)).not.toContain('Thermostat');
    expect(entriesFor(scoped, 'component', 'c-os')).toHaveLength(1);
  });

  it('property: any edit of any field of any entry is caught', async () => {
    const log = await sampleHistory();
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: log.length - 1 }), fc.constantFrom('who', 'at', 'action', 'after', 'seq'), async (i, field) => {
        const e = log[i] as Record<string, unknown>;
        const changed = { ...e, [field]: field === 'seq' ? 99 : field === 'at' ? '2020-01-01T00:00:00Z' : field === 'action' ? (e.action === 'delete' ? 'create' : 'delete') : field === 'after' ? { tampered: true } : 'mallory' };
        const next = log.map((x, j) => (j === i ? (changed as LogEntry) : x));
        expect((await verifyChain(next)).ok).toBe(false);
      }),
      { numRuns: 40 },
    );
  });
});
