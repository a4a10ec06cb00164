/**
 * The risk register: the user's risks plus the lifecycle risks the engine
 * derives from findings (never typed), each scored with the 5×5 matrix,
 * weighted by the line's environment, with its controls, residual scores and
 * exposure in unit-years from the fleet forecast. Pure: data + as-of in.
 *
 * Lifecycle risks (docs/risks.md):
 * - EMB3D TID-210 "Device Vulnerabilities Unpatchable", one per product, when
 *   its effective support end (support-end.ts) is before the use end, a core
 *   component's support ends first, or a component cannot be updated;
 * - LC-CERT per certificate that expires during support, LC-ECO per ecosystem
 *   service that ends before the use end, LC-AI per AI model that cannot be
 *   kept current.
 * Exposure = Σ over the forecast's years of the units in use without
 * support, counted from the date the risk starts (the effective end, the
 * expiry, the shutdown; the first placing for what can never be updated).
 */
import { parseDayDate } from '../domain';
import type { Environment, Portfolio, Product, ProductLine } from '../domain';
import { analyzeProduct } from '../engine/analyze';
import type { AnalysisOptions } from '../engine/context';
import { hasExpired } from '../engine/decisions';
import type { Finding } from '../engine/finding-kinds';
import { forecastFleet } from '../engine/forecast';
import { effectiveSupportEnd } from '../engine/support-end';
import { loadCatalog } from './catalog';
import type { Catalog, ThreatSource } from './catalog';
import { DEFAULT_MATRIX, DEFAULT_WEIGHTS, LEVEL_RANK, residualOf, scoreOf, weightedImpact } from './matrix';
import type { Control, RiskLevel, RiskRecord, RiskRegisterData, RiskResponse } from './schemas';

export type RiskStatus = 'open' | 'accepted' | 'reopened' | 'mitigating' | 'transferred' | 'avoided';

export interface ExposureYear { year: number; unitsWithoutSupport: number }

export interface RiskRow {
  id: string;
  productId: string;
  product: string;
  productLine: string;
  environment: Environment;
  componentId: string | null;
  component: string | null;
  threat: { id: string; title: string; source: ThreatSource | 'unknown' };
  /** Derived by the engine from the lifecycle data (not typed by the user). */
  lifecycle: boolean;
  likelihood: number | null;
  /** As assessed, before the environment weighting. */
  impactAssessed: number | null;
  /** Weighted by the environment: the one used for the score. */
  impact: number | null;
  score: number | null;
  level: RiskLevel | null;
  weighting: { environment: Environment; impactAdjust: number; rationale: string };
  residual: { likelihood: number; impact: number; score: number; level: RiskLevel } | null;
  response: RiskResponse | null;
  rationale: string;
  owner: string;
  reviewDate: string | null;
  expires: string | null;
  status: RiskStatus;
  /** Unit-years in use without security support; null = the forecast lacks inputs; 0 = none. */
  exposureUnitYears: number | null;
  exposureByYear: ExposureYear[];
  /** The day the exposure starts; null when not a lifecycle risk or unknown. */
  startsOn: string | null;
  /** The last year in which the units without support still grow; null when they never do. */
  growsUntil: number | null;
  findingKeys: string[];
  controls: string[];
  /** The chain that sets the end: product, core component, its dependencies (names). */
  chain: string[];
  /** Why the lifecycle risk exists, in one sentence. */
  basis: string;
}

export interface RegisterResult {
  asOf: string;
  catalogVersion: string;
  attribution: string[];
  matrixVersion: string;
  risks: RiskRow[];
  /** Records whose lifecycle risk no longer follows from the data (kept, not shown as risks). */
  resolved: string[];
}

/** Default assessments of the lifecycle risks, before the user scores them. */
export const LIFECYCLE_DEFAULTS: Readonly<Record<string, { likelihood: number; impact: number }>> = {
  'TID-210': { likelihood: 4, impact: 3 },
  'LC-CERT': { likelihood: 3, impact: 3 },
  'LC-ECO': { likelihood: 3, impact: 2 },
  'LC-AI': { likelihood: 3, impact: 3 },
};

interface Derived {
  id: string;
  threatId: string;
  product: Product;
  line: ProductLine;
  componentId: string | null;
  component: string | null;
  findings: Finding[];
  /** The date units count as unsupported from (a forecast override); undefined = the effective end. */
  from: string | undefined;
  chain: string[];
  basis: string;
}

export function lifecycleRiskId(threatId: string, productId: string, componentId: string | null): string {
  return `lc:${threatId}:${productId}${componentId === null ? '' : `:${componentId}`}`;
}

