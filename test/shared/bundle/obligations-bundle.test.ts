import { describe, expect, it } from 'vitest';
import { createBundle, readBundle } from '../../../shared/bundle';
import { emptyObligationsData, OBLIGATION_PATHS, type ObligationsData } from '../../../shared/bundle/format-obligations';
import { activityRecordSchema, emptyActivityRecord } from '../../../shared/obligations/activities';
import { communicationPlanSchema } from '../../../shared/obligations/communication';
import { vulnerabilityRecordSchema } from '../../../shared/obligations/vulnerabilities';
import { dec, editJson, enc, rehash, sampleInput, unzipEntries, zipEntries } from '../../fixtures/bundles/sample';

function obligations(): ObligationsData {
  return {
    activityRecords: [
      activityRecordSchema.parse({ ...emptyActivityRecord('p-thermo', 'A5'), status: 'done', reason: 'Letter from the SoC vendor', owner: 'Ana', evidence: [{ kind: 'finding', ref: 'legal-min-support:p-thermo:-', label: '' }], signOff: { name: 'Rui', date: '2026-11-30' } }),
      activityRecordSchema.parse({ ...emptyActivityRecord('p-lock', 'A8'), status: 'in-progress', notes: '<script>alert(1)</script>' }),
    ],
    vulnerabilities: [
      vulnerabilityRecordSchema.parse({ id: 'v-both', kind: 'exploited-vulnerability', title: 'TLS overflow', identifier: 'CVE-2026-12345', productIds: ['p-thermo', 'p-lock'], componentIds: ['c-soc', 'c-cert'], knownAt: '2026-10-24T23:30:00Z', reports: { 'early-warning': { sentAt: '2026-10-25T10:00:00Z', reference: 'EW-1' } } }),
      vulnerabilityRecordSchema.parse({ id: 'v-lock', kind: 'severe-incident', title: 'Cloud outage', identifier: 'INC-7', productIds: ['p-lock'], knownAt: '2026-11-02T08:00:00Z' }),
    ],
    communicationPlans: [communicationPlanSchema.parse({ productId: 'p-thermo', noticeMonths: [12, 6, 0], whatToDo: 'Replace with T2' })],
  };
}

