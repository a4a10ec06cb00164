/**
 * Auditor workspaces. Every bundle opened for audit gets its OWN IndexedDB
 * database (`<workspace>-audit-<first 16 hex of the manifest hash>`), so the
 * reviewed data is never mixed with the user's own: the user's database is
 * not opened for writing by anything here. An index database
 * (`<workspace>-audits`) lists the audits on this computer.
 *
 * An audit keeps the bundle file's exact bytes (read again and verified again
 * on every open, against the trust pinned at that moment: an audit shows what
 * the file proves, not what it proved once) and the auditor's review: a
 * status and a note per finding and a general conclusion.
 */
import { Dexie, type Table } from 'dexie';
import { REVIEW_STATUSES, type BundleScope, type ReviewStatus } from '../../shared/bundle';
import { MAX_TEXT } from '../../shared/domain';
import { guardWrite, ValidationError } from './errors';

export interface AuditSummary {
  /** SHA-256 of the bundle's manifest.json: the audit's identity. */
  manifestHash: string;
  dbName: string;
  fileName: string;
  scope: BundleScope;
  asOf: string;
  createdAt: string;
  appVersion: string;
  /** Signer fingerprint (hex) or null for an unsigned bundle. */
  signer: string | null;
  openedAt: string;
}

export interface AuditSource {
  key: 'bundle';
  manifestHash: string;
  fileName: string;
  bytes: Uint8Array;
  storedAt: string;
}

/** A note as it was before an edit, with the time it was saved. */
export interface NoteVersion {
  note: string;
  savedAt: string;
}

export interface ReviewRecord {
  findingKey: string;
  status: ReviewStatus | null;
  note: string;
  updatedAt: string;
  /**
   * Earlier versions of the note, oldest first (absent on records saved
   * before notes kept their history). Kept inside the record, so the
   * database's stores stay as they are.
   */
  noteHistory?: NoteVersion[];
}

/** The earlier versions kept per note; the oldest are dropped beyond it. */
export const MAX_NOTE_VERSIONS = 50;

export interface AuditMeta {
  /** `response:<SHA-256 of its manifest.json>` for a response exported from this audit. */
  key: 'conclusion' | 'reviewer' | `response:${string}`;
  /** The conclusion, the reviewer's name, or an exported response's file name. */
  text: string;
  /** The reviewer's organisation (the `reviewer` record only). */
  organisation?: string;
  /** An exported response's notes (the `response:` records only), so a later bundle's replies to them show what they answer. */
  notes?: ExportedNote[];
  updatedAt: string;
}

/** A note as it went out in a response. */
export interface ExportedNote {
  findingKey: string;
  status: ReviewStatus | null;
  note: string;
  updatedAt: string;
}

/** Who reviews: stated before a response is exported. */
export interface ReviewerIdentity {
  name: string;
  organisation: string;
}

/** At most this many characters each (the response carries them as `reviewer` and `organisation`, format version 2). */
export const MAX_REVIEWER_PART = 95;

class AuditIndexDb extends Dexie {
  declare audits: Table<AuditSummary, string>;
  constructor(name: string) {
    super(name);
    // Append-only like the workspace's history: add a version, never edit one.
    this.version(1).stores({ audits: '&manifestHash, openedAt' });
  }
}

export class AuditorDb extends Dexie {
  declare source: Table<AuditSource, string>;
  declare reviews: Table<ReviewRecord, string>;
  declare meta: Table<AuditMeta, string>;
  constructor(name: string) {
    super(name);
    this.version(1).stores({ source: '&key', reviews: '&findingKey', meta: '&key' });
  }
}

const HASH_RE = /^[0-9a-f]{64}$/;

