/**
 * Loads an audit from its own database: the stored bundle file, read and
 * verified again against the trust pinned now, and the re-run of its analysis
 * with the bundle's rule packs compared with the recorded findings.
 */
import { useEffect, useMemo, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import {
  findingIdentity, rerunBundleAnalysis, rulePacksFor, verifyBundle,
  type Bundle, type ComparableFinding, type FindingComparison, type RulePackSelection, type Verification,
} from '../../../shared/bundle';
import type { AuditSummary } from '../../db/auditor-db';
import { useDb } from '../../db/db-context';
import { trustedFingerprintList } from '../../db/repositories/keys';
import { usePlatform } from '../../platform/platform-context';
import { messageOf, useAuditStore } from '../bundles/common';

export type AuditLoad =
  | { status: 'loading' }
  | { status: 'missing' }
  | { status: 'failed'; message: string }
  | { status: 'ready'; summary: AuditSummary; verification: Verification };

export function useAudit(auditId: string): AuditLoad {
  const db = useDb();
  const store = useAuditStore();
  const platform = usePlatform();
  const trusted = useLiveQuery(() => trustedFingerprintList(db), [db]);
  const trustKey = trusted ? trusted.join(',') : null;
  const [load, setLoad] = useState<AuditLoad>({ status: 'loading' });

  useEffect(() => {
    if (trustKey === null) return;
    let cancelled = false;
    (async () => {
      const summary = await store.findAudit(auditId);
      if (!summary) return { status: 'missing' } as const;
      const source = await store.loadSource(summary.manifestHash);
      if (!source) return { status: 'missing' } as const;
      // The app version decides whether the shipped report.html is compared with the one its data makes.
      const { version } = await platform.appInfo();
      const verification = await verifyBundle(source.bytes, { trustedFingerprints: trustKey ? trustKey.split(',') : [], appVersion: version });
      return { status: 'ready', summary, verification } as const;
    })().then(
      (next) => !cancelled && setLoad(next),
      (e: unknown) => !cancelled && setLoad({ status: 'failed', message: messageOf(e) }),
    );
    return () => {
      cancelled = true;
    };
  }, [store, auditId, trustKey, platform]);

  return load;
}

export interface Rerun {
  selection: RulePackSelection;
  /** The re-run's findings, by identity. */
  current: Map<string, ComparableFinding>;
  comparison: FindingComparison;
  error: string | null;
}

/** The analysis re-run on the bundle's data with its own rule packs (in this app's versions). */
export function useRerun(bundle: Bundle | undefined): Rerun | null {
  return useMemo(() => {
    if (!bundle) return null;
    try {
      const { selection, findings, comparison } = rerunBundleAnalysis(bundle);
      return { selection, current: new Map(findings.map((f) => [findingIdentity(f), f])), comparison, error: null };
    } catch (e) {
      return { selection: rulePacksFor(bundle.analysis.rulePacks), current: new Map(), comparison: { onlyRecorded: [], onlyCurrent: [], changed: [], same: 0 }, error: messageOf(e) };
    }
  }, [bundle]);
}