/** The chain that sets the effective end: the product, the component that sets it, what that depends on. */
function endChain(productName: string, eff: ReturnType<typeof effectiveSupportEnd>): string[] {
  if (!eff.setBy) return [productName];
  return [productName, `${eff.setBy.component} (${eff.setBy.role})`, ...(eff.setBy.via ?? []).map((v) => `${v.component} (${v.role})`)];
}

const TID210_KINDS = new Set(['support-ends-before-use', 'component-support-gap', 'no-update-mechanism']);

function deriveForProduct(product: Product, line: ProductLine, options: AnalysisOptions): Derived[] {
  const findings = analyzeProduct(product, line, options);
  const out: Derived[] = [];
  const unpatchable = findings.filter((f) => TID210_KINDS.has(f.kind));
  if (unpatchable.length > 0) {
    const eff = effectiveSupportEnd(product);
    const neverUpdatable = product.components.some((c) => c.class === 'it' && c.core === true && c.role !== 'certificate' && c.updateMechanism === 'none');
    const chain = endChain(product.name, eff);
    out.push({
      id: lifecycleRiskId('TID-210', product.id, null),
      threatId: 'TID-210',
      product, line,
      componentId: eff.setBy?.componentId ?? null,
      component: eff.setBy?.component ?? null,
      findings: unpatchable,
      from: neverUpdatable && product.firstPlacedOnMarket !== null ? product.firstPlacedOnMarket : undefined,
      chain,
      basis: neverUpdatable
        ? `A core component of ${product.name} cannot be updated, so every unit is exposed from its first placing.`
        : eff.end === null ? `${product.name} has no declared support end.`
          : `Security support for ${product.name} effectively ends ${eff.end}${eff.setBy ? `, set by ${chain.slice(1).join(' → ')}` : ''}, before its units stop being used.`,
    });
  }
  if (unpatchable.length === 0) {
    // No rule fires, yet the fleet forecast still has units in use after support ends (units
    // that outlive the expected use): they are exposed too. Without this, extending a declared
    // end past a core component's end could raise exposure from nothing (docs/risks.md).
    const tail = exposureOf(product, options.asOf, undefined);
    if (tail.total !== null && tail.total > 0 && tail.startsOn !== null) {
      const eff = effectiveSupportEnd(product);
      const chain = endChain(product.name, eff);
      out.push({
        id: lifecycleRiskId('TID-210', product.id, null),
        threatId: 'TID-210',
        product, line,
        componentId: eff.setBy?.componentId ?? null,
        component: eff.setBy?.component ?? null,
        findings: [],
        from: undefined,
        chain,
        basis: `Security support for ${product.name} effectively ends ${tail.startsOn}; the fleet forecast still has units in use after that day (units kept longer than the expected use).`,
      });
    }
  }
  for (const f of findings) {
    const c = f.componentId === null ? undefined : product.components.find((x) => x.id === f.componentId);
    if (!c) continue;
    if (f.kind === 'certificate-expiry' && c.expires !== null) {
      out.push({ id: lifecycleRiskId('LC-CERT', product.id, c.id), threatId: 'LC-CERT', product, line, componentId: c.id, component: c.name, findings: [f], from: c.expires, chain: [product.name, `${c.name} (${c.role})`], basis: f.message });
    } else if (f.kind === 'ecosystem-end-before-use' && c.securitySupportEnd !== null) {
      out.push({ id: lifecycleRiskId('LC-ECO', product.id, c.id), threatId: 'LC-ECO', product, line, componentId: c.id, component: c.name, findings: [f], from: c.securitySupportEnd, chain: [product.name, `${c.name} (${c.role})`], basis: f.message });
    } else if (f.kind === 'ai-model-not-updatable') {
      const id = lifecycleRiskId('LC-AI', product.id, c.id);
      const runtime = f.dates.runtimeSupportEnd;
      const from = c.updateMechanism === 'none' ? product.firstPlacedOnMarket ?? undefined : runtime;
      const prev = out.find((d) => d.id === id);
      if (prev) {
        prev.findings.push(f);
        if (c.updateMechanism === 'none') prev.from = from;
        else if (prev.from !== undefined && runtime !== undefined && runtime < prev.from) prev.from = runtime;
      } else {
        out.push({ id, threatId: 'LC-AI', product, line, componentId: c.id, component: c.name, findings: [f], from, chain: [product.name, `${c.name} (${c.role})`], basis: f.message });
      }
    }
  }
  return out;
}

