import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assembleBundleInput, createBundle } from '../../shared/bundle';
import { parseTemplateCsv } from '../../shared/csv';
import type { Portfolio } from '../../shared/domain';
import { buildRegister, CATALOG_VERSION, controlSchema, DEFAULT_WEIGHTS, emptyRegisterData, riskRecordSchema, weightedImpact, type RiskRegisterData } from '../../shared/risk';
import { toJson } from '../../electron/cli/commands/risks';
import { ROOT, runCli } from './run-cli';

const SAMPLE = join(ROOT, 'assets', 'sample-portfolio.csv');
const AS_OF = '2026-01-15';
const RISK_KEYS = ['id', 'product', 'component', 'threat', 'likelihood', 'impact', 'score', 'level', 'exposureUnitYears', 'status', 'findingKeys', 'controls'];

let tmp: string;
let portfolio: Portfolio;
let bundlePath: string;
let register: RiskRegisterData;

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'supportspan-risks-cli-'));
  const parsed = parseTemplateCsv(readFileSync(SAMPLE, 'utf8'));
  expect(parsed.errors).toEqual([]);
  portfolio = parsed.portfolio;
  // A bundle as the app writes it, with the user's register: an accepted lifecycle risk, an own risk and a shared control.
  const lifecycle = buildRegister(portfolio, emptyRegisterData(CATALOG_VERSION), { asOf: AS_OF }).risks.find((r) => r.threat.id === 'TID-210')!;
  const product = portfolio.products.find((p) => p.id === lifecycle.productId)!;
  register = {
    ...emptyRegisterData(CATALOG_VERSION),
    risks: [
      riskRecordSchema.parse({ id: lifecycle.id, productId: product.id, threatId: lifecycle.threat.id, likelihood: 5, impact: 5, response: 'accept', rationale: 'plant network only', owner: 'Ana', expires: '2026-06-30' }),
      riskRecordSchema.parse({ id: 'own-1', productId: product.id, componentId: product.components[0]!.id, threatId: 'TID-101', likelihood: 2, impact: 3 }),
    ],
    controls: [controlSchema.parse({ id: 'ctl-1', title: 'Network isolation', status: 'in-place', riskIds: [lifecycle.id, 'own-1'] })],
  };
  const bytes = await createBundle({ ...assembleBundleInput(portfolio, { scope: { kind: 'portfolio' }, asOf: AS_OF, appVersion: '0.1.0', createdAt: '2026-01-15T10:00:00.000Z' }), risks: register });
  bundlePath = join(tmp, 'with-risks.sspan');
  writeFileSync(bundlePath, bytes);
});
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

function parseJson(stdout: string): { risks: Record<string, unknown>[] } {
  const out = JSON.parse(stdout) as { risks: Record<string, unknown>[] };
  expect(Object.keys(out)).toEqual(['risks']);
  for (const r of out.risks) {
    expect(Object.keys(r)).toEqual(RISK_KEYS);
    expect(Object.keys(r.threat as object)).toEqual(['id', 'title', 'source']);
  }
  return out;
}

describe('supportspan risks', () => {
  it('lists the lifecycle risks of a portfolio file as the JSON contract, equal to the engine run in-process', async () => {
    const r = await runCli(['risks', SAMPLE, '--as-of', AS_OF, '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = parseJson(r.stdout);
    expect(out.risks.length).toBeGreaterThan(0);
    expect(out).toEqual(toJson(buildRegister(portfolio, emptyRegisterData(CATALOG_VERSION), { asOf: AS_OF })));
    const tid = out.risks.find((x) => (x.threat as { id: string }).id === 'TID-210')!;
    expect(tid).toMatchObject({ threat: { id: 'TID-210', title: 'Device Vulnerabilities Unpatchable', source: 'emb3d' }, status: 'open', controls: [] });
    expect(typeof tid.exposureUnitYears).toBe('number');
    expect((tid.findingKeys as string[]).length).toBeGreaterThan(0);
  });

  it('the text form names the as-of day, the catalog version and its attribution', async () => {
    const r = await runCli(['risks', SAMPLE, '--as-of', AS_OF]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`as of ${AS_OF}; threat catalog ${CATALOG_VERSION}`);
    expect(r.stdout).toContain('© 2026 The MITRE Corporation');
  });

  it("reads a bundle's register: the user's scores, responses, own risks and controls, at the bundle's as-of day", async () => {
    const r = await runCli(['risks', bundlePath, '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = parseJson(r.stdout);
    const accepted = out.risks.find((x) => x.id === register.risks[0]!.id)!;
    expect(accepted).toMatchObject({ likelihood: 5, status: 'accepted', controls: ['ctl-1'] });
    expect(accepted.score).toBe(25);
    // The own risk's impact 3 is weighted by its line's environment, as in the app.
    const product = portfolio.products.find((p) => p.id === register.risks[1]!.productId)!;
    const impact = weightedImpact(3, portfolio.lines.find((l) => l.id === product.lineId)!.environment, DEFAULT_WEIGHTS);
    expect(out.risks.find((x) => x.id === 'own-1')).toMatchObject({ threat: { id: 'TID-101', source: 'emb3d' }, likelihood: 2, impact, score: 2 * impact, exposureUnitYears: null, findingKeys: [], controls: ['ctl-1'] });
    // After the expiry the acceptance reopens.
    const later = parseJson((await runCli(['risks', bundlePath, '--format', 'json', '--as-of', '2026-07-01'])).stdout);
    expect(later.risks.find((x) => x.id === register.risks[0]!.id)!.status).toBe('reopened');
  });

  it('refuses a bad --as-of with a clear message and exit code 2, writing nothing to stdout', async () => {
    const r = await runCli(['risks', SAMPLE, '--as-of', '2026-02-30', '--format', 'json']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('risks: --as-of day 30 in "2026-02-30" does not exist (2026-02 has 28 days)\n');
    const word = await runCli(['risks', SAMPLE, '--as-of', 'tomorrow']);
    expect(word.code).toBe(2);
    expect(word.stderr).toContain('--as-of "tomorrow" is not a day: use YYYY-MM-DD');
  });
});
