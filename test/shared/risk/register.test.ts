import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { portfolioSchema } from '../../../shared/domain';
import type { Component, Portfolio, Product } from '../../../shared/domain';
import { analyzeProduct, effectiveSupportEnd } from '../../../shared/engine';
import {
  buildRegister, CATALOG_VERSION, controlSchema, emptyRegisterData, EMB3D_COPYRIGHT, exposureOf, lifecycleRiskId, loadCatalog,
  residualOf, riskRecordSchema, scoreOf, weightedImpact, applicableThreats, proposeProperties,
} from '../../../shared/risk';
import type { RiskRegisterData } from '../../../shared/risk';
import { comp, LINE, product } from '../engine/fixtures';

const AS_OF = '2026-01-15';

/** One cohort placed through 2020, 1000 units, 6 years of use; support declared to the end of `supportEnd`. */
function gateway(supportEnd: string, components: Component[] = []): Product {
  return product({
    id: 'gw', name: 'Gateway G1', category: 'gateway', firstPlacedOnMarket: '2020-01-01', lastPlacedOnMarket: '2020-12-31',
    expectedUseYears: 6, unitsPerYear: 1000, declaredSupportEnd: supportEnd,
  }, components.length ? components : [comp({ id: 'fw', name: 'Firmware', class: 'it', role: 'firmware', core: true, securitySupportEnd: '2040-12', updateMechanism: 'ota' })]);
}
const portfolioOf = (...products: Product[]): Portfolio => portfolioSchema.parse({ lines: [LINE], products, decisions: [] });
const register = (extra: Partial<RiskRegisterData> = {}): RiskRegisterData => ({ ...emptyRegisterData(CATALOG_VERSION), ...extra });

/** The forecast's closed form for one whole-year cohort placed in 2020 (docs/findings.md, "Fleet forecast"). */
function closedForm(fromYear: number, toYear: number): number {
  const scale = 6 / Math.pow(Math.LN2, 1 / 3);
  let sum = 0;
  for (let y = fromYear; y <= toYear; y++) sum += 1000 * Math.exp(-Math.pow((y + 1 - 2020.5) / scale, 3));
  return sum;
}

