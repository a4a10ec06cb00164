import { readFileSync } from 'node:fs';
import { unzipSync, zipSync } from 'fflate';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import {
  buildAuditResponse, createBundle, readBundle, RISK_PATHS, verifyAuditResponse,
} from '../../../shared/bundle';
import { analyzePortfolio } from '../../../shared/engine';
import {
  buildRegister, CATALOG_VERSION, controlSchema, emptyRegisterData, EMB3D_COPYRIGHT, lifecycleRiskId, productToOtm, reviewedRisk,
  riskIdOfReviewKey, riskRecordSchema, riskReviewKey, validateOtm,
} from '../../../shared/risk';
import type { RiskRegisterData } from '../../../shared/risk';
import { samplePortfolio } from '../../fixtures/bundles/sample';

const AS_OF = '2026-11-28';
const CREATED = '2026-11-28T10:00:00.000Z';
const otmSchema = JSON.parse(readFileSync(new URL('../../../assets/schemas/otm/otm_schema.json', import.meta.url), 'utf8'));

function register(): RiskRegisterData {
  const tid = lifecycleRiskId('TID-210', 'p-thermo', null);
  return {
    ...emptyRegisterData(CATALOG_VERSION),
    threats: [{ id: 'ACME-7', title: 'Pairing <PIN> guessable', category: 'networking', description: 'Four-digit PIN', references: ['CWE-521', 'CAPEC-49'] }],
    threatTags: [{ threatId: 'ACME-7', stride: ['spoofing'] }],
    properties: [{ id: 'pp1', productId: 'p-thermo', propertyId: 'PID-41', state: 'confirmed', by: 'Ana', at: CREATED }],
    risks: [
      riskRecordSchema.parse({ id: 'r-pin', productId: 'p-thermo', componentId: 'c-fw', threatId: 'ACME-7', likelihood: 3, impact: 4, response: 'mitigate', owner: 'Ana' }),
      riskRecordSchema.parse({ id: tid, productId: 'p-thermo', threatId: 'TID-210', response: 'accept', expires: '2027-06-30', rationale: 'replacement offer' }),
    ],
    controls: [controlSchema.parse({ id: 'ctl-iso', title: 'Network isolation', status: 'in-place', compensating: true, riskIds: ['r-pin', tid] })],
  };
}

describe('OTM export', () => {
  it('validates against the official OTM schema with the app\'s validator and with ajv', () => {
    const doc = productToOtm(samplePortfolio(), register(), 'p-thermo', AS_OF);
    expect(validateOtm(doc)).toEqual([]);
    const ajv = new Ajv({ strict: false });
    expect(ajv.validate(otmSchema, doc)).toBe(true);
    expect(doc.project).toMatchObject({ id: 'p-thermo', name: 'Thermostat T1' });
    expect(String((doc.project as { description: string }).description)).toContain(EMB3D_COPYRIGHT);
    const threats = doc.threats as { id: string; name: string; cwes: string[]; risk: { likelihood: number } }[];
    expect(threats.find((t) => t.id === 'r-pin')).toMatchObject({ name: 'Pairing <PIN> guessable', cwes: ['CWE-521'], risk: { likelihood: 60 } });
    const fw = (doc.components as { id: string; threats: { threat: string; mitigations: { mitigation: string }[] }[] }[]).find((c) => c.id === 'c-fw')!;
    expect(fw.threats).toEqual([{ threat: 'r-pin', state: 'exposed', mitigations: [{ mitigation: 'ctl-iso', state: 'in-place' }] }]);
  });

  it('the validator accepts the specification\'s own example and reports a broken document where it is wrong', () => {
    expect(validateOtm(JSON.parse(readFileSync(new URL('../../fixtures/otm-example.json', import.meta.url), 'utf8')))).toEqual([]);
    const problems = validateOtm({ otmVersion: '0.2.0', project: { name: 'x' }, threats: [{ id: 't', name: 'n', risk: { likelihood: 1, impact: 'high' } }] });
    expect(problems.join('\n')).toMatch(/project/);
    expect(problems.join('\n')).toMatch(/threats\/0\/risk\/impact/);
  });
});