/** Exposure from the fleet forecast: the unit-years without support from `from` (or the effective end). */
export function exposureOf(product: Product, asOf: string, from: string | undefined): { total: number | null; byYear: ExposureYear[]; startsOn: string | null; growsUntil: number | null } {
  const fc = forecastFleet(product, { asOf, ...(from === undefined ? {} : { supportEndOverride: from }) });
  if (fc.years.length === 0 || fc.supportEnd === null) return { total: null, byYear: [], startsOn: fc.supportEnd, growsUntil: null };
  const byYear = fc.years.map((y) => ({ year: y.year, unitsWithoutSupport: y.unitsWithoutSupport ?? 0 }));
  let total = 0;
  let growsUntil: number | null = null;
  for (let i = 0; i < byYear.length; i++) {
    total += byYear[i]!.unitsWithoutSupport;
    if (i > 0 && byYear[i]!.unitsWithoutSupport > byYear[i - 1]!.unitsWithoutSupport) growsUntil = byYear[i]!.year;
  }
  return { total, byYear, startsOn: fc.supportEnd, growsUntil };
}

function statusOf(r: RiskRecord | undefined, asOfDay: number): RiskStatus {
  if (!r || r.response === null) return 'open';
  if (r.response === 'accept') return hasExpired(r.expires, asOfDay, `risk ${r.id}.expires`) ? 'reopened' : 'accepted';
  return r.response === 'mitigate' ? 'mitigating' : r.response === 'transfer' ? 'transferred' : 'avoided';
}

export interface RegisterOptions {
  asOf: string;
  rulePacks?: AnalysisOptions['rulePacks'];
  /** The organisation's policy, as the Findings screen uses it, so finding keys match. */
  policy?: AnalysisOptions['policy'];
  catalog?: Catalog;
}

