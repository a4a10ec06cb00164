/**
 * Device properties (EMB3D PIDs) proposed from a product's components, and
 * the threats that follow from the confirmed ones, each with the property
 * (or component role) that brought it.
 */
import type { Component, Product } from '../domain';
import type { Catalog, Threat } from './catalog';
import type { ProductProperty } from './schemas';

export interface PropertyProposal {
  propertyId: string;
  /** Why: the components that suggest it, in words. */
  reasons: string[];
}

type Rule = { property: string; when: (c: Component) => boolean; why: string };

/** The proposal rules (docs/risks.md lists them). */
const RULES: readonly Rule[] = [
  { property: 'PID-11', when: (c) => c.class === 'it' && ['soc', 'firmware', 'os'].includes(c.role), why: 'runs software on a processor' },
  { property: 'PID-21', when: (c) => c.role === 'firmware', why: 'has firmware, so a bootloader' },
  { property: 'PID-23', when: (c) => c.role === 'os', why: 'runs an operating system' },
  { property: 'PID-27', when: (c) => c.class === 'it' && (c.updateMechanism === 'ota' || c.updateMechanism === 'local'), why: 'accepts software updates' },
  { property: 'PID-275', when: (c) => c.class === 'it' && c.updateMechanism === 'ota', why: 'accepts remote (over-the-air) updates' },
  { property: 'PID-26', when: (c) => c.class === 'it' && c.core === true && c.role !== 'certificate' && c.updateMechanism === 'none', why: 'is core and cannot be updated' },
  { property: 'PID-41', when: (c) => ['radio', 'gateway', 'cloud'].includes(c.role), why: 'has a wireless interface or depends on a cloud backend' },
  { property: 'PID-42', when: (c) => c.role === 'gateway', why: 'forwards or routes network messages' },
  { property: 'PID-4113', when: (c) => c.role === 'crypto' || c.role === 'certificate', why: 'uses cryptography for sensitive data' },
  { property: 'PID-3322', when: (c) => c.role === 'certificate', why: 'authenticates with certificates' },
  { property: 'PID-332', when: (c) => c.role === 'mobile-app' || c.role === 'cloud', why: 'offers services users sign in to' },
  { property: 'PID-31', when: (c) => c.role === 'mobile-app' || c.role === 'ai-model' || c.role === 'ai-runtime', why: 'runs application software' },
  { property: 'PID-13', when: (c) => ['sensor', 'tracking-camera', 'motion-sensor', 'eye-tracker', 'xr-display', 'display', 'radio'].includes(c.role), why: 'has peripheral chips on internal buses' },
];

export function proposeProperties(product: Product): PropertyProposal[] {
  const out = new Map<string, string[]>();
  for (const rule of RULES) {
    for (const c of product.components) {
      if (!rule.when(c)) continue;
      const list = out.get(rule.property) ?? [];
      list.push(`${c.name} (${c.role}) ${rule.why}`);
      out.set(rule.property, list);
    }
  }
  return [...out].map(([propertyId, reasons]) => ({ propertyId, reasons })).sort((a, b) => (a.propertyId < b.propertyId ? -1 : 1));
}

export interface PropertyState {
  propertyId: string;
  text: string;
  proposed: boolean;
  reasons: string[];
  /** null = proposed, not yet answered. */
  state: 'confirmed' | 'rejected' | null;
}

/** Proposals and answers of one product together; an answer to a property not proposed is kept (added by the user). */
export function productProperties(product: Product, answers: readonly ProductProperty[], catalog: Catalog): PropertyState[] {
  const mine = new Map(answers.filter((a) => a.productId === product.id).map((a) => [a.propertyId, a]));
  const proposals = proposeProperties(product);
  const out: PropertyState[] = proposals.map((p) => ({
    propertyId: p.propertyId,
    text: catalog.propertyById.get(p.propertyId)?.text ?? p.propertyId,
    proposed: true,
    reasons: p.reasons,
    state: mine.get(p.propertyId)?.state ?? null,
  }));
  for (const [id, a] of mine) {
    if (proposals.some((p) => p.propertyId === id)) continue;
    out.push({ propertyId: id, text: catalog.propertyById.get(id)?.text ?? id, proposed: false, reasons: [], state: a.state });
  }
  return out.sort((a, b) => (a.propertyId < b.propertyId ? -1 : 1));
}

export interface ApplicableThreat {
  threat: Threat;
  /** The confirmed property ids (or `role:ai-model`) that bring it. */
  broughtBy: string[];
}

/** Threats that follow from the confirmed properties (EMB3D mappings) and the AI set for products with an AI model. */
export function applicableThreats(product: Product, answers: readonly ProductProperty[], catalog: Catalog): ApplicableThreat[] {
  const confirmed = answers.filter((a) => a.productId === product.id && a.state === 'confirmed').map((a) => a.propertyId);
  const by = new Map<string, string[]>();
  for (const pid of confirmed) {
    for (const tid of catalog.propertyById.get(pid)?.threats ?? []) {
      const list = by.get(tid) ?? [];
      if (!list.includes(pid)) list.push(pid);
      by.set(tid, list);
    }
  }
  if (product.components.some((c) => c.role === 'ai-model')) {
    for (const t of catalog.threats) if (t.source === 'owasp-ml') by.set(t.id, ['role:ai-model']);
  }
  const out: ApplicableThreat[] = [];
  for (const [tid, broughtBy] of by) {
    const threat = catalog.threatById.get(tid);
    if (threat) out.push({ threat, broughtBy: broughtBy.sort() });
  }
  return out.sort((a, b) => (a.threat.id < b.threat.id ? -1 : a.threat.id > b.threat.id ? 1 : 0));
}
