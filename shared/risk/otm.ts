/**
 * A product's threat model as Open Threat Model (OTM 0.2.0) JSON, so Threat
 * Dragon, IriusRisk and other tools can continue from it. Validated against
 * the official schema (assets/schemas/otm) with @cfworker/json-schema (no
 * eval, so it runs under the app's CSP) before it is handed out.
 *
 * Mapping: the product is the project; one trust zone for the device and one
 * for its ecosystem (cloud, app, gateway); each component is an OTM component
 * carrying the threats of its risks; risks without a component sit on a
 * component for the device itself. OTM threats carry likelihood and impact
 * on our 1-5 scale scaled to OTM's 0-100; controls are OTM mitigations with
 * a risk reduction from their status.
 */
import { Validator, type Schema } from '@cfworker/json-schema';
import otmSchema from '../../assets/schemas/otm/otm_schema.json';
import { isEcosystemRole } from '../domain';
import type { Portfolio } from '../domain';
import type { Catalog } from './catalog';
import { loadCatalog } from './catalog';
import { buildRegister } from './register';
import type { RiskRegisterData } from './schemas';

export const OTM_VERSION = '0.2.0';

let validator: Validator | null = null;

/** Problems with an OTM document against the official schema, as "where: what" lines; empty = valid. */
export function validateOtm(doc: unknown): string[] {
  validator ??= new Validator(otmSchema as Schema, '7', false);
  const r = validator.validate(doc);
  if (r.valid) return [];
  return r.errors
    .filter((e) => !['properties', 'items', '$ref', 'allOf', 'anyOf'].includes(e.keyword))
    .map((e) => `${e.instanceLocation.replace(/^#\/?/, '') || 'document'}: ${e.error}`)
    .slice(0, 50);
}

const STATUS_REDUCTION: Readonly<Record<string, number>> = { suggested: 0, planned: 0, 'in-place': 50, verified: 75, retired: 0 };
const TRUST = { device: 'device', ecosystem: 'ecosystem' } as const;
const DEVICE_COMPONENT = 'device';

export function productToOtm(portfolio: Portfolio, data: RiskRegisterData, productId: string, asOf: string, catalog: Catalog = loadCatalog(data.threats, data.threatTags)): Record<string, unknown> {
  const product = portfolio.products.find((p) => p.id === productId);
  if (!product) throw new RangeError(`product "${productId}" is not in the portfolio`);
  const register = buildRegister(portfolio, data, { asOf, catalog });
  const risks = register.risks.filter((r) => r.productId === productId);
  const controls = data.controls.filter((c) => c.riskIds.some((id) => risks.some((r) => r.id === id)));
  const scale = (n: number | null) => (n === null ? null : n * 20);
  const threatsOf = (componentId: string | null) => risks
    .filter((r) => (r.componentId ?? null) === componentId)
    .map((r) => ({
      threat: r.id,
      state: r.status === 'accepted' ? 'accepted' : r.status === 'avoided' ? 'not-applicable' : 'exposed',
      mitigations: r.controls.map((cid) => ({ mitigation: cid, state: controls.find((c) => c.id === cid)?.status ?? 'suggested' })),
    }));
  const doc = {
    otmVersion: OTM_VERSION,
    project: {
      name: product.name,
      id: product.id,
      description: `Threat model of ${product.name} exported by Supportspan as of ${asOf}. ${register.attribution.join(' ')}`,
      tags: [product.category],
      attributes: { catalogVersion: register.catalogVersion, matrixVersion: register.matrixVersion, asOf },
    },
    representations: [],
    trustZones: [
      { id: TRUST.device, name: 'Device', type: 'device', risk: { trustRating: 50 } },
      { id: TRUST.ecosystem, name: 'Product ecosystem', type: 'ecosystem', risk: { trustRating: 30 } },
    ],
    components: [
      { id: DEVICE_COMPONENT, name: product.name, type: 'device', parent: { trustZone: TRUST.device }, threats: threatsOf(null) },
      ...product.components.filter((c) => c.class === 'it').map((c) => ({
        id: c.id,
        name: c.name,
        type: c.role,
        description: [c.supplier, c.version].filter(Boolean).join(' ') || null,
        parent: { trustZone: isEcosystemRole(c.role) ? TRUST.ecosystem : TRUST.device },
        threats: threatsOf(c.id),
        attributes: { securitySupportEnd: c.securitySupportEnd, dependsOn: c.dependsOn ?? [] },
      })),
    ],
    dataflows: [],
    // One OTM threat per risk (a risk is a threat in context); the catalog threat is named in its attributes.
    threats: risks.map((r) => {
      const t = catalog.threatById.get(r.threat.id);
      return {
        id: r.id,
        name: r.threat.title,
        description: [t?.description, r.basis].filter(Boolean).join(' ') || null,
        categories: [t?.category ?? '', ...(t?.stride ?? [])].filter(Boolean),
        cwes: (t?.references ?? []).filter((x) => /^CWE-\d+$/.test(x)),
        risk: {
          likelihood: scale(r.likelihood),
          likelihoodComment: 'Supportspan likelihood 1-5 × 20',
          impact: scale(r.impact) ?? 0,
          impactComment: `Supportspan impact 1-5 × 20, weighted for ${r.environment}`,
        },
        tags: [r.threat.id, r.threat.source],
        attributes: { threatId: r.threat.id, source: r.threat.source, exposureUnitYears: r.exposureUnitYears, findingKeys: r.findingKeys },
      };
    }),
    mitigations: controls.map((c) => ({
      id: c.id,
      name: c.title,
      description: c.description || null,
      riskReduction: STATUS_REDUCTION[c.status] ?? 0,
      attributes: { status: c.status, compensating: c.compensating, mitigationId: c.mitigationId, owner: c.owner, dueDate: c.dueDate },
    })),
  };
  const problems = validateOtm(doc);
  if (problems.length > 0) throw new Error(`the OTM export does not match the OTM ${OTM_VERSION} schema: ${problems.join('; ')}`);
  return doc;
}