export interface AuditStore {
  readonly prefix: string;
  dbNameFor(manifestHash: string): string;
  /** Stores the bundle as an audit (or refreshes when it is already one; its review is kept). */
  saveAudit(input: Omit<AuditSummary, 'dbName' | 'openedAt'> & { bytes: Uint8Array }, now?: Date): Promise<AuditSummary>;
  listAudits(): Promise<AuditSummary[]>;
  getAudit(manifestHash: string): Promise<AuditSummary | undefined>;
  /** Finds an audit by a prefix of its manifest hash (as used in the address). */
  findAudit(idOrPrefix: string): Promise<AuditSummary | undefined>;
  loadSource(manifestHash: string): Promise<AuditSource | undefined>;
  /** The audit's own database (opened on demand; the same object for the same audit). */
  auditDb(manifestHash: string): AuditorDb;
  listReviews(manifestHash: string): Promise<ReviewRecord[]>;
  saveReview(manifestHash: string, findingKey: string, patch: { status?: ReviewStatus | null; note?: string }, now?: Date): Promise<ReviewRecord>;
  getConclusion(manifestHash: string): Promise<string>;
  /** The reviewer named for this audit (empty strings when not named yet). */
  getReviewer(manifestHash: string): Promise<ReviewerIdentity>;
  saveReviewer(manifestHash: string, identity: ReviewerIdentity, now?: Date): Promise<void>;
  saveConclusion(manifestHash: string, text: string, now?: Date): Promise<void>;
  /** Keeps the notes of a response exported from this audit, under the response's id (SHA-256 of its manifest.json). */
  recordExportedResponse(manifestHash: string, response: { id: string; fileName: string; notes: ExportedNote[] }, now?: Date): Promise<void>;
  /** The notes of earlier responses exported on this computer (from any audit), by response id; those not found are absent. */
  exportedNotes(responseIds: readonly string[]): Promise<Map<string, Map<string, ExportedNote>>>;
  deleteAudit(manifestHash: string): Promise<void>;
  close(): void;
}

const stores = new Map<string, AuditStore>();

/** The audit store that belongs to a workspace database name (`supportspan` in the app). */
export function auditStoreFor(workspaceDbName: string): AuditStore {
  let store = stores.get(workspaceDbName);
  if (!store) {
    store = createAuditStore(workspaceDbName);
    stores.set(workspaceDbName, store);
  }
  return store;
}

function checkHash(manifestHash: string): string {
  if (!HASH_RE.test(manifestHash)) throw new ValidationError('Audit', [`"${manifestHash.slice(0, 80)}" is not a manifest hash`]);
  return manifestHash;
}