describe('bundles carry activities, vulnerability records and communication plans (format 3)', () => {
  it('round-trips through real zip bytes, with counts in the manifest', async () => {
    const input = { ...(await sampleInput()), obligations: obligations() };
    const bytes = await createBundle(input);
    const entries = unzipEntries(bytes);
    expect(entries.has(OBLIGATION_PATHS.activities)).toBe(true);
    const r = await readBundle(bytes);
    if (!r.ok) throw new Error(r.error);
    expect(r.bundle.formatVersion).toBe(3);
    expect(r.bundle.migratedFrom).toBeNull();
    const o = obligations();
    expect(r.bundle.obligations).toEqual({ activityRecords: [o.activityRecords[1], o.activityRecords[0]], vulnerabilities: o.vulnerabilities, communicationPlans: o.communicationPlans });
    expect(r.bundle.manifest.counts).toMatchObject({ activities: 2, vulnerabilities: 2, communicationPlans: 1 });
    expect(r.bundle.manifest.files[OBLIGATION_PATHS.activities]).toMatch(/^[0-9a-f]{64}$/);
    // Same data, same bytes.
    expect(Buffer.from(await createBundle(input)).equals(Buffer.from(bytes))).toBe(true);
  });

  it('a bundle scoped to one product keeps only its records; a shared vulnerability keeps only that product and its components', async () => {
    const bytes = await createBundle({ ...(await sampleInput({ scope: { kind: 'product', id: 'p-thermo' } })), obligations: obligations() });
    const r = await readBundle(bytes);
    if (!r.ok) throw new Error(r.error);
    expect(r.bundle.obligations.activityRecords.map((a) => a.id)).toEqual(['p-thermo:A5']);
    expect(r.bundle.obligations.vulnerabilities).toEqual([expect.objectContaining({ id: 'v-both', productIds: ['p-thermo'], componentIds: ['c-soc'] })]);
    expect(r.bundle.obligations.communicationPlans.map((p) => p.productId)).toEqual(['p-thermo']);
    expect(dec(unzipEntries(bytes).get(OBLIGATION_PATHS.activities)!)).not.toContain('p-lock');
  });

  it('the writer drops records of products outside the portfolio and refuses invalid records, naming the field', async () => {
    const bad = obligations();
    bad.communicationPlans.push(communicationPlanSchema.parse({ productId: 'ghost', noticeMonths: [6] }));
    const input = { ...(await sampleInput()), obligations: bad };
    // Out of scope records are dropped by scoping; in a portfolio bundle a ghost product is simply not in scope either.
    const r = await readBundle(await createBundle(input));
    if (!r.ok) throw new Error(r.error);
    expect(r.bundle.obligations.communicationPlans.map((p) => p.productId)).toEqual(['p-thermo']);
    const invalid = { ...(await sampleInput()), obligations: { ...obligations(), activityRecords: [{ ...obligations().activityRecords[0]!, status: 'not-applicable' as const, reason: '' }] } };
    await expect(createBundle(invalid)).rejects.toThrow(/data\/activities\.json\.activityRecords\.0\.reason: an activity marked not applicable needs a reason/);
  });

  it('the reader refuses a damaged section with where and what, even when rehashed', async () => {
    const base = unzipEntries(await createBundle({ ...(await sampleInput()), obligations: obligations() }));
    const dangling = await rehash(editJson(base, OBLIGATION_PATHS.activities, (v) => { v.vulnerabilities[1].productIds = ['nope']; return v; }));
    const r1 = await readBundle(zipEntries(dangling));
    expect(r1.ok).toBe(false);
    expect(!r1.ok && r1.error).toContain('data/activities.json: vulnerabilities[1].productIds[0]: "nope" is not a product in this bundle');
    const schema = await rehash(editJson(base, OBLIGATION_PATHS.activities, (v) => { v.vulnerabilities[0].knownAt = '2026-10-25T01:30:00+02:00'; return v; }));
    const r2 = await readBundle(zipEntries(schema));
    expect(!r2.ok && r2.error).toMatch(/data\/activities\.json.*knownAt/);
    const counts = await rehash(editJson(base, OBLIGATION_PATHS.activities, (v) => { v.communicationPlans = []; return v; }));
    const r3 = await readBundle(zipEntries(counts));
    expect(!r3.ok && r3.error).toBe('manifest.json: counts.communicationPlans says 1 but the bundle holds 0');
    const missing = new Map(base);
    missing.delete(OBLIGATION_PATHS.activities);
    const r4 = await readBundle(zipEntries(await rehash(missing, (m) => { delete (m.files as Record<string, string>)[OBLIGATION_PATHS.activities]; })));
    expect(!r4.ok && r4.error).toBe('manifest.json does not list data/activities.json, which every version 3 bundle has');
    const tampered = new Map(base);
    tampered.set(OBLIGATION_PATHS.activities, enc(dec(base.get(OBLIGATION_PATHS.activities)!).replace('Rui', 'Eve')));
    const r5 = await readBundle(zipEntries(tampered));
    expect(r5.ok).toBe(false);
  });

  it('a version 2 bundle migrates to empty lists; a version 2 bundle that lists the file is refused', async () => {
    const base = unzipEntries(await createBundle(await sampleInput()));
    const v2 = new Map(base);
    v2.delete(OBLIGATION_PATHS.activities);
    v2.delete('data/risks.json');
    const migrated = await rehash(v2, (m) => {
      m.formatVersion = 2;
      const files = m.files as Record<string, string>;
      delete files[OBLIGATION_PATHS.activities];
      delete files['data/risks.json'];
      const counts = m.counts as Record<string, number>;
      for (const k of ['risks', 'controls', 'activities', 'vulnerabilities', 'communicationPlans']) delete counts[k];
    });
    const r = await readBundle(zipEntries(migrated));
    if (!r.ok) throw new Error(r.error);
    expect(r.bundle.formatVersion).toBe(2);
    expect(r.bundle.migratedFrom).toBe(2);
    expect(r.bundle.obligations).toEqual(emptyObligationsData());
    const wrong = await rehash(new Map([...v2, [OBLIGATION_PATHS.activities, base.get(OBLIGATION_PATHS.activities)!]]), (m) => {
      m.formatVersion = 2;
      const files = m.files as Record<string, string>;
      delete files['data/risks.json'];
      const counts = m.counts as Record<string, number>;
      for (const k of ['risks', 'controls', 'activities', 'vulnerabilities', 'communicationPlans']) delete counts[k];
    });
    const r2 = await readBundle(zipEntries(wrong));
    expect(!r2.ok && r2.error).toBe('manifest.json lists "data/activities.json", which version 2 bundles do not have');
  });
});
