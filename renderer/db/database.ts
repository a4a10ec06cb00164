/**
 * The one IndexedDB database of a workspace. Only repository functions
 * (renderer/db/repositories/*) read or write its tables; components read through
 * them inside live queries.
 */
import { Dexie, type DexieOptions, type Table } from 'dexie';
import type { Decision, Product, ProductLine } from '../../shared/domain';
import type { Control, EnvironmentWeights, ProductProperty, RiskMatrix, RiskRecord, ThreatTag, UserThreat } from '../../shared/risk/schemas';
import type { ActivityRecord } from '../../shared/obligations/activities';
import type { CommunicationPlan } from '../../shared/obligations/communication';
import type { VulnerabilityRecord } from '../../shared/obligations/vulnerabilities';
import type { BundleScope, ResponseCheck, ResponseNoteVersion, ReviewedFinding, ReviewStatus, ThreadReply, VerificationState } from '../../shared/bundle';
import { SCHEMA_HISTORY, type SchemaVersion } from './schema-history';

/** The desktop app's and the browser's database. Never rename: the data lives under this name. */
export const DB_NAME = 'supportspan';

export type EntityType = 'line' | 'product' | 'decision' | 'evidence' | 'risk' | 'control' | 'property' | 'threat' | 'threat-tag' | 'risk-method' | 'activity' | 'vulnerability' | 'communication-plan';

/**
 * One entry of the change log. Every repository write appends the before and after
 * images of what it changed, in the same transaction, so undo/redo and audit views
 * can be built on it without touching the write paths again.
 */
export interface ChangeRecord {
  seq?: number;
  /** Changes written by one user action share a group; undo reverts a group as one step. */
  group: string;
  entityType: EntityType;
  entityId: string;
  op: 'put' | 'delete';
  before: unknown;
  after: unknown;
  /** ISO timestamp. */
  at: string;
  /**
   * The local user name (settings `userName`) of whoever made the change, read when it
   * was written (repositories/change-log.ts). Absent in records written before it was
   * recorded; bundles fall back to the exporter's name for those.
   */
  who?: string;
  /**
   * The window or tab that made the change (repositories/change-log.ts): undo
   * reverts only the current window's own actions. Absent in records written
   * before it was recorded and in history that came from a bundle.
   */
  window?: string;
  /**
   * What the person did, in their words ("Field replaceable of Door gasket", "paste of
   * 3 rows"), on the records of groups whose write named it: undo shows it as its title.
   * Absent elsewhere; the entities changed then describe the group.
   */
  label?: string;
}

/**
 * A file attached to a product or one of its components as evidence (a supplier
 * letter, a test report). This record is what the change log holds; the bytes are
 * in `evidenceFiles`, once per content.
 */
export interface EvidenceRecord {
  id: string;
  /** The product's id or one of its components' ids. */
  ownerId: string;
  ownerKind: 'product' | 'component';
  /** The product the owner belongs to (itself for a product): deletes and bundle scopes go by it. */
  productId: string;
  /** The original file name. */
  name: string;
  mediaType: string;
  size: number;
  /** SHA-256 of the bytes, lower-case hex: the key of the contents in `evidenceFiles`. */
  sha256: string;
  /** ISO timestamp. */
  addedAt: string;
  addedBy: string;
  /** Set when the file came from a bundle: that bundle's manifest hash. */
  importedFrom?: string;
}

/** The contents of evidence files, keyed by their SHA-256. */
export interface EvidenceFileRecord {
  sha256: string;
  bytes: Uint8Array;
}

/** The risk register's scoring method: one record with key `method`; null = the shipped default. */
export interface RiskMethodRecord {
  key: 'method';
  matrix: RiskMatrix | null;
  weights: EnvironmentWeights | null;
}

/** A signer key the user trusts (schema version 8). */
export interface TrustedKeyRecord {
  fingerprint: string;
  /** Whose key it is, as the user confirmed it (e.g. "ACME product security, confirmed by phone on 2026-12-04"). */
  label: string;
  /** The user name setting of whoever trusted it; empty for keys trusted before this was kept. */
  trustedBy: string;
  /** ISO timestamp. */
  addedAt: string;
  /** HMAC (key-vault.ts): an entry without a valid seal was not added through the app and is not used. */
  seal?: string;
  /** Keys trusted before owner labels were kept: their earlier label and date, which their seal covers. */
  before?: { label: string; addedAt: string };
}

/** The key a bundle scope was last opened from (schema version 8). */
export interface ScopeSignerRecord {
  /** keys.ts bundleScopeKey: `line:<id>`, `product:<id>` or `portfolio:<manufacturers>`. */
  scope: string;
  fingerprint: string;
  /** The trusted key's owner label when the scope was recorded. */
  label: string;
  /** What the scope was called then (scopeLabel). */
  scopeName: string;
  recordedAt: string;
  manifestHash: string;
}

