import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  assembleBundleInput, compareFindings, comparisonIsEmpty, createBundle, CYCLONEDX_DIR, PORTFOLIO_CSV_PATH, readBundle,
  rulePacksFor, scopePortfolio, utf8DecodeStrict,
} from '../../../shared/bundle';
import { parseTemplateCsv } from '../../../shared/csv';
import type { Portfolio } from '../../../shared/domain/schemas';
import { analyzePortfolio, DEFAULT_RULE_PACKS, derivePack, planSupportPeriod } from '../../../shared/engine';
import { readCycloneDx } from '../../../shared/interop/cyclonedx';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const AS_OF = '2026-11-28';
const CREATED = '2026-11-28T10:00:00.000Z';

function sample(): Portfolio {
  const { portfolio, errors } = parseTemplateCsv(readFileSync(join(ROOT, 'assets', 'sample-portfolio.csv'), 'utf8'));
  expect(errors).toEqual([]);
  return portfolio;
}

async function roundTrip(portfolio: Portfolio, scope: Parameters<typeof assembleBundleInput>[1]['scope']) {
  const bytes = await createBundle(assembleBundleInput(portfolio, { scope, asOf: AS_OF, appVersion: '0.1.0', createdAt: CREATED }));
  const r = await readBundle(bytes);
  if (!r.ok) throw new Error(r.error);
  return { bytes, bundle: r.bundle };
}

describe('assembleBundleInput', () => {
  it('a bundle assembled from the sample portfolio reads back with identical data, and its recorded findings equal a fresh analysis', async () => {
    const portfolio = sample();
    const { bundle } = await roundTrip(portfolio, { kind: 'portfolio' });
    expect(bundle.portfolio).toEqual(portfolio);

    const fresh = analyzePortfolio(bundle.portfolio, { asOf: bundle.manifest.asOf, rulePacks: rulePacksFor(bundle.analysis.rulePacks).packs });
    expect(bundle.analysis.findings).toEqual(JSON.parse(JSON.stringify(fresh.findings)));
    expect(bundle.analysis.summary).toEqual(JSON.parse(JSON.stringify(fresh.summary)));
    expect(bundle.analysis.rulePacks).toEqual(DEFAULT_RULE_PACKS.map((p) => ({ id: p.id, version: p.version })));
    expect(bundle.manifest.counts.findings).toBe(fresh.findings.length);
    expect(comparisonIsEmpty(compareFindings(bundle.analysis.findings, fresh.findings))).toBe(true);

    const lines = new Map(portfolio.lines.map((l) => [l.id, l]));
    expect(bundle.plans).toEqual(JSON.parse(JSON.stringify(portfolio.products.map((p) => planSupportPeriod(p, lines.get(p.lineId)!, { asOf: AS_OF })))));
  });

  it('writes one CycloneDX file per product that imports back to the same components, and the CSV template rows', async () => {
    const portfolio = sample();
    const { bundle } = await roundTrip(portfolio, { kind: 'portfolio' });
    const paths = bundle.extras.map((e) => e.path).sort();
    expect(paths).toEqual([...portfolio.products.map((p) => `${CYCLONEDX_DIR}${p.id}.cdx.json`), PORTFOLIO_CSV_PATH].sort());

    for (const product of portfolio.products) {
      const file = bundle.extras.find((e) => e.path === `${CYCLONEDX_DIR}${product.id}.cdx.json`)!;
      const bom = JSON.parse(utf8DecodeStrict(file.bytes));
      expect(bom.specVersion).toBe('1.6');
      expect(bom.metadata.timestamp).toBe(CREATED);
      const back = readCycloneDx(file.bytes, `${product.id}.cdx.json`);
      expect(back.errors).toEqual([]);
      expect(back.portfolio.products[0]!.components).toEqual(product.components);
    }

    const csv = utf8DecodeStrict(bundle.extras.find((e) => e.path === PORTFOLIO_CSV_PATH)!.bytes);
    const reparsed = parseTemplateCsv(csv);
    expect(reparsed.errors).toEqual([]);
    expect(reparsed.portfolio.products.map((p) => [p.name, p.components.length])).toEqual(portfolio.products.map((p) => [p.name, p.components.length]));
  });

  it('analyses, plans and exports only what is in the scope', async () => {
    const portfolio = sample();
    const line = portfolio.lines[1]!;
    const { bundle } = await roundTrip(portfolio, { kind: 'line', id: line.id });
    const scoped = scopePortfolio(portfolio, { kind: 'line', id: line.id });
    expect(bundle.portfolio).toEqual(scoped);
    expect(bundle.manifest.scope).toEqual({ kind: 'line', id: line.id, name: line.name });
    expect(bundle.analysis.findings).toEqual(JSON.parse(JSON.stringify(analyzePortfolio(scoped, { asOf: AS_OF }).findings)));
    expect(bundle.analysis.findings.every((f) => f.productLine === line.name)).toBe(true);
    expect(bundle.plans).toHaveLength(scoped.products.length);
    expect(bundle.extras.filter((e) => e.path.startsWith(CYCLONEDX_DIR)).map((e) => e.path).sort())
      .toEqual(scoped.products.map((p) => `${CYCLONEDX_DIR}${p.id}.cdx.json`).sort());
    expect(utf8DecodeStrict(bundle.extras.find((e) => e.path === PORTFOLIO_CSV_PATH)!.bytes)).not.toContain(portfolio.lines[0]!.name);
  });

  it('gives the same bytes for the same data (so the CLI and the app agree)', async () => {
    const a = await roundTrip(sample(), { kind: 'portfolio' });
    const b = await roundTrip(sample(), { kind: 'portfolio' });
    expect(Buffer.from(a.bytes).equals(Buffer.from(b.bytes))).toBe(true);
  });

  it('records the rule packs and policy effects it was given', async () => {
    const portfolio = sample();
    const packs = DEFAULT_RULE_PACKS.filter((p) => p.id !== 'eu-batteries');
    const input = assembleBundleInput(portfolio, { scope: { kind: 'portfolio' }, asOf: AS_OF, appVersion: '0.1.0', createdAt: CREATED, rulePacks: packs, policy: { minSupportYears: 15 } });
    expect(input.analysis.rulePacks.map((r) => r.id)).not.toContain('eu-batteries');
    expect(input.analysis.findings).toEqual(analyzePortfolio(portfolio, { asOf: AS_OF, rulePacks: packs, policy: { minSupportYears: 15 } }).findings);
    expect(input.analysis.findings).not.toEqual(analyzePortfolio(portfolio, { asOf: AS_OF }).findings);
  });

  it('refuses a scope that is not in the portfolio', () => {
    expect(() => assembleBundleInput(sample(), { scope: { kind: 'product', id: 'nope' }, asOf: AS_OF, appVersion: '0.1.0', createdAt: CREATED }))
      .toThrow(/no product with id "nope"/);
  });
});

