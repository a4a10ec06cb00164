/**
 * The workspace's side of a team database's documents (shared/team/documents.ts):
 * what a line or product document should hold according to this workspace, and
 * a document that came from the team applied to the workspace. Applying goes
 * through the same validation as every other write (validateLine,
 * validateProduct, validateDecision), is one transaction and one change group
 * per document, recorded under the revision's author, so undo and the change
 * history treat it like an edit made here.
 */
import type { Decision, Portfolio } from '../../../shared/domain';
import { canonicalJson } from '../../../shared/bundle/canonical-json';
import { LINE_DOC_PREFIX, PRODUCT_DOC_PREFIX, type LineDoc, type ProductDoc } from '../../../shared/team/documents';
import type { SupportspanDb } from '../database';
import { guardWrite, ValidationError } from '../errors';
import { logChanges, newChangeGroup, type ChangeEntry } from './change-log';
import { validateDecision } from './decisions';
import { deleteLine, validateLine } from './product-lines';
import { deleteProduct, validateProduct } from './products';

/** The part of the workspace one document holds (for planPush): empty when it is not in the workspace. */
export async function workspaceContentOf(db: SupportspanDb, docId: string): Promise<Portfolio> {
  if (docId.startsWith(LINE_DOC_PREFIX)) {
    const line = await db.lines.get(docId.slice(LINE_DOC_PREFIX.length));
    return { lines: line ? [line] : [], products: [], decisions: [] };
  }
  if (docId.startsWith(PRODUCT_DOC_PREFIX)) {
    const id = docId.slice(PRODUCT_DOC_PREFIX.length);
    return db.transaction('r', db.products, db.decisions, async () => {
      const product = await db.products.get(id);
      if (!product) return { lines: [], products: [], decisions: [] };
      return { lines: [], products: [product], decisions: await db.decisions.where('productId').equals(id).toArray() };
    });
  }
  return { lines: [], products: [], decisions: [] };
}

export type ApplyOutcome = 'applied' | 'unchanged' | 'needs-line';

const same = (a: unknown, b: unknown): boolean => canonicalJson(a) === canonicalJson(b);
const byId = (a: { id: string }, b: { id: string }): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Makes the workspace hold what a checked team document holds (readTeamDocs
 * accepted it). A product whose line is not in the workspace yet is not
 * written ('needs-line'): its line document has not arrived.
 */
export async function applyTeamDocument(db: SupportspanDb, doc: LineDoc | ProductDoc, by: string): Promise<ApplyOutcome> {
  if (doc.type === 'product-line') {
    const line = validateLine(doc.line);
    return guardWrite('apply the team change to the product line', () =>
      db.transaction('rw', db.lines, db.changes, async () => {
        const before = (await db.lines.get(line.id)) ?? null;
        if (before && same(before, line)) return 'unchanged' as const;
        await db.lines.put(line);
        await logChanges(db, newChangeGroup(), [{ entityType: 'line', entityId: line.id, before, after: line }], `team change of product line “${line.name}”`, by);
        return 'applied' as const;
      }),
    );
  }
  const product = validateProduct(doc.product);
  const decisions: Decision[] = doc.decisions.map((d) => validateDecision(d));
  const foreign = decisions.find((d) => d.productId !== product.id);
  if (foreign) throw new ValidationError('Team document', [`decisions: decision ${foreign.id} is on another product`]);
  return guardWrite('apply the team change to the product', () =>
    db.transaction('rw', [db.lines, db.products, db.decisions, db.changes], async () => {
      if (!(await db.lines.get(product.lineId))) return 'needs-line' as const;
      const before = (await db.products.get(product.id)) ?? null;
      const beforeDecisions = await db.decisions.where('productId').equals(product.id).toArray();
      const sameProduct = before !== null && same(before, product);
      const sameDecisions = same([...beforeDecisions].sort(byId), [...decisions].sort(byId));
      if (sameProduct && sameDecisions) return 'unchanged' as const;
      const entries: ChangeEntry[] = [];
      if (!sameProduct) {
        await db.products.put(product);
        entries.push({ entityType: 'product', entityId: product.id, before, after: product });
      }
      const kept = new Set(decisions.map((d) => d.id));
      const gone = beforeDecisions.filter((d) => !kept.has(d.id));
      await db.decisions.bulkDelete(gone.map((d) => d.id));
      entries.push(...gone.map((d) => ({ entityType: 'decision' as const, entityId: d.id, before: d, after: null })));
      const previous = new Map(beforeDecisions.map((d) => [d.id, d]));
      for (const d of decisions) {
        const was = previous.get(d.id) ?? null;
        if (was && same(was, d)) continue;
        await db.decisions.put(d);
        entries.push({ entityType: 'decision', entityId: d.id, before: was, after: d });
      }
      await logChanges(db, newChangeGroup(), entries, `team change of product “${product.name}”`, by);
      return 'applied' as const;
    }),
  );
}

/** A document deleted in the team database: its product (or line, with its products) leaves the workspace. */
export async function applyTeamDeletion(db: SupportspanDb, docId: string, by: string): Promise<'applied' | 'unchanged'> {
  if (docId.startsWith(PRODUCT_DOC_PREFIX)) {
    const id = docId.slice(PRODUCT_DOC_PREFIX.length);
    const product = await db.products.get(id);
    if (!product) return 'unchanged';
    await deleteProduct(db, id, { by, label: `team deletion of product “${product.name}”` });
    return 'applied';
  }
  if (docId.startsWith(LINE_DOC_PREFIX)) {
    const id = docId.slice(LINE_DOC_PREFIX.length);
    const line = await db.lines.get(id);
    if (!line) return 'unchanged';
    await deleteLine(db, id, { by, label: `team deletion of product line “${line.name}”` });
    return 'applied';
  }
  return 'unchanged';
}

/** Which documents a change-log record touches (evidence, risks and the rest are not in team documents). */
export function docIdsOfChange(record: { entityType: string; entityId: string; before: unknown; after: unknown }): string[] {
  if (record.entityType === 'line') return [`${LINE_DOC_PREFIX}${record.entityId}`];
  if (record.entityType === 'product') return [`${PRODUCT_DOC_PREFIX}${record.entityId}`];
  if (record.entityType === 'decision') {
    const ids = new Set<string>();
    for (const image of [record.before, record.after]) {
      const productId = image && typeof image === 'object' ? (image as { productId?: unknown }).productId : undefined;
      if (typeof productId === 'string') ids.add(`${PRODUCT_DOC_PREFIX}${productId}`);
    }
    return [...ids];
  }
  return [];
}
