/**
 * Proposals from matches: the date to set with where it comes from (the
 * catalog's id and own date, product, cycle), extended support beside the
 * standard end, accepting one, and re-checking accepted dates against newer
 * catalogs. A catalog never invents a date: a cycle without one proposes nothing.
 */
import { parseLifecycleDate } from '../../domain/dates';
import type { Component } from '../../domain/schemas';
import type { AsOfBasis, CatalogMilestone, EolCatalog, MilestoneState } from './catalog-parse';
import { findProduct, type Match, type MatchConfidence } from './match';

export interface Provenance {
  catalog: string;
  /** The catalog's own date (the snapshot's), not the day it was loaded. */
  catalogDate: string | null;
  catalogDateBasis: AsOfBasis;
  product: string;
  cycle: string;
  field: 'eol';
}

export interface Proposal {
  componentId: string;
  current: string | null;
  /** The date to set; null when the catalog has none (ended without date, not ended, unknown). */
  proposed: string | null;
  state: MilestoneState;
  /** Paid or extended security support of the cycle, shown beside the standard end (never proposed). */
  extendedSupport: CatalogMilestone;
  provenance: Provenance;
  confidence: MatchConfidence;
  /** Why the component matched this cycle. */
  reason: string;
  needsConfirmation: boolean;
  /** What to store in `component.sources.securitySupportEnd` on acceptance (null when nothing to accept). */
  sourceNote: string | null;
  /** A sentence for the user. */
  explanation: string;
}

export interface CatalogSource {
  catalog: string;
  product: string;
  cycle: string;
  date: string;
  /** The catalog's own date; absent in notes written before it was recorded. */
  catalogDate?: string | null;
}

/**
 * The provenance note written when a catalog date is accepted:
 * `catalog:<catalog id>:<product>:<cycle>:<date>[:<catalog date>]`, each part
 * URI-encoded so that a `:` in a cycle cannot shift the fields.
 */
export function formatCatalogSource(p: CatalogSource): string {
  const parts = ['catalog', p.catalog, p.product, p.cycle, p.date, ...(p.catalogDate ? [p.catalogDate] : [])];
  return parts.map((x, i) => (i === 0 ? x : encodeURIComponent(x))).join(':');
}

export function parseCatalogSource(note: string | undefined): CatalogSource | null {
  if (!note) return null;
  const parts = note.split(':');
  if ((parts.length !== 5 && parts.length !== 6) || parts[0] !== 'catalog') return null;
  try {
    const [catalog, product, cycle, date, catalogDate] = parts.slice(1).map(decodeURIComponent) as [string, string, string, string, string | undefined];
    if (!parseLifecycleDate(date).ok) return null;
    if (catalogDate !== undefined && !parseLifecycleDate(catalogDate).ok) return null;
    return { catalog, product, cycle, date, catalogDate: catalogDate ?? null };
  } catch {
    return null;
  }
}

/** "2026-12-31", "ended (no date)", "not ended (no date yet)", "unknown". */
export function describeMilestone(m: CatalogMilestone): string {
  return m.state === 'date' ? m.date! : m.state === 'ended-date-unknown' ? 'ended (no date)' : m.state === 'not-ended' ? 'not ended (no date yet)' : 'unknown';
}

/** "of 2026-08-19" or "with entries up to 2026-08-19" (when the snapshot states no date of its own). */
export function describeCatalogDate(date: string | null, basis: AsOfBasis | undefined): string {
  if (!date) return 'undated';
  // Catalogs stored before the basis was recorded carry a stated date.
  return basis === 'newest-entry' ? `with entries up to ${date}` : `of ${date}`;
}

