import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assembleBundleInput, createBundle } from '../../shared/bundle';
import { parseTemplateCsv } from '../../shared/csv';
import { ACTIVITY_IDS } from '../../shared/obligations/activity-catalog';
import { activityRecordSchema, emptyActivityRecord, KIND_ACTIVITIES } from '../../shared/obligations/activities';
import { ROOT, runCli } from './run-cli';

const SAMPLE = join(ROOT, 'assets', 'sample-portfolio.csv');
const AS_OF = '2026-11-28';

interface ActivitiesJson {
  products: { product: string; activities: { id: string; title: string; status: string; evidence: { kind: string; ref: string }[]; derived: string[] }[] }[];
}

let tmp: string;
let bundlePath: string;
let productId: string;
let productName: string;

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'supportspan-activities-cli-'));
  const { portfolio } = parseTemplateCsv(readFileSync(SAMPLE, 'utf8'));
  const product = portfolio.products[0]!;
  productId = product.id;
  productName = product.name;
  const input = assembleBundleInput(portfolio, { scope: { kind: 'portfolio' }, asOf: AS_OF, appVersion: '0.1.0', createdAt: '2026-11-28T10:00:00.000Z' });
  const bytes = await createBundle({
    ...input,
    obligations: {
      activityRecords: [
        activityRecordSchema.parse({ ...emptyActivityRecord(product.id, 'A5'), status: 'done', owner: 'Ana\u001b[31m', evidence: [{ kind: 'link', ref: 'https://example.com/plan', label: '' }], signOff: { name: 'Rui', date: '2026-11-27' } }),
        activityRecordSchema.parse({ ...emptyActivityRecord(product.id, 'A2'), status: 'not-applicable', reason: 'One industrial customer' }),
      ],
      vulnerabilities: [],
      communicationPlans: [],
    },
  });
  bundlePath = join(tmp, 'with-activities.sspan');
  writeFileSync(bundlePath, bytes);
});
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

describe('supportspan activities', () => {
  it('on a portfolio file: every product with A0…A8, derived findings joined by key to analyze --format json', async () => {
    const [acts, analyzed] = await Promise.all([
      runCli(['activities', SAMPLE, '--as-of', AS_OF, '--format', 'json']),
      runCli(['analyze', SAMPLE, '--as-of', AS_OF, '--format', 'json']),
    ]);
    expect(acts.stderr).toBe('');
    expect(acts.code).toBe(0);
    const json = JSON.parse(acts.stdout) as ActivitiesJson;
    const findings = (JSON.parse(analyzed.stdout) as { findings: { key: string; kind: string; product: string; severity: string }[] }).findings;
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.every((f) => typeof f.key === 'string' && f.key.length > 0)).toBe(true);
    const byKey = new Map(findings.map((f) => [f.key, f]));
    expect(Object.keys(json)).toEqual(['products']);
    for (const p of json.products) {
      expect(Object.keys(p)).toEqual(['product', 'activities']);
      expect(p.activities.map((a) => a.id)).toEqual([...ACTIVITY_IDS]);
      for (const a of p.activities) {
        expect(Object.keys(a)).toEqual(['id', 'title', 'status', 'evidence', 'derived']);
        expect(a.status).toBe('not-started');
        for (const key of a.derived) {
          const f = byKey.get(key);
          expect(f, `${key} is not a finding of analyze`).toBeDefined();
          expect(f!.product).toBe(p.product);
          expect(KIND_ACTIVITIES[f!.kind as keyof typeof KIND_ACTIVITIES]).toContain(a.id);
        }
      }
    }
    // Every finding of analyze lands on at least one activity of its product.
    const derived = new Set(json.products.flatMap((p) => p.activities.flatMap((a) => a.derived)));
    for (const f of findings) expect(derived.has(f.key), f.key).toBe(true);
    // The planner's result is Activity 5's evidence.
    expect(json.products[0]!.activities.find((a) => a.id === 'A5')!.evidence).toContainEqual({ kind: 'plan', ref: expect.stringMatching(/^plan:/) });
  });

  it('on a bundle: the recorded status, evidence and sign-off; text output escapes control characters', async () => {
    const r = await runCli(['activities', bundlePath, '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as ActivitiesJson;
    const p = json.products.find((x) => x.product === productName)!;
    const a5 = p.activities.find((a) => a.id === 'A5')!;
    expect(a5.status).toBe('done');
    expect(a5.evidence[0]).toEqual({ kind: 'link', ref: 'https://example.com/plan' });
    expect(a5.evidence).toContainEqual({ kind: 'plan', ref: `plan:${productId}` });
    expect(p.activities.find((a) => a.id === 'A2')!.status).toBe('not-applicable');

    const text = await runCli(['activities', bundlePath]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(productName);
    expect(text.stdout).toMatch(/Activity 5\s+Done\s+Ana\\u001b\[31m/);
    expect(text.stdout).toContain('Rui 2026-11-27');
    expect(text.stdout).not.toContain('\u001b');
    expect(text.stdout).toMatch(/2 activities with records, as of 2026-11-28/);
  });

  it('is listed in --help and refuses bad options with exit 2', async () => {
    const help = await runCli(['--help']);
    expect(help.stdout).toMatch(/activities\s+list each product/);
    const bad = await runCli(['activities', SAMPLE, '--format', 'xml']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--format/);
    const date = await runCli(['activities', SAMPLE, '--as-of', '2026-02-30']);
    expect(date.code).toBe(2);
  });
});
