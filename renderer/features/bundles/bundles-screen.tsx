/**
 * Bundles and audits: open a bundle (verified first), export one, the audits on
 * this computer, keys and trust. With an audit id, the auditor workspace.
 */
import { useId } from 'react';
import { usePlatform } from '../../platform/platform-context';
import { AuditorWorkspace } from '../auditor/auditor-workspace';
import { AuditList } from '../auditor/audit-list';
import { openBundleWithDialog } from './desktop-integration';
import { ExportBundlePanel } from './export-bundle-panel';
import { RecentBundlesPanel, SigningKeyPanel, TrustedKeysPanel } from './keys-panel';
import { OpenBundlePanel } from './open-bundle-panel';
import { useBundleOpenStore } from './open-store';
import { ResponsesPanel } from './responses-panel';
import './bundles.css';

export function BundlesScreen({ auditId }: { auditId: string | null }) {
  if (auditId) return <AuditorWorkspace key={auditId} auditId={auditId} />;
  return <BundlesHome />;
}

function BundlesHome() {
  const platform = usePlatform();
  const offered = useBundleOpenStore((s) => s.offered);
  const id = useId();
  return (
    <div className="screen bundles">
      <h1>Bundles &amp; audits</h1>
      <section className="panel" aria-labelledby={`${id}-open`}>
        <h2 id={`${id}-open`}>Open a bundle</h2>
        <p>A bundle (.sspan) is verified before anything else: you see whether it is intact and who signed it, then choose to audit it (read-only, in its own database) or merge it into your workspace. You can also drop a .sspan file anywhere on this window. An auditor's response (.sspan-response) opens the same way.</p>
        <button type="button" className="primary" onClick={() => void openBundleWithDialog(platform)}>Open a bundle…</button>
      </section>
      {offered && <OpenBundlePanel key={offered.nonce} offered={offered} />}
      <AuditList />
      <ExportBundlePanel />
      <ResponsesPanel />
      <SigningKeyPanel />
      <TrustedKeysPanel />
      <RecentBundlesPanel />
    </div>
  );
}
