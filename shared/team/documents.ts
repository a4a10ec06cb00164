/**
 * A team database's documents (Apache CouchDB 3.x; see docs/team.md). The unit
 * of replication is the storage grain of the workspace: one document per
 * product line (`line:<id>`) and one per product (`product:<id>`), the product
 * carrying its components and the decisions on its findings. A change to a
 * product is one new revision of one document, so two people who edited the
 * same product while apart get a CouchDB conflict on that document, which the
 * app shows instead of resolving it silently.
 *
 * Documents come from a server, so they are untrusted input: every document is
 * checked against the portfolio schemas before it is used, and a document that
 * fails is reported by its id and field. Fields this version does not know (a
 * newer app's additions) are kept when a document is updated and ignored when
 * it is read.
 *
 * Pure: no network, no storage. The CLI (`push`, and every command that reads
 * a portfolio from a database URL) and the app use the same functions.
 */
import { z } from 'zod';
import { canonicalJson } from '../bundle/canonical-json';
import { decisionSchema, describeIssues, MAX_NAME, productLineSchema, productSchema, type Decision, type Portfolio, type Product, type ProductLine } from '../domain/schemas';

/** The version of the document shapes below; a newer one is refused by name, never guessed at. */
export const TEAM_DOC_VERSION = 1;

export const LINE_DOC_PREFIX = 'line:';
export const PRODUCT_DOC_PREFIX = 'product:';

export const lineDocId = (lineId: string): string => `${LINE_DOC_PREFIX}${lineId}`;
export const productDocId = (productId: string): string => `${PRODUCT_DOC_PREFIX}${productId}`;

/** Who wrote a revision, when, and with what ("app", "cli push"). */
export const changedBySchema = z.strictObject({
  by: z.string().max(MAX_NAME),
  at: z.iso.datetime({ offset: true }),
  via: z.string().max(100),
});
export type ChangedBy = z.infer<typeof changedBySchema>;

/** CouchDB's own fields, as a server returns them. */
const couchFields = {
  _id: z.string().min(1).max(300),
  _rev: z.string().max(200).optional(),
  _conflicts: z.array(z.string().max(200)).optional(),
  _deleted: z.boolean().optional(),
  _attachments: z.record(z.string(), z.unknown()).optional(),
};

export const lineDocSchema = z.looseObject({
  ...couchFields,
  type: z.literal('product-line'),
  docVersion: z.literal(TEAM_DOC_VERSION),
  line: productLineSchema,
  changed: changedBySchema.optional(),
});
export type LineDoc = z.infer<typeof lineDocSchema>;

export const productDocSchema = z.looseObject({
  ...couchFields,
  type: z.literal('product'),
  docVersion: z.literal(TEAM_DOC_VERSION),
  product: productSchema,
  decisions: z.array(decisionSchema).max(200_000),
  changed: changedBySchema.optional(),
});
export type ProductDoc = z.infer<typeof productDocSchema>;

/** Any stored document: what `readTeamDocs` is given (rows of `_all_docs?include_docs=true`). */
export interface StoredDoc {
  _id: string;
  _rev?: string;
  [field: string]: unknown;
}

export interface TeamDocProblem {
  /** The document id, as the server has it. */
  docId: string;
  message: string;
}

export interface TeamDocsRead {
  portfolio: Portfolio;
  /** Documents that are not valid: nothing from them is used. */
  problems: TeamDocProblem[];
  /** Documents with unresolved conflicting revisions (CouchDB `_conflicts`): the winning revision was read. */
  conflicts: { docId: string; name: string; versions: number }[];
  /** Documents this version does not know (other prefixes, design documents), left alone. */
  ignored: number;
}

const label = (doc: { _id: string }): string => JSON.stringify(doc._id.slice(0, 120));

