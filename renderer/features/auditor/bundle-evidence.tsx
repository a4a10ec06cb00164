/**
 * The evidence files a bundle carries, as the auditor sees them: what each is
 * attached to, its name, type, size and full SHA-256 (the reader already
 * checked every file against the manifest, so the hash shown is the one the
 * signer vouched for). A file can be saved to open it with another program;
 * it is never opened or rendered in the app.
 */
import { useId, useState } from 'react';
import type { Bundle, BundleEvidence } from '../../../shared/bundle';
import { formatBytes } from '../../db/repositories/evidence';
import { usePlatform } from '../../platform/platform-context';
import { messageOf } from '../bundles/common';

function ownerNames(bundle: Bundle): Map<string, string> {
  const names = new Map<string, string>();
  for (const p of bundle.portfolio.products) {
    names.set(p.id, `Product ${p.name}`);
    for (const c of p.components) names.set(c.id, `${p.name} / ${c.name}${c.version ? ` ${c.version}` : ''}`);
  }
  return names;
}

export function BundleEvidenceSection({ bundle }: { bundle: Bundle }) {
  const id = useId();
  const platform = usePlatform();
  const [error, setError] = useState<string | null>(null);
  const owners = ownerNames(bundle);

  async function save(file: BundleEvidence) {
    try {
      await platform.saveFile({ suggestedName: file.name, bytes: file.bytes, mimeType: file.mediaType, title: `Save ${file.name}` });
      setError(null);
    } catch (e) {
      setError(messageOf(e));
    }
  }

  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Evidence files ({bundle.evidence.length})</h2>
      {bundle.evidence.length === 0 ? (
        <p className="muted">The bundle carries no evidence files.</p>
      ) : (
        <>
          <p>Each file's SHA-256 is listed in the manifest and was checked when the bundle was opened. Saving a file writes its exact bytes; open it with a program you trust.</p>
          <table className="audit-components audit-evidence" aria-label="Evidence files">
            <thead>
              <tr><th scope="col">Attached to</th><th scope="col">File</th><th scope="col">Type</th><th scope="col">Size</th><th scope="col">SHA-256</th><th scope="col"><span className="visually-hidden">Actions</span></th></tr>
            </thead>
            <tbody>
              {bundle.evidence.map((file) => (
                <tr key={`${file.ownerId}/${file.path}`}>
                  <td>{owners.get(file.ownerId) ?? file.ownerId}</td>
                  <td>{file.name}</td>
                  <td>{file.mediaType}</td>
                  <td>{formatBytes(file.size)}</td>
                  <td><code className="audit-hash">{file.sha256}</code></td>
                  <td><button type="button" aria-label={`Save ${file.name}`} onClick={() => void save(file)}>Save…</button></td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {error && <p role="alert" className="error-text">{error}</p>}
    </section>
  );
}
