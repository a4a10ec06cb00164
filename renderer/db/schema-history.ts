/**
 * The database's schema history, oldest first. APPEND ONLY: a version that has
 * shipped is never edited or removed, because users' databases were created by
 * it and every later upgrade starts from it. To change the schema, append a new
 * version (with an upgrade function when existing records need to change) and a
 * test that opens a database written by the previous version with real data.
 * Dexie cannot change a table's primary key: copy into a new table instead.
 * docs/storage.md records why each version exists.
 */
import type { Transaction } from 'dexie';

export interface SchemaVersion {
  readonly version: number;
  /** Dexie store declarations: only the tables added or changed in this version; `null` deletes a table. */
  readonly stores: Readonly<Record<string, string | null>>;
  /** Runs inside the upgrade transaction. Only Dexie work may be awaited in it. */
  readonly upgrade?: (tx: Transaction) => Promise<void>;
}

/** The owner label of a key trusted before the app kept owner labels (schema version 8). */
export const LEGACY_TRUST_LABEL = 'Trusted before labels were kept';

export const SCHEMA_HISTORY: readonly SchemaVersion[] = [
  {
    version: 1,
    stores: {
      lines: '&id, name',
      settings: '&key',
    },
  },
  {
    version: 2,
    stores: {
      // A product holds its components: per-record cost dominates IndexedDB, and a
      // product is the unit the engine, charts and bundles work on.
      products: '&id, lineId',
      decisions: '&id, productId, findingKey',
      changes: '++seq, entityId, at',
    },
    // Version 1 stored lines without notes; the line schema now requires the field.
    upgrade: async (tx) => {
      await tx.table('lines').toCollection().modify((line: Record<string, unknown>) => {
        if (typeof line.notes !== 'string') line.notes = '';
      });
    },
  },
  {
    version: 3,
    stores: {
      // End-of-life catalog files the user loaded (the curated one ships in the app and is not stored).
      // Additive: no existing record changes, so no upgrade function.
      catalogs: '&id',
    },
  },
  {
    version: 4,
    stores: {
      // Evidence attached to a product or one of its components: `evidence` holds what the
      // change log records (name, type, size, hash, owner); `evidenceFiles` the contents,
      // once per SHA-256, so the same letter attached twice is stored once and an undone
      // removal finds its bytes again. Additive: no existing record changes.
      evidence: '&id, ownerId, productId, sha256',
      evidenceFiles: '&sha256',
    },
  },
  {
    version: 5,
    stores: {
      // The risk register (docs/risks.md): the user's assessments of risks (lifecycle risks
      // are derived, only their assessment is stored), controls with the risks they mitigate
      // (multi-entry index, so unlinking a deleted risk finds its controls), the answers on a
      // product's device properties, the user's own threats, STRIDE tags on any threat, and
      // the scoring method (one record `method`: matrix and environment weights).
      // Additive: no existing record changes, so no upgrade function.
      riskRecords: '&id, productId',
      controls: '&id, *riskIds',
      productProperties: '&id, productId',
      userThreats: '&id',
      threatTags: '&threatId',
      riskMethod: '&key',
    },
  },
  {
    version: 6,
    stores: {
      // The manufacturer's obligations (shared/obligations): one record per product and
      // IR 8259r1 activity (`<productId>:<A0..A8>`), CRA Art 14 vulnerability and incident
      // records (multi-entry index on the affected products), and one end-of-support
      // communication plan per product. Additive: no existing record changes.
      activityRecords: '&id, productId',
      vulnerabilities: '&id, *productIds',
      communicationPlans: '&productId',
    },
  },
  {
    version: 7,
    stores: {
      // Auditor responses coming back (shared/bundle/response-checks.ts): the bundles this
      // workspace exported, by the SHA-256 of their manifest.json (what a response refers
      // to); each verified response by its own manifest hash, indexed by the bundle it
      // reviews (several responses to one bundle sit side by side); its entries one per
      // reviewed finding, risk or activity (`<responseId>:<findingKey>`, indexed by the key,
      // so a finding card finds its notes); and the manufacturer's replies to them
      // (`<responseId>:<findingKey>`). Additive: no existing record changes.
      exportedBundles: '&manifestHash, exportedAt',
      auditResponses: '&id, bundleHash, receivedAt',
      auditResponseEntries: '&id, findingKey, responseId',
      findingReplies: '&id, findingKey, responseId',
    },
  },
  {
    version: 8,
    stores: {
      // Trusted signer keys with whose they are (the owner label the user confirmed), who
      // trusted them and when: before this they were one settings record without those
      // facts. And the key each bundle scope was last opened from (`scopeSigners`), so that
      // a bundle for the same scope signed by another key is flagged before it is shown.
      trustedKeys: '&fingerprint',
      scopeSigners: '&scope',
    },
    // Keys trusted before keep their trust: each is copied with the owner label
    // LEGACY_TRUST_LABEL and its earlier label, date and seal (its seal still covers those).
    upgrade: async (tx) => {
      const record = (await tx.table('settings').get('trustedFingerprints')) as { value?: unknown } | undefined;
      const list = Array.isArray(record?.value) ? record.value as unknown[] : [];
      const rows = [];
      for (const item of list) {
        if (!item || typeof item !== 'object') continue;
        const { fingerprint, label, addedAt, seal } = item as Record<string, unknown>;
        if (typeof fingerprint !== 'string' || !/^[0-9a-f]{64}$/.test(fingerprint)) continue;
        const before = { label: typeof label === 'string' ? label : '', addedAt: typeof addedAt === 'string' ? addedAt : '' };
        rows.push({
          fingerprint, label: LEGACY_TRUST_LABEL, trustedBy: '', addedAt: before.addedAt,
          before, ...(typeof seal === 'string' ? { seal } : {}),
        });
      }
      if (rows.length) await tx.table('trustedKeys').bulkPut(rows);
      await tx.table('settings').delete('trustedFingerprints');
    },
  },
];

export const CURRENT_SCHEMA_VERSION = SCHEMA_HISTORY[SCHEMA_HISTORY.length - 1]!.version;