export function createAuditStore(prefix: string): AuditStore {
  const index = new AuditIndexDb(`${prefix}-audits`);
  const open = new Map<string, AuditorDb>();

  const store: AuditStore = {
    prefix,
    dbNameFor: (hash) => `${prefix}-audit-${checkHash(hash).slice(0, 16)}`,
    auditDb(hash) {
      const name = store.dbNameFor(hash);
      let db = open.get(name);
      if (!db) {
        db = new AuditorDb(name);
        open.set(name, db);
      }
      return db;
    },
    async saveAudit(input, now = new Date()) {
      const hash = checkHash(input.manifestHash);
      const { bytes, ...rest } = input;
      const summary: AuditSummary = { ...rest, manifestHash: hash, dbName: store.dbNameFor(hash), openedAt: now.toISOString() };
      const db = store.auditDb(hash);
      await guardWrite('open the audit', async () => {
        await db.transaction('rw', db.source, async () => {
          const existing = await db.source.get('bundle');
          // 16 hex digits name the database; the full hash must agree, or two bundles would share one.
          if (existing && existing.manifestHash !== hash) throw new ValidationError('Audit', ['another audit already uses this database name']);
          if (!existing) await db.source.put({ key: 'bundle', manifestHash: hash, fileName: input.fileName, bytes, storedAt: now.toISOString() });
        });
        await index.audits.put(summary);
      });
      return summary;
    },
    listAudits: async () => (await index.audits.orderBy('openedAt').reverse().toArray()),
    getAudit: (hash) => index.audits.get(hash),
    async findAudit(id) {
      if (!/^[0-9a-f]{16,64}$/.test(id)) return undefined;
      return (await index.audits.toArray()).find((a) => a.manifestHash.startsWith(id));
    },
    async loadSource(hash) {
      const source = await store.auditDb(hash).source.get('bundle');
      return source && source.manifestHash === hash ? source : undefined;
    },
    listReviews: (hash) => store.auditDb(hash).reviews.toArray(),
    async saveReview(hash, findingKey, patch, now = new Date()) {
      if (!findingKey || findingKey.length > 300) throw new ValidationError('Review', ['the finding key is missing or too long']);
      if (patch.status !== undefined && patch.status !== null && !(REVIEW_STATUSES as readonly string[]).includes(patch.status)) {
        throw new ValidationError('Review', [`status: "${String(patch.status)}" is not one of ${REVIEW_STATUSES.join(', ')}`]);
      }
      if (patch.note !== undefined && patch.note.length > MAX_TEXT) throw new ValidationError('Review', [`note: at most ${MAX_TEXT} characters`]);
      const db = store.auditDb(hash);
      return guardWrite('save the review', () =>
        db.transaction('rw', db.reviews, async () => {
          const current = await db.reviews.get(findingKey);
          const note = patch.note !== undefined ? patch.note : (current?.note ?? '');
          // An edited note keeps the version it replaces, with the time that one was saved.
          const earlier = current?.noteHistory ?? [];
          const noteHistory = current && current.note !== '' && note !== current.note
            ? [...earlier, { note: current.note, savedAt: current.updatedAt }].slice(-MAX_NOTE_VERSIONS)
            : earlier;
          const next: ReviewRecord = {
            findingKey,
            status: patch.status !== undefined ? patch.status : (current?.status ?? null),
            note,
            updatedAt: now.toISOString(),
            ...(noteHistory.length ? { noteHistory } : {}),
          };
          await db.reviews.put(next);
          return next;
        }),
      );
    },
    async getConclusion(hash) {
      return (await store.auditDb(hash).meta.get('conclusion'))?.text ?? '';
    },
    async getReviewer(hash) {
      const record = await store.auditDb(hash).meta.get('reviewer');
      return { name: record?.text ?? '', organisation: record?.organisation ?? '' };
    },
    async saveReviewer(hash, identity, now = new Date()) {
      const name = identity.name.trim();
      const organisation = identity.organisation.trim();
      const issues = [
        name.length > MAX_REVIEWER_PART ? `name: at most ${MAX_REVIEWER_PART} characters` : null,
        organisation.length > MAX_REVIEWER_PART ? `organisation: at most ${MAX_REVIEWER_PART} characters` : null,
      ].filter((x): x is string => x !== null);
      if (issues.length) throw new ValidationError('Reviewer', issues);
      await guardWrite('save the reviewer', () => store.auditDb(hash).meta.put({ key: 'reviewer', text: name, organisation, updatedAt: now.toISOString() }));
    },
    async saveConclusion(hash, text, now = new Date()) {
      if (text.length > MAX_TEXT) throw new ValidationError('Conclusion', [`at most ${MAX_TEXT} characters`]);
      await guardWrite('save the conclusion', () => store.auditDb(hash).meta.put({ key: 'conclusion', text, updatedAt: now.toISOString() }));
    },
    async recordExportedResponse(hash, response, now = new Date()) {
      if (!HASH_RE.test(response.id)) throw new ValidationError('Exported response', ['its id is not a SHA-256']);
      await guardWrite('record the exported response', () => store.auditDb(hash).meta.put({
        key: `response:${response.id}`, text: response.fileName.slice(0, 1000), notes: response.notes, updatedAt: now.toISOString(),
      }));
    },
    async exportedNotes(responseIds) {
      const wanted = new Set(responseIds.filter((id) => HASH_RE.test(id)));
      const found = new Map<string, Map<string, ExportedNote>>();
      if (wanted.size === 0) return found;
      for (const audit of await index.audits.toArray()) {
        const records = await store.auditDb(audit.manifestHash).meta.bulkGet([...wanted].map((id) => `response:${id}`));
        for (const r of records) {
          if (!r?.notes) continue;
          const id = r.key.slice('response:'.length);
          found.set(id, new Map(r.notes.map((n) => [n.findingKey, n])));
          wanted.delete(id);
        }
        if (wanted.size === 0) break;
      }
      return found;
    },
    async deleteAudit(hash) {
      const name = store.dbNameFor(hash);
      const db = open.get(name);
      open.delete(name);
      db?.close();
      await guardWrite('delete the audit', async () => {
        await Dexie.delete(name);
        await index.audits.delete(hash);
      });
    },
    close() {
      for (const db of open.values()) db.close();
      open.clear();
      index.close();
      stores.delete(prefix);
    },
  };
  return store;
}