describe('rulePacksFor and compareFindings', () => {
  it('selects the recorded packs and reports missing and other versions', () => {
    const available = [derivePack(DEFAULT_RULE_PACKS[0]!, { version: '2099.1' }), ...DEFAULT_RULE_PACKS.slice(1)];
    const s = rulePacksFor([{ id: DEFAULT_RULE_PACKS[0]!.id, version: DEFAULT_RULE_PACKS[0]!.version }, { id: 'gone', version: '1' }], available);
    expect(s.packs.map((p) => p.id)).toEqual([DEFAULT_RULE_PACKS[0]!.id]);
    expect(s.missing).toEqual([{ id: 'gone', version: '1' }]);
    expect(s.otherVersion).toEqual([{ id: DEFAULT_RULE_PACKS[0]!.id, recorded: DEFAULT_RULE_PACKS[0]!.version, available: '2099.1' }]);
  });

  it('finds findings recorded only, new, and changed', () => {
    const portfolio = sample();
    const before = analyzePortfolio(portfolio, { asOf: AS_OF }).findings;
    const changed = structuredClone(portfolio);
    // drop a product: its findings disappear; move a later as-of: gaps and messages change
    const dropped = changed.products.splice(0, 1)[0]!;
    const after = analyzePortfolio(changed, { asOf: '2031-06-30' }).findings;
    const c = compareFindings(before, after);
    expect(c.onlyRecorded.length).toBeGreaterThan(0);
    expect(c.onlyRecorded.every((f) => f.productId === dropped.id || !after.some((a) => a.key === f.key))).toBe(true);
    expect(c.onlyRecorded.filter((f) => f.productId === dropped.id)).toHaveLength(before.filter((f) => f.productId === dropped.id).length);
    expect(c.same + c.changed.length + c.onlyRecorded.length).toBe(before.length);
    expect(c.same + c.changed.length + c.onlyCurrent.length).toBe(after.length);
    expect(comparisonIsEmpty(c)).toBe(false);
  });
});
