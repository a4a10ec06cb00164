/**
 * Evidence files attached to a product or one of its components (supplier
 * letters, test reports: any file). The only code that touches the `evidence`
 * and `evidenceFiles` tables, apart from the deletes that go with a product
 * (products.ts, product-lines.ts, workspace.ts) and bundle import/export.
 *
 * The `evidence` record holds the metadata; the change log records it (never
 * the bytes). The bytes live in `evidenceFiles`, once per SHA-256. Removing an
 * attachment removes its record only: the contents stay, so Undo can bring the
 * attachment back, exactly as the change log keeps the before image of a
 * deleted product. (The log is not pruned yet; pruning it is where unreferenced
 * contents will be removed too.)
 *
 * Duplicating a product does not copy its evidence: a letter about one product
 * is not evidence about its copy until someone attaches it.
 */
import { formatBytes, formatBytesAgainst } from '../../../shared/format/format';
import { z } from 'zod';
import { idSchema, MAX_NAME, newId } from '../../../shared/domain';
import { sha256Hex, SHA256_HEX_RE } from '../../../shared/bundle/hash';
import type { EvidenceRecord, SupportspanDb } from '../database';
import { guardWrite, NotFoundError, ValidationError } from '../errors';
import { authorForRecord, logChanges, newChangeGroup } from './change-log';

/** Per file. IndexedDB copes with more, but every attached byte also goes into each bundle of the product. */
export const MAX_EVIDENCE_BYTES = 50 * 1024 * 1024;
export const DEFAULT_MEDIA_TYPE = 'application/octet-stream';
const MEDIA_TYPE_RE = /^[\w.+-]+\/[\w.+-]+$/;

/** The stored record, checked on every write and on undo (the same rules as a bundle's data/evidence.json, plus ours). */
export const evidenceRecordSchema = z.strictObject({
  id: idSchema,
  ownerId: idSchema,
  ownerKind: z.enum(['product', 'component']),
  productId: idSchema,
  name: z.string().min(1).max(MAX_NAME),
  mediaType: z.string().min(1).max(100).regex(MEDIA_TYPE_RE, 'not a media type'),
  size: z.number().int().positive().max(MAX_EVIDENCE_BYTES),
  sha256: z.string().regex(SHA256_HEX_RE, 'a hash is 64 lower-case hex digits'),
  addedAt: z.string().max(40),
  addedBy: z.string().max(MAX_NAME),
  importedFrom: z.string().regex(SHA256_HEX_RE).optional(),
});

export { formatBytes };

const MEDIA_TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  txt: 'text/plain',
  md: 'text/markdown',
  csv: 'text/csv',
  json: 'application/json',
  xml: 'application/xml',
  html: 'text/html',
  htm: 'text/html',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  svg: 'image/svg+xml',
  zip: 'application/zip',
  gz: 'application/gzip',
  '7z': 'application/x-7z-compressed',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  eml: 'message/rfc822',
  msg: 'application/vnd.ms-outlook',
  mp4: 'video/mp4',
  sspan: 'application/vnd.supportspan.bundle+zip',
};

/**
 * The media type for a file name, from its extension (desktop file dialogs give
 * no type); application/octet-stream when unknown. The type is informational:
 * files are saved back byte for byte and never opened by the app.
 */
export function mediaTypeFor(name: string): string {
  const dot = name.lastIndexOf('.');
  if (dot < 0) return DEFAULT_MEDIA_TYPE;
  return MEDIA_TYPES[name.slice(dot + 1).toLowerCase()] ?? DEFAULT_MEDIA_TYPE;
}

export interface AttachEvidenceInput {
  productId: string;
  /** The product's id or one of its components' ids. */
  ownerId: string;
  /** The original file name, without folders. */
  name: string;
  /** Defaults to mediaTypeFor(name); '' counts as not given (browsers give '' for unknown types). */
  mediaType?: string;
  bytes: Uint8Array;
}

/** Refusals that need no database: the caller can check a dropped file's size before reading it. */
export function checkEvidenceFile(name: string, size: number, mediaType?: string): string[] {
  const issues: string[] = [];
  if (name.trim() === '') issues.push('name: a file name is required');
  else if (name.length > MAX_NAME) issues.push(`name: at most ${MAX_NAME} characters (this one has ${name.length})`);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) issues.push('name: contains control characters');
  if (/[/\\]/.test(name)) issues.push('name: a file name without folders (no / or \\)');
  if (size === 0) issues.push(`${name || 'file'}: the file is empty`);
  if (size > MAX_EVIDENCE_BYTES) {
    {
      const [shown, limit] = formatBytesAgainst(size, MAX_EVIDENCE_BYTES);
      issues.push(`${name || 'file'}: ${shown} is larger than the ${limit} an evidence file may have; attach a smaller file (e.g. a PDF of the relevant pages)`);
    }
  }
  if (mediaType !== undefined && mediaType !== '' && (mediaType.length > 100 || !MEDIA_TYPE_RE.test(mediaType))) {
    issues.push(`mediaType: "${mediaType.slice(0, 100)}" is not a media type like application/pdf`);
  }
  return issues;
}