describe('lifecycle risks', () => {
  it('support ending before use raises an EMB3D TID-210 risk whose exposure is the closed form of the forecast', () => {
    const r = buildRegister(portfolioOf(gateway('2022-12-31')), register(), { asOf: AS_OF });
    const risk = r.risks.find((x) => x.threat.id === 'TID-210')!;
    expect(risk.id).toBe(lifecycleRiskId('TID-210', 'gw', null));
    expect(risk.threat).toEqual({ id: 'TID-210', title: 'Device Vulnerabilities Unpatchable', source: 'emb3d' });
    // The support year itself contributes nothing (support runs to its last day); 2023..2032 (last placing + 2 × use) count in full.
    expect(risk.exposureUnitYears!).toBeCloseTo(closedForm(2023, 2032), 6);
    expect(risk.startsOn).toBe('2022-12-31');
    expect(risk.findingKeys).toContain('support-ends-before-use:gw:-');
    expect(risk.status).toBe('open');
    // Default assessment 4 × 3 in a consumer line: score 12, high.
    expect([risk.likelihood, risk.impact, risk.score, risk.level]).toEqual([4, 3, 12, 'high']);
  });

  it('extending support shrinks the exposure, and past the last unit in use the risk disappears', () => {
    const shorter = buildRegister(portfolioOf(gateway('2024-12-31')), register(), { asOf: AS_OF }).risks.find((x) => x.threat.id === 'TID-210')!;
    expect(shorter.exposureUnitYears!).toBeCloseTo(closedForm(2025, 2032), 6);
    // Support beyond the expected use: no rule fires, but the units kept longer are still exposed.
    const tail = buildRegister(portfolioOf(gateway('2027-12-31')), register(), { asOf: AS_OF }).risks.find((x) => x.threat.id === 'TID-210')!;
    expect(tail.findingKeys).toEqual([]);
    expect(tail.exposureUnitYears!).toBeCloseTo(closedForm(2028, 2032), 6);
    expect(tail.basis).toMatch(/units kept longer than the expected use/);
    const covered = buildRegister(portfolioOf(gateway('2033-12-31')), register(), { asOf: AS_OF });
    expect(covered.risks.filter((x) => x.threat.id === 'TID-210')).toEqual([]);
  });

  it('a component cannot outlast what it depends on: the chain that sets the end is shown', () => {
    const p = gateway('2030-12-31', [
      comp({ id: 'os', name: 'Linux', class: 'it', role: 'os', core: true, securitySupportEnd: '2035-12', updateMechanism: 'ota', dependsOn: ['libc'] }),
      comp({ id: 'libc', name: 'C library', class: 'it', role: 'crypto', core: false, securitySupportEnd: '2021-12-31', updateMechanism: 'ota' }),
    ]);
    const eff = effectiveSupportEnd(p);
    expect(eff.end).toBe('2021-12-31');
    expect(eff.setBy).toMatchObject({ componentId: 'os', securitySupportEnd: '2021-12-31', via: [{ componentId: 'libc', component: 'C library', role: 'crypto' }] });
    const risk = buildRegister(portfolioOf(p), register(), { asOf: AS_OF }).risks.find((x) => x.threat.id === 'TID-210')!;
    expect(risk.chain).toEqual(['Gateway G1', 'Linux (os)', 'C library (crypto)']);
    expect(risk.exposureUnitYears!).toBeCloseTo(closedForm(2022, 2032), 6);
  });

  it('a device that cannot be updated is exposed from its first placing', () => {
    const p = gateway('2030-12-31', [comp({ id: 'fw', name: 'Firmware', class: 'it', role: 'firmware', core: true, securitySupportEnd: '2040-12', updateMechanism: 'none' })]);
    const risk = buildRegister(portfolioOf(p), register(), { asOf: AS_OF }).risks.find((x) => x.threat.id === 'TID-210')!;
    expect(risk.findingKeys).toEqual(['no-update-mechanism:gw:fw']);
    expect(risk.startsOn).toBe('2020-01-01');
    // 2020 counts for the part of the year after 2020-01-01: 365 of its 366 days.
    const scale = 6 / Math.pow(Math.LN2, 1 / 3);
    const y2020 = 1000 * Math.exp(-Math.pow(0.5 / scale, 3)) * 365 / 366;
    expect(risk.exposureUnitYears!).toBeCloseTo(y2020 + closedForm(2021, 2032), 6);
  });

  it('certificates, ecosystem shutdowns and AI models raise their own risks', () => {
    const p = gateway('2030-12-31', [
      comp({ id: 'fw', name: 'Firmware', class: 'it', role: 'firmware', core: true, securitySupportEnd: '2040-12', updateMechanism: 'ota' }),
      comp({ id: 'cert', name: 'Device cert', class: 'it', role: 'certificate', expires: '2023-06-30' }),
      comp({ id: 'cloud', name: 'Cloud API', class: 'it', role: 'cloud', core: false, securitySupportEnd: '2024-12-31' }),
      comp({ id: 'rt', name: 'Inference runtime', class: 'it', role: 'ai-runtime', core: false, securitySupportEnd: '2022-12-31', updateMechanism: 'ota' }),
      comp({ id: 'model', name: 'Wake word', class: 'it', role: 'ai-model', core: false, securitySupportEnd: '2030-12', updateMechanism: 'ota', dependsOn: ['rt'], retrainingCadenceMonths: 12 }),
    ]);
    const keys = analyzeProduct(p, LINE, { asOf: AS_OF }).map((f) => f.key);
    expect(keys).toContain('ai-model-not-updatable:gw:model:runtime-rt');
    const r = buildRegister(portfolioOf(p), register(), { asOf: AS_OF });
    const by = (t: string) => r.risks.find((x) => x.threat.id === t)!;
    expect(by('LC-CERT')).toMatchObject({ componentId: 'cert', startsOn: '2023-06-30', findingKeys: ['certificate-expiry:gw:cert'] });
    expect(by('LC-ECO')).toMatchObject({ componentId: 'cloud', startsOn: '2024-12-31' });
    expect(by('LC-AI')).toMatchObject({ componentId: 'model', startsOn: '2022-12-31', findingKeys: ['ai-model-not-updatable:gw:model:runtime-rt'] });
    expect(by('LC-AI').exposureUnitYears!).toBeCloseTo(closedForm(2023, 2032), 6);
  });

  it('an accepted risk reopens after its expiry, like a decision', () => {
    const id = lifecycleRiskId('TID-210', 'gw', null);
    const accept = (expires: string) => register({ risks: [riskRecordSchema.parse({ id, productId: 'gw', threatId: 'TID-210', response: 'accept', expires, rationale: 'replacement programme' })] });
    const on = (expires: string) => buildRegister(portfolioOf(gateway('2022-12-31')), accept(expires), { asOf: AS_OF }).risks.find((x) => x.id === id)!.status;
    expect(on('2026-01-15')).toBe('accepted');
    expect(on('2026-01-14')).toBe('reopened');
  });

  it('a lifecycle risk that no longer follows from the data is reported resolved, not shown', () => {
    const id = lifecycleRiskId('TID-210', 'gw', null);
    const data = register({ risks: [riskRecordSchema.parse({ id, productId: 'gw', threatId: 'TID-210', likelihood: 2 })] });
    const r = buildRegister(portfolioOf(gateway('2033-12-31')), data, { asOf: AS_OF });
    expect(r.risks.map((x) => x.id)).not.toContain(id);
    expect(r.resolved).toEqual([id]);
  });
});