export function buildRegister(portfolio: Portfolio, data: RiskRegisterData, options: RegisterOptions): RegisterResult {
  const asOfDay = parseDayDate(options.asOf);
  if (!asOfDay.ok) throw new RangeError(`asOf: ${asOfDay.reason}`);
  const catalog = options.catalog ?? loadCatalog(data.threats, data.threatTags);
  const matrix = data.matrix ?? DEFAULT_MATRIX;
  const weights = data.weights ?? DEFAULT_WEIGHTS;
  const analysis: AnalysisOptions = { asOf: options.asOf, ...(options.rulePacks ? { rulePacks: options.rulePacks } : {}), ...(options.policy ? { policy: options.policy } : {}) };
  const lines = new Map(portfolio.lines.map((l) => [l.id, l]));
  const products = new Map(portfolio.products.map((p) => [p.id, p]));
  const records = new Map(data.risks.map((r) => [r.id, r]));
  const controlsOf = new Map<string, Control[]>();
  for (const c of data.controls) for (const rid of c.riskIds) controlsOf.set(rid, [...(controlsOf.get(rid) ?? []), c]);

  const rows: RiskRow[] = [];
  const row = (base: {
    id: string; product: Product; line: ProductLine; componentId: string | null; component: string | null; threatId: string; lifecycle: boolean;
    defaults: { likelihood: number; impact: number } | null; findings: string[]; chain: string[]; basis: string;
    exposure: ReturnType<typeof exposureOf> | null;
  }) => {
    const r = records.get(base.id);
    const threat = catalog.threatById.get(base.threatId);
    const likelihood = r?.likelihood ?? base.defaults?.likelihood ?? null;
    const assessed = r?.impact ?? base.defaults?.impact ?? null;
    const env = base.line.environment;
    const impact = assessed === null ? null : weightedImpact(assessed, env, weights);
    const scored = likelihood !== null && impact !== null ? scoreOf(likelihood, impact, matrix) : null;
    const controls = controlsOf.get(base.id) ?? [];
    let residual: RiskRow['residual'] = null;
    if (scored) {
      const res = residualOf(scored, controls, { likelihood: r?.residualLikelihood ?? null, impact: r?.residualImpact ?? null });
      const s = scoreOf(res.likelihood, res.impact, matrix);
      residual = { likelihood: s.likelihood, impact: s.impact, score: s.score, level: s.level };
    }
    rows.push({
      id: base.id,
      productId: base.product.id,
      product: base.product.name,
      productLine: base.line.name,
      environment: env,
      componentId: base.componentId,
      component: base.component,
      threat: { id: base.threatId, title: threat?.title ?? `${base.threatId} (not in the catalog)`, source: threat?.source ?? 'unknown' },
      lifecycle: base.lifecycle,
      likelihood,
      impactAssessed: assessed,
      impact,
      score: scored?.score ?? null,
      level: scored?.level ?? null,
      weighting: { environment: env, impactAdjust: weights[env].impactAdjust, rationale: weights[env].rationale },
      residual,
      response: r?.response ?? null,
      rationale: r?.rationale ?? '',
      owner: r?.owner ?? '',
      reviewDate: r?.reviewDate ?? null,
      expires: r?.expires ?? null,
      status: statusOf(r, asOfDay.day),
      exposureUnitYears: base.exposure?.total ?? null,
      exposureByYear: base.exposure?.byYear ?? [],
      startsOn: base.exposure?.startsOn ?? null,
      growsUntil: base.exposure?.growsUntil ?? null,
      findingKeys: base.findings,
      controls: controls.map((c) => c.id).sort(),
      chain: base.chain,
      basis: base.basis,
    });
  };

  const derivedIds = new Set<string>();
  for (const p of portfolio.products) {
    const line = lines.get(p.lineId) ?? { id: p.lineId, name: p.lineId, environment: 'consumer' as const, notes: '' };
    for (const d of deriveForProduct(p, line, analysis)) {
      derivedIds.add(d.id);
      row({
        id: d.id, product: p, line, componentId: d.componentId, component: d.component, threatId: d.threatId, lifecycle: true,
        defaults: LIFECYCLE_DEFAULTS[d.threatId] ?? null, findings: d.findings.map((f) => f.key).sort(), chain: d.chain, basis: d.basis,
        exposure: exposureOf(p, options.asOf, d.from),
      });
    }
  }
  const resolved: string[] = [];
  for (const r of data.risks) {
    if (derivedIds.has(r.id)) continue;
    if (r.id.startsWith('lc:')) {
      resolved.push(r.id);
      continue;
    }
    const p = products.get(r.productId);
    if (!p) throw new RangeError(`risk ${r.id}: product "${r.productId}" is not in the portfolio`);
    const line = lines.get(p.lineId) ?? { id: p.lineId, name: p.lineId, environment: 'consumer' as const, notes: '' };
    const c = r.componentId === null ? null : p.components.find((x) => x.id === r.componentId);
    if (c === undefined) throw new RangeError(`risk ${r.id}: component "${r.componentId}" is not a component of ${p.name}`);
    row({
      id: r.id, product: p, line, componentId: c?.id ?? null, component: c?.name ?? null, threatId: r.threatId, lifecycle: false,
      defaults: null, findings: [], chain: [], basis: '', exposure: null,
    });
  }
  rows.sort((a, b) =>
    (a.level === null ? 9 : LEVEL_RANK[a.level]) - (b.level === null ? 9 : LEVEL_RANK[b.level]) ||
    (b.score ?? 0) - (a.score ?? 0) || (a.product < b.product ? -1 : a.product > b.product ? 1 : 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return {
    asOf: options.asOf,
    catalogVersion: catalog.version,
    attribution: catalog.attribution,
    matrixVersion: matrix.version,
    risks: rows,
    resolved: resolved.sort(),
  };
}

/**
 * Keeps the register consistent with the portfolio it is read with: a user's
 * risk on a component removed since stays on its product (componentId null),
 * and a risk whose product is gone is left out (the repositories delete them
 * with the product; this covers data from elsewhere). A lifecycle record's
 * component comes from the engine, so nulling it changes nothing shown.
 */
export function reconcileRiskData(data: RiskRegisterData, portfolio: Pick<Portfolio, 'products'>): RiskRegisterData {
  const products = new Map(portfolio.products.map((p) => [p.id, p]));
  const risks = data.risks
    .filter((r) => products.has(r.productId))
    .map((r) => (r.componentId !== null && !products.get(r.productId)!.components.some((c) => c.id === r.componentId) ? { ...r, componentId: null } : r));
  return { ...data, risks };
}

/** An empty register (what a v2 bundle migrates to). */
export function emptyRegisterData(catalogVersion: string): RiskRegisterData {
  return { catalogVersion, threats: [], threatTags: [], properties: [], risks: [], controls: [], matrix: null, weights: null };
}

/** Controls proposed for a threat: EMB3D's mitigations of it, and for lifecycle risks the compensating ones. */
export function suggestedControls(threatId: string, catalog: Catalog): { title: string; mitigationId: string | null; compensating: boolean }[] {
  const t = catalog.threatById.get(threatId);
  const out: { title: string; mitigationId: string | null; compensating: boolean }[] = (t?.mitigations ?? []).map((mid) => ({ title: catalog.mitigationById.get(mid)?.title ?? mid, mitigationId: mid, compensating: false }));
  if (t && (t.source === 'lifecycle' || t.id === 'TID-210')) {
    for (const title of ['Network isolation of units past support', 'End-of-support notice to customers', 'Hardware replacement programme', 'Extended support contract with the supplier']) {
      out.push({ title, mitigationId: null, compensating: true });
    }
  }
  return out;
}