/** The portfolio in a database's documents; every document checked, problems named by document id and field. */
export function readTeamDocs(docs: readonly StoredDoc[]): TeamDocsRead {
  const lines: ProductLine[] = [];
  const products: Product[] = [];
  const decisions: Decision[] = [];
  const problems: TeamDocProblem[] = [];
  const conflicts: TeamDocsRead['conflicts'] = [];
  let ignored = 0;
  for (const doc of docs) {
    if (doc._deleted === true) continue;
    const isLine = doc._id.startsWith(LINE_DOC_PREFIX);
    const isProduct = doc._id.startsWith(PRODUCT_DOC_PREFIX);
    if (!isLine && !isProduct) {
      ignored++;
      continue;
    }
    if (typeof doc.docVersion === 'number' && doc.docVersion > TEAM_DOC_VERSION) {
      problems.push({ docId: doc._id, message: `written by a newer Supportspan (document version ${doc.docVersion}; this one reads ${TEAM_DOC_VERSION}): update Supportspan` });
      continue;
    }
    const parsed = (isLine ? lineDocSchema : productDocSchema).safeParse(doc);
    if (!parsed.success) {
      problems.push({ docId: doc._id, message: describeIssues(parsed.error).slice(0, 5).join('; ') });
      continue;
    }
    const value = parsed.data;
    if (value.type === 'product-line') {
      const line = (value as LineDoc).line;
      if (doc._id !== lineDocId(line.id)) {
        problems.push({ docId: doc._id, message: `holds product line "${line.id}", whose document is ${label({ _id: lineDocId(line.id) })}` });
        continue;
      }
      lines.push(line);
      if (value._conflicts?.length) conflicts.push({ docId: doc._id, name: line.name, versions: value._conflicts.length + 1 });
    } else {
      const { product, decisions: own } = value as ProductDoc;
      if (doc._id !== productDocId(product.id)) {
        problems.push({ docId: doc._id, message: `holds product "${product.id}", whose document is ${label({ _id: productDocId(product.id) })}` });
        continue;
      }
      const foreign = own.find((d) => d.productId !== product.id);
      if (foreign) {
        problems.push({ docId: doc._id, message: `decision "${foreign.id}" is on product "${foreign.productId}", not on this product` });
        continue;
      }
      products.push(product);
      decisions.push(...own);
      if (value._conflicts?.length) conflicts.push({ docId: doc._id, name: product.name, versions: value._conflicts.length + 1 });
    }
  }
  const lineIds = new Set(lines.map((l) => l.id));
  const kept = products.filter((p) => {
    if (lineIds.has(p.lineId)) return true;
    problems.push({ docId: productDocId(p.id), message: `its product line "${p.lineId}" has no document ${label({ _id: lineDocId(p.lineId) })}` });
    return false;
  });
  const keptIds = new Set(kept.map((p) => p.id));
  const byName = <T extends { name: string; id: string }>(a: T, b: T): number => a.name.localeCompare(b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  return {
    portfolio: { lines: lines.sort(byName), products: kept.sort(byName), decisions: decisions.filter((d) => keptIds.has(d.productId)) },
    problems,
    conflicts,
    ignored,
  };
}

export interface PlannedWrite {
  docId: string;
  /** What the document is, for people: `product "Thermostat T1"`. */
  subject: string;
  action: 'create' | 'update';
  doc: StoredDoc;
}

export interface PushPlan {
  writes: PlannedWrite[];
  unchanged: number;
  /** Documents on the server that could not be updated (not valid, or from a newer app): nothing is written over them. */
  refused: TeamDocProblem[];
}

/** The fields this version writes; the rest of an existing document (a newer app's) is kept. */
const contentOf = (doc: StoredDoc, fields: readonly string[]): string => canonicalJson(Object.fromEntries(fields.map((f) => [f, doc[f] ?? null])));

const LINE_FIELDS = ['type', 'docVersion', 'line'] as const;
const PRODUCT_FIELDS = ['type', 'docVersion', 'product', 'decisions'] as const;

/**
 * The writes that make the database hold the portfolio's lines and products:
 * matched by id (a product already there is updated in place, never
 * duplicated), unchanged documents left alone, products and lines absent from
 * the portfolio left alone (a push never deletes). `existing` are the current
 * revisions of the documents the portfolio names (missing ones omitted).
 */
export function planPush(portfolio: Portfolio, existing: ReadonlyMap<string, StoredDoc>, changed: ChangedBy): PushPlan {
  const writes: PlannedWrite[] = [];
  const refused: TeamDocProblem[] = [];
  let unchanged = 0;
  const decisionsOf = new Map<string, Decision[]>();
  for (const d of portfolio.decisions) decisionsOf.set(d.productId, [...(decisionsOf.get(d.productId) ?? []), d]);
  const plan = (docId: string, subject: string, fields: readonly string[], content: Record<string, unknown>): void => {
    const found = existing.get(docId);
    const current = found && found._deleted !== true ? found : undefined;
    const next: StoredDoc = { ...(current ?? {}), ...content, _id: docId };
    if (current) {
      if (typeof current.docVersion === 'number' && current.docVersion > TEAM_DOC_VERSION) {
        refused.push({ docId, message: `written by a newer Supportspan (document version ${current.docVersion}): not overwritten` });
        return;
      }
      if (contentOf(current, fields) === contentOf(next, fields)) {
        unchanged++;
        return;
      }
    }
    delete next._conflicts;
    delete next._deleted;
    next.changed = changed;
    writes.push({ docId, subject, action: current ? 'update' : 'create', doc: next });
  };
  for (const line of portfolio.lines) {
    plan(lineDocId(line.id), `product line "${line.name}"`, LINE_FIELDS, { type: 'product-line', docVersion: TEAM_DOC_VERSION, line });
  }
  for (const product of portfolio.products) {
    const decisions = [...(decisionsOf.get(product.id) ?? [])].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    plan(productDocId(product.id), `product "${product.name}"`, PRODUCT_FIELDS, { type: 'product', docVersion: TEAM_DOC_VERSION, product, decisions });
  }
  return { writes, unchanged, refused };
}