describe('scoring', () => {
  it('reads the level from the matrix and weights impact by environment', () => {
    expect(scoreOf(5, 5)).toEqual({ likelihood: 5, impact: 5, score: 25, level: 'critical' });
    expect(scoreOf(1, 1).level).toBe('low');
    expect(weightedImpact(3, 'consumer')).toBe(3);
    expect(weightedImpact(3, 'industrial')).toBe(4);
    expect(weightedImpact(4, 'medical')).toBe(5);
    expect(() => scoreOf(0, 3)).toThrow(/likelihood must be a whole number from 1 to 5/);
  });

  it('a control shared by two risks lowers both residual scores', () => {
    const ida = lifecycleRiskId('TID-210', 'gw', null);
    const data = register({
      risks: [riskRecordSchema.parse({ id: 'user-1', productId: 'gw', threatId: 'TID-311', likelihood: 3, impact: 3 })],
      controls: [controlSchema.parse({ id: 'c1', title: 'Network isolation', status: 'in-place', compensating: true, riskIds: [ida, 'user-1'] })],
    });
    const r = buildRegister(portfolioOf(gateway('2022-12-31')), data, { asOf: AS_OF });
    const a = r.risks.find((x) => x.id === ida)!;
    const b = r.risks.find((x) => x.id === 'user-1')!;
    expect(a.controls).toEqual(['c1']);
    expect(b.controls).toEqual(['c1']);
    expect(a.residual).toMatchObject({ likelihood: 4, impact: 2, score: 8 });
    expect(b.residual).toMatchObject({ likelihood: 3, impact: 2, score: 6 });
    expect(b.threat).toEqual({ id: 'TID-311', title: 'Default Credentials', source: 'emb3d' });
  });
});

describe('properties', () => {
  it('extending a declared end past a core component\'s end does not raise exposure from nothing', () => {
    // Found by the property below: support to 2034 outlives the expected use (no rule fires), support to
    // 2041 outlasts the firmware (2040-12), so a rule fires; the units kept longer count in both.
    const p = (end: string) => ({ ...gateway(end), unitsPerYear: 1, expectedUseYears: 11 });
    const at = (end: string) => buildRegister(portfolioOf(p(end)), register(), { asOf: AS_OF }).risks.find((x) => x.threat.id === 'TID-210');
    const before = at('2034-06-30')!;
    const after = at('2041-06-30')!;
    expect(before.findingKeys).toEqual([]);
    expect(after.findingKeys.length).toBeGreaterThan(0);
    expect(after.exposureUnitYears!).toBeLessThanOrEqual(before.exposureUnitYears!);
  });

  it('extending a declared end never raises exposure', () => {
    fc.assert(fc.property(
      fc.integer({ min: 2019, max: 2034 }), fc.integer({ min: 0, max: 8 }), fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: 1, max: 15 }),
      (endYear, extra, units, use) => {
        const p = (y: number) => ({ ...gateway(`${y}-06-30`), unitsPerYear: units, expectedUseYears: use });
        const exposure = (y: number) => buildRegister(portfolioOf(p(y)), register(), { asOf: AS_OF }).risks.find((x) => x.threat.id === 'TID-210')?.exposureUnitYears ?? 0;
        return exposure(endYear + extra) <= exposure(endYear) + 1e-9;
      },
    ), { numRuns: 200 });
  });

  it('removing a control never lowers the residual risk', () => {
    const control = fc.record({ status: fc.constantFrom('suggested', 'planned', 'in-place', 'verified', 'retired' as const), compensating: fc.boolean() });
    const estimate = fc.option(fc.integer({ min: 1, max: 5 }), { nil: null });
    fc.assert(fc.property(
      fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 }), fc.array(control, { minLength: 1, maxLength: 6 }), fc.nat(), estimate, estimate,
      (l, i, controls, pick, el, ei) => {
        const inherent = { likelihood: l, impact: i };
        const est = { likelihood: el, impact: ei };
        const all = residualOf(inherent, controls, est);
        const fewer = residualOf(inherent, controls.filter((_, k) => k !== pick % controls.length), est);
        return fewer.likelihood * fewer.impact >= all.likelihood * all.impact && all.likelihood <= l && all.impact <= i;
      },
    ), { numRuns: 300 });
  });
});