/**
 * Attaches a file. The hash is computed before the transaction opens (WebCrypto
 * is not Dexie work, and awaiting it inside would commit the transaction
 * early); then the record, the contents (when not stored yet) and the log entry
 * are written together, or nothing is. Refused when the product or owner does
 * not exist, or the same contents are already attached to the same owner.
 */
export async function attachEvidence(db: SupportspanDb, input: AttachEvidenceInput): Promise<EvidenceRecord> {
  const issues = checkEvidenceFile(input.name, input.bytes.length, input.mediaType);
  if (issues.length) throw new ValidationError('Evidence file', issues);
  const mediaType = input.mediaType || mediaTypeFor(input.name);
  const sha256 = await sha256Hex(input.bytes);
  // A copy: the caller's buffer may be reused or transferred after we return.
  const bytes = input.bytes.slice();
  return guardWrite('attach the file', () =>
    db.transaction('rw', [db.products, db.evidence, db.evidenceFiles, db.changes], async () => {
      const product = await db.products.get(input.productId);
      if (!product) throw new NotFoundError(`The product no longer exists (id ${input.productId}).`);
      const component = product.components.find((c) => c.id === input.ownerId);
      if (input.ownerId !== product.id && !component) {
        throw new ValidationError('Evidence file', [`ownerId: ${input.ownerId} is neither the product ${product.name} nor one of its components`]);
      }
      const ownerName = component ? `component ${component.name}` : `product ${product.name}`;
      const same = await db.evidence.where('sha256').equals(sha256).filter((e) => e.ownerId === input.ownerId).first();
      if (same) throw new ValidationError('Evidence file', [`${input.name}: the same file is already attached to ${ownerName} (as ${same.name})`]);
      const record = evidenceRecordSchema.parse({
        id: newId(),
        ownerId: input.ownerId,
        ownerKind: component ? 'component' : 'product',
        productId: product.id,
        name: input.name,
        mediaType,
        size: bytes.length,
        sha256,
        addedAt: new Date().toISOString(),
        addedBy: authorForRecord(),
      }) as EvidenceRecord;
      if (!(await db.evidenceFiles.get(sha256))) await db.evidenceFiles.add({ sha256, bytes });
      await db.evidence.add(record);
      await logChanges(db, newChangeGroup(), [{ entityType: 'evidence', entityId: record.id, before: null, after: record }]);
      return record;
    }),
  );
}

const byAddedThenName = (a: EvidenceRecord, b: EvidenceRecord): number =>
  a.addedAt < b.addedAt ? -1 : a.addedAt > b.addedAt ? 1 : a.name.localeCompare(b.name, undefined, { sensitivity: 'base' });

/** Everything attached to the product and to its components, oldest first. */
export async function listEvidenceOfProduct(db: SupportspanDb, productId: string): Promise<EvidenceRecord[]> {
  return (await db.evidence.where('productId').equals(productId).toArray()).sort(byAddedThenName);
}

/** What is attached to one product or component itself. */
export async function listEvidenceOfOwner(db: SupportspanDb, ownerId: string): Promise<EvidenceRecord[]> {
  return (await db.evidence.where('ownerId').equals(ownerId).toArray()).sort(byAddedThenName);
}

export async function getEvidence(db: SupportspanDb, id: string): Promise<EvidenceRecord | undefined> {
  return db.evidence.get(id);
}

/** The record and its bytes, e.g. to save the file. */
export async function readEvidenceFile(db: SupportspanDb, id: string): Promise<{ record: EvidenceRecord; bytes: Uint8Array }> {
  return db.transaction('r', [db.evidence, db.evidenceFiles], async () => {
    const record = await db.evidence.get(id);
    if (!record) throw new NotFoundError(`The evidence file no longer exists (id ${id}).`);
    const file = await db.evidenceFiles.get(record.sha256);
    if (!file) throw new NotFoundError(`The contents of ${record.name} are missing from this workspace.`);
    return { record, bytes: file.bytes };
  });
}

/** Detaches the file (logged, undoable). Its contents stay stored for Undo; see the note at the top. */
export async function removeEvidence(db: SupportspanDb, id: string): Promise<void> {
  await guardWrite('remove the file', () =>
    db.transaction('rw', [db.evidence, db.changes], async () => {
      const before = await db.evidence.get(id);
      if (!before) throw new NotFoundError(`The evidence file no longer exists (id ${id}).`);
      await db.evidence.delete(id);
      await logChanges(db, newChangeGroup(), [{ entityType: 'evidence', entityId: id, before, after: null }]);
    }),
  );
}

/**
 * For the deletes that take a product's evidence with it: call inside their
 * transaction (which must include `db.evidence`); returns the log entries to add
 * to the same group, so one Undo brings product and files back together.
 */
export async function deleteEvidenceOfProducts(db: SupportspanDb, productIds: readonly string[]) {
  if (productIds.length === 0) return [];
  const records = await db.evidence.where('productId').anyOf([...productIds]).toArray();
  await db.evidence.bulkDelete(records.map((r) => r.id));
  return records.map((r) => ({ entityType: 'evidence' as const, entityId: r.id, before: r, after: null }));
}