export function proposeSupportEnd(
  component: Pick<Component, 'id' | 'securitySupportEnd'>,
  match: Match,
  catalogMeta?: { id: string; asOf: string | null; asOfBasis?: AsOfBasis },
): Proposal {
  const catalog = catalogMeta?.id ?? match.catalogId;
  const catalogDate = catalogMeta ? catalogMeta.asOf : match.catalogAsOf;
  const catalogDateBasis = catalogMeta?.asOfBasis ?? match.catalogAsOfBasis;
  const s = match.cycle.securitySupport;
  const ext = match.cycle.extendedSupport;
  const provenance: Provenance = { catalog, catalogDate, catalogDateBasis, product: match.product, cycle: match.cycle.cycle, field: 'eol' };
  const where = `${match.productLabel} ${match.cycle.cycle} (catalog ${catalog} ${describeCatalogDate(catalogDate, catalogDateBasis)})`;
  const extended = ext.state === 'unknown' ? '' : ` Extended support: ${describeMilestone(ext)}.`;
  const explanation =
    (s.state === 'date' ? `${where}: security support ends ${s.date}.`
      : s.state === 'ended-date-unknown' ? `${where}: security support has ended; the catalog gives no date, so none is proposed.`
        : s.state === 'not-ended' ? `${where}: security support has not ended and no end date is announced yet.`
          : `${where}: the catalog says nothing about the end of security support.`) + extended;
  return {
    componentId: component.id,
    current: component.securitySupportEnd,
    proposed: s.state === 'date' ? s.date : null,
    state: s.state,
    extendedSupport: ext,
    provenance,
    confidence: match.confidence,
    reason: match.reason,
    needsConfirmation: match.needsConfirmation,
    sourceNote: s.state === 'date' && s.date
      ? formatCatalogSource({ catalog, product: match.product, cycle: match.cycle.cycle, date: s.date, catalogDate })
      : null,
    explanation,
  };
}

/** The component after the user accepted a proposal (pure; refuses a proposal without a date). */
export function acceptProposal<C extends Component>(component: C, proposal: Proposal): C {
  if (proposal.componentId !== component.id) throw new Error(`the proposal is for component ${proposal.componentId}, not ${component.id}`);
  if (!proposal.proposed || !proposal.sourceNote) throw new Error('this proposal has no date to accept');
  return { ...component, securitySupportEnd: proposal.proposed, sources: { ...component.sources, securitySupportEnd: proposal.sourceNote } };
}

export interface Recheck {
  componentId: string;
  acceptedFrom: CatalogSource;
  /** What the loaded catalogs say now: a date, or null with the state. */
  now: string | null;
  nowState: MilestoneState | 'not-found';
  /** Which catalog answered (the same catalog id when loaded, else another that has the cycle). */
  checkedIn: string | null;
  /** That catalog's own date. */
  checkedInDate: string | null;
  moved: boolean;
}

/**
 * Re-checks dates accepted from a catalog against the catalogs loaded now and
 * flags the ones whose date moved (or disappeared).
 */
export function recheckAcceptedDates(components: readonly Component[], catalogs: readonly EolCatalog[]): Recheck[] {
  const out: Recheck[] = [];
  for (const c of components) {
    const from = parseCatalogSource(c.sources.securitySupportEnd);
    if (!from) continue;
    const candidates = findProduct(catalogs, from.product)
      .sort((a, b) => Number(b.catalog.id === from.catalog) - Number(a.catalog.id === from.catalog));
    let answer: Recheck | null = null;
    for (const { catalog, product } of candidates) {
      const cycle = product.cycles.find((x) => x.cycle === from.cycle);
      if (!cycle) continue;
      const s = cycle.securitySupport;
      answer = {
        componentId: c.id, acceptedFrom: from, now: s.date, nowState: s.state, checkedIn: catalog.id, checkedInDate: catalog.asOf,
        moved: s.state !== 'date' || s.date !== from.date,
      };
      break;
    }
    out.push(answer ?? { componentId: c.id, acceptedFrom: from, now: null, nowState: 'not-found', checkedIn: null, checkedInDate: null, moved: false });
  }
  return out;
}
