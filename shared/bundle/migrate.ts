/**
 * Older bundle versions, read and migrated to the current shape in memory
 * (never written). Policy: every version this app ever wrote stays readable;
 * a migration is a pure function from the old files to the current Bundle,
 * and the result passes the same schemas and checks as a current bundle.
 *
 * Version 1 (the first layout): `manifest.json` without scope, counts,
 * rule packs, history head or signature, plus `data.json` = {lines, products}
 * where a product's declared end was `supportEnd` and a component's security
 * support end was also `supportEnd`; optional `findings.json` = {asOf,
 * findings}. No decisions, history, evidence, report or signature existed.
 */
import { z } from 'zod';
import { componentSchema, productLineSchema, productSchema, lifecycleDateSchema, type Portfolio } from '../domain/schemas';
import { GENESIS_HASH } from '../history/change-log';
import { checkReferences, fail } from './checks';
import { bundlePortfolioSchema, manifestV1Schema, PATHS, recordedAnalysisSchema, recordedFindingSchema, V1_PATHS, type Manifest } from './format';
import { sha256Hex } from './hash';
import { renderReportHtml } from './report-html';
import { parseJsonBytes, schemaIssues } from './safe-json';
import type { ReadResult } from './read';
import { migratedRiskData } from './format-risks';
import { emptyObligationsData } from './format-obligations';

export const componentV1Schema = componentSchema.omit({ securitySupportEnd: true }).extend({
  supportEnd: lifecycleDateSchema.nullable().default(null),
});
export const productV1Schema = productSchema.omit({ declaredSupportEnd: true, components: true }).extend({
  supportEnd: lifecycleDateSchema.nullable().default(null),
  components: z.array(componentV1Schema).max(100_000).default([]),
});
export const dataV1Schema = z.strictObject({
  lines: z.array(productLineSchema),
  products: z.array(productV1Schema),
});
export type DataV1 = z.infer<typeof dataV1Schema>;
export const findingsV1Schema = z.strictObject({
  asOf: z.string(),
  findings: z.array(recordedFindingSchema),
});

/** Version 1 data to the current portfolio: renamed fields, and no decisions yet. */
export function migrateDataV1(data: DataV1): Portfolio {
  return {
    lines: data.lines,
    products: data.products.map(({ supportEnd, components, ...rest }) => ({
      ...rest,
      declaredSupportEnd: supportEnd,
      components: components.map(({ supportEnd: end, ...c }) => ({ ...c, securitySupportEnd: end })),
    })),
    decisions: [],
  };
}

export async function readV1(entries: Map<string, Uint8Array>, manifestValue: unknown, manifestBytes: Uint8Array, manifestHash: string): Promise<ReadResult> {
  const parsed = manifestV1Schema.safeParse(manifestValue);
  if (!parsed.success) return fail(schemaIssues(PATHS.manifest, parsed.error.issues));
  const m = parsed.data;
  const allowed = new Set<string>([V1_PATHS.data, V1_PATHS.findings]);
  for (const path of Object.keys(m.files)) {
    if (!allowed.has(path)) return fail(`manifest.json lists "${path}", which is not a part of the version 1 format`);
    if (!entries.has(path)) return fail(`the file ${path} listed in the manifest is missing`);
  }
  if (!(V1_PATHS.data in m.files)) return fail(`manifest.json does not list ${V1_PATHS.data}, which every version 1 bundle has`);
  for (const name of entries.keys()) {
    if (name !== PATHS.manifest && !(name in m.files)) return fail(`the file ${name} is not listed in the manifest (an extra file was added)`);
  }
  for (const [path, hash] of Object.entries(m.files)) {
    if ((await sha256Hex(entries.get(path)!)) !== hash) return fail(`the file ${path} does not match its hash in the manifest: it was changed after the bundle was made`);
  }
  const raw = parseJsonBytes(entries.get(V1_PATHS.data)!, V1_PATHS.data);
  if (!raw.ok) return fail(raw.error);
  const data = dataV1Schema.safeParse(raw.value);
  if (!data.success) return fail(schemaIssues(V1_PATHS.data, data.error.issues));
  const migrated = bundlePortfolioSchema.safeParse(migrateDataV1(data.data));
  if (!migrated.success) return fail(`${V1_PATHS.data} (migrated from version 1): ${schemaIssues(V1_PATHS.data, migrated.error.issues)}`);
  const portfolio = migrated.data;
  const refs = checkReferences(portfolio);
  if (refs) return fail(`${V1_PATHS.data}: ${refs}`);

  let findings: z.infer<typeof findingsV1Schema>['findings'] = [];
  if (V1_PATHS.findings in m.files) {
    const fr = parseJsonBytes(entries.get(V1_PATHS.findings)!, V1_PATHS.findings);
    if (!fr.ok) return fail(fr.error);
    const f = findingsV1Schema.safeParse(fr.value);
    if (!f.success) return fail(schemaIssues(V1_PATHS.findings, f.error.issues));
    if (f.data.asOf !== m.asOf) return fail(`${V1_PATHS.findings}: asOf ${f.data.asOf} differs from the manifest's ${m.asOf}`);
    findings = f.data.findings;
  }
  const analysis = recordedAnalysisSchema.parse({ asOf: m.asOf, rulePacks: [], findings, summary: {} });
  const counts = {
    lines: portfolio.lines.length,
    products: portfolio.products.length,
    components: portfolio.products.reduce((n, p) => n + p.components.length, 0),
    decisions: 0,
    findings: findings.length,
    evidence: 0,
    changes: 0,
  };
  const manifest: Manifest = {
    format: m.format,
    formatVersion: 2,
    appVersion: m.appVersion,
    createdAt: m.createdAt,
    asOf: m.asOf,
    scope: { kind: 'portfolio' },
    counts,
    rulePacks: [],
    files: m.files,
    historyHead: GENESIS_HASH,
    signature: null,
  };
  return {
    ok: true,
    bundle: {
      formatVersion: 1,
      migratedFrom: 1,
      manifest,
      manifestBytes,
      manifestHash,
      portfolio,
      evidence: [],
      analysis,
      plans: [],
      history: [],
      // Version 1 had no report; one is rendered so every bundle can be read the same way.
      reportHtml: renderReportHtml({ portfolio, scope: manifest.scope, asOf: m.asOf, createdAt: m.createdAt, appVersion: m.appVersion, rulePacks: [], findings, counts, signature: { state: 'unsigned' } }),
      extras: [],
      signature: null,
      risks: migratedRiskData(),
      obligations: emptyObligationsData(),
      replies: [],
    },
  };
}