describe('bundles carry the register', () => {
  async function bundleOf(data: RiskRegisterData) {
    const portfolio = samplePortfolio();
    const analysis = analyzePortfolio(portfolio, { asOf: AS_OF });
    return createBundle({ portfolio, scope: { kind: 'portfolio' }, asOf: AS_OF, appVersion: '0.1.0', createdAt: CREATED, analysis, risks: data });
  }

  it('round-trips risks, controls and the catalog version, and shows them in report.html', async () => {
    const data = register();
    const read = await readBundle(await bundleOf(data));
    if (!read.ok) throw new Error(read.error);
    expect(read.bundle.formatVersion).toBe(3);
    expect(read.bundle.migratedFrom).toBeNull();
    expect(read.bundle.risks).toEqual(data);
    expect(read.bundle.manifest.counts).toMatchObject({ risks: 2, controls: 1 });
    const html = read.bundle.reportHtml;
    expect(html).toContain('<h2>Risk register</h2>');
    expect(html).toContain('Pairing &lt;PIN&gt; guessable');
    expect(html).not.toContain('<PIN>');
    expect(html).toContain('Device Vulnerabilities Unpatchable');
    expect(html).toContain('Network isolation');
    expect(html).toContain(EMB3D_COPYRIGHT);
    // The same register, evaluated from the bundle, as from the data it was made of.
    expect(buildRegister(read.bundle.portfolio, read.bundle.risks, { asOf: AS_OF })).toEqual(buildRegister(samplePortfolio(), data, { asOf: AS_OF }));
  });

  it('refuses a register that names a product the bundle does not hold', async () => {
    const bytes = await bundleOf(register());
    const files = unzipSync(bytes);
    const tampered = JSON.parse(new TextDecoder().decode(files[RISK_PATHS.register]!));
    tampered.risks[0].productId = 'p-gone';
    files[RISK_PATHS.register] = new TextEncoder().encode(JSON.stringify(tampered));
    const read = await readBundle(zipSync(files));
    expect(read.ok).toBe(false);
    // The hash check comes first: a changed file is reported as changed.
    if (!read.ok) expect(read.error).toMatch(/data\/risks\.json does not match its hash/);
  });

  it('a version 2 bundle migrates to an empty register', async () => {
    const files = unzipSync(await bundleOf(register()));
    delete files[RISK_PATHS.register];
    delete files['data/activities.json'];
    const manifest = JSON.parse(new TextDecoder().decode(files['manifest.json']!));
    manifest.formatVersion = 2;
    delete manifest.files[RISK_PATHS.register];
    delete manifest.counts.risks;
    delete manifest.counts.controls;
    delete manifest.files['data/activities.json'];
    for (const k of ['activities', 'vulnerabilities', 'communicationPlans']) delete manifest.counts[k];
    files['manifest.json'] = new TextEncoder().encode(JSON.stringify(manifest));
    const read = await readBundle(zipSync(files));
    if (!read.ok) throw new Error(read.error);
    expect(read.bundle.formatVersion).toBe(2);
    expect(read.bundle.migratedFrom).toBe(2);
    expect(read.bundle.risks).toEqual(emptyRegisterData(CATALOG_VERSION));
  });
});

describe('auditor comments on a risk', () => {
  it('travel in an auditor response under the review key risk:<riskId>', async () => {
    const row = buildRegister(samplePortfolio(), register(), { asOf: AS_OF }).risks.find((r) => r.id === 'r-pin')!;
    const key = riskReviewKey(row.id);
    expect(key).toBe('risk:r-pin');
    const built = await buildAuditResponse({
      original: { manifestHash: 'a'.repeat(64), manifest: { createdAt: CREATED, asOf: AS_OF, scope: { kind: 'portfolio' } }, verification: 'unsigned', signer: null },
      review: { reviewer: 'Iris', organisation: 'NB', summary: '', entries: [{ findingKey: key, status: 'disputed', note: 'PIN length is 6 since 3.2', updatedAt: CREATED, finding: reviewedRisk(row) }] },
      appVersion: '0.1.0', createdAt: CREATED,
    });
    const v = await verifyAuditResponse(built.bytes);
    const entry = v.review!.entries[0]!;
    expect(riskIdOfReviewKey(entry.findingKey)).toBe('r-pin');
    expect(entry.finding).toMatchObject({ kind: 'risk', severity: 'high', product: 'Thermostat T1', component: 'Firmware' });
    expect(riskIdOfReviewKey('support-ends-before-use:p:-')).toBeNull();
  });
});