/** A bundle this workspace exported, by the SHA-256 of its manifest.json (what an auditor response refers to). */
export interface ExportedBundleRecord {
  manifestHash: string;
  createdAt: string;
  asOf: string;
  scope: BundleScope;
  /** The name it was saved under. */
  fileName: string;
  /** ISO timestamp. */
  exportedAt: string;
}

/** An auditor response the manufacturer opened and kept (renderer/db/repositories/audit-responses.ts). */
export interface AuditResponseRecord {
  /** SHA-256 of the response's manifest.json. */
  id: string;
  /** The reviewed bundle's manifest hash. */
  bundleHash: string;
  fileName: string;
  /** ISO timestamp: when it was opened here. */
  receivedAt: string;
  /** When the reviewer wrote it (the response's createdAt). */
  createdAt: string;
  appVersion: string;
  /** The reviewer's name (a version 1 response's one reviewer field, as it was). */
  reviewer: string;
  /** The reviewer's organisation; null or absent when the response did not state it apart (version 1). */
  organisation?: string | null;
  /** The response's format version (absent on responses kept before it was recorded: 1). */
  formatVersion?: number;
  summary: string;
  /** The verification when it was opened here. */
  state: Exclude<VerificationState, 'invalid'>;
  /** The reviewer's key, null when unsigned. */
  fingerprint: string | null;
  checks: ResponseCheck[];
  counts: { entries: number; agreed: number; disputed: number; needsEvidence: number };
  /** The response file as received, so it can be checked again or saved. */
  bytes: Uint8Array;
}

/** One reviewed finding, risk or activity of a kept response. */
export interface AuditResponseEntryRecord {
  /** `<responseId>:<findingKey>`. */
  id: string;
  responseId: string;
  findingKey: string;
  status: ReviewStatus | null;
  note: string;
  updatedAt: string;
  finding: ReviewedFinding | null;
  /** The note's earlier versions, oldest first (absent for a version 1 response). */
  history?: ResponseNoteVersion[];
  /** The manufacturer's replies the note follows (absent for a version 1 response). */
  replies?: ThreadReply[];
}

/** The manufacturer's reply to an auditor's note (carried by the next exported bundle, data/replies.json). */
export interface FindingReplyRecord {
  /** `<responseId>:<findingKey>`. */
  id: string;
  responseId: string;
  findingKey: string;
  text: string;
  author: string;
  /** ISO timestamp. */
  at: string;
}

export interface SettingRecord {
  key: string;
  value: unknown;
}

export interface SupportspanDbOptions extends DexieOptions {
  /** Tests pass a prefix of SCHEMA_HISTORY to create a database as an older release did. */
  history?: readonly SchemaVersion[];
  /** Another window (or a newer release) wants to upgrade or delete the database; this connection is already closed. */
  onVersionChange?: (event: IDBVersionChangeEvent) => void;
  /** Opening or upgrading waits for another connection that still holds an older version. */
  onBlocked?: (event: IDBVersionChangeEvent) => void;
}

export class SupportspanDb extends Dexie {
  // `declare`: Dexie defines the table properties itself; a class field would shadow them.
  declare lines: Table<ProductLine, string>;
  declare settings: Table<SettingRecord, string>;
  declare products: Table<Product, string>;
  declare decisions: Table<Decision, string>;
  declare changes: Table<ChangeRecord, number>;
  declare evidence: Table<EvidenceRecord, string>;
  declare evidenceFiles: Table<EvidenceFileRecord, string>;
  declare riskRecords: Table<RiskRecord, string>;
  declare controls: Table<Control, string>;
  declare productProperties: Table<ProductProperty, string>;
  declare userThreats: Table<UserThreat, string>;
  declare threatTags: Table<ThreatTag, string>;
  declare riskMethod: Table<RiskMethodRecord, string>;
  declare activityRecords: Table<ActivityRecord, string>;
  declare vulnerabilities: Table<VulnerabilityRecord, string>;
  declare communicationPlans: Table<CommunicationPlan, string>;
  declare trustedKeys: Table<TrustedKeyRecord, string>;
  declare scopeSigners: Table<ScopeSignerRecord, string>;
  declare exportedBundles: Table<ExportedBundleRecord, string>;
  declare auditResponses: Table<AuditResponseRecord, string>;
  declare auditResponseEntries: Table<AuditResponseEntryRecord, string>;
  declare findingReplies: Table<FindingReplyRecord, string>;

  constructor(name: string = DB_NAME, options: SupportspanDbOptions = {}) {
    const { history = SCHEMA_HISTORY, onVersionChange, onBlocked, ...dexieOptions } = options;
    super(name, dexieOptions);
    for (const step of history) {
      const version = this.version(step.version).stores({ ...step.stores });
      if (step.upgrade) version.upgrade(step.upgrade);
    }
    // Dexie's default reopens silently and then works against a schema that moved on;
    // two windows writing one database overwrite each other. Close and let the user reload.
    this.on('versionchange', (event) => {
      this.close();
      onVersionChange?.(event);
      return false;
    });
    this.on('blocked', (event) => {
      onBlocked?.(event);
    });
  }
}