describe('the catalog', () => {
  it('loads EMB3D with its mappings and carries MITRE\'s copyright line from the shipped terms', () => {
    const c = loadCatalog();
    expect(c.threats.filter((t) => t.source === 'emb3d')).toHaveLength(81);
    expect(c.propertyById.get('PID-26')!.threats).toEqual(['TID-210']);
    expect(c.threatById.get('TID-210')!.mitigations).toEqual(expect.arrayContaining(['MID-025', 'MID-026']));
    const terms = readFileSync(new URL('../../../assets/emb3d/TERMS-OF-USE.txt', import.meta.url), 'utf8');
    expect(terms).toContain(EMB3D_COPYRIGHT);
    expect(c.attribution.join(' ')).toContain(EMB3D_COPYRIGHT);
    expect(c.threats.filter((t) => t.source === 'owasp-ml').map((t) => t.id)).toEqual(['AI-ML01', 'AI-ML02', 'AI-ML05', 'AI-ML06', 'AI-ML10']);
  });

  it('adds user threats with STRIDE tags and refuses a shipped id', () => {
    const c = loadCatalog([{ id: 'ACME-1', title: 'Debug menu left on', category: 'application software', description: '', references: ['CWE-489'] }], [{ threatId: 'TID-210', stride: ['tampering'] }, { threatId: 'ACME-1', stride: ['elevation-of-privilege'] }]);
    expect(c.threatById.get('ACME-1')).toMatchObject({ source: 'user', references: ['CWE-489'], stride: ['elevation-of-privilege'] });
    expect(c.threatById.get('TID-210')!.stride).toEqual(['tampering']);
    expect(() => loadCatalog([{ id: 'TID-210', title: 'x', category: '', description: '', references: [] }])).toThrow(/already used by the shipped catalog/);
  });

  it('proposes properties from components; confirmed ones bring their threats with the property', () => {
    const p = gateway('2030-12-31', [
      comp({ id: 'os', name: 'Linux', class: 'it', role: 'os', core: true, securitySupportEnd: '2035-12', updateMechanism: 'ota' }),
      comp({ id: 'wifi', name: 'Wi-Fi', class: 'it', role: 'radio', core: true, securitySupportEnd: '2035-12', updateMechanism: 'ota' }),
    ]);
    const ids = proposeProperties(p).map((x) => x.propertyId);
    expect(ids).toEqual(expect.arrayContaining(['PID-23', 'PID-41', 'PID-275']));
    const threats = applicableThreats(p, [{ id: 'a', productId: 'gw', propertyId: 'PID-41', state: 'confirmed', by: '', at: '2026-01-01' }], loadCatalog());
    expect(threats.find((t) => t.threat.id === 'TID-310')!.broughtBy).toEqual(['PID-41']);
    expect(threats.some((t) => t.threat.id === 'TID-218')).toBe(false);
  });
});

describe('exposureOf', () => {
  it('is unknown (null) when the forecast lacks inputs', () => {
    expect(exposureOf({ ...gateway('2022-12-31'), unitsPerYear: null }, AS_OF, undefined).total).toBeNull();
  });
});
