/**
 * The product page's "Evidence": files attached to the product or to one of its
 * components (supplier letters, test reports: any file), kept in the workspace
 * with their SHA-256 and carried in bundles. Attach through the file dialog or
 * by dropping files on the section; download; remove (with a confirmation, and
 * Undo brings the file back). Files are never opened or rendered here: a name
 * and a media type are text like any other.
 */
import { useId, useState, type DragEvent } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { Product } from '../../../shared/domain';
import type { EvidenceRecord } from '../../db/database';
import { useDb } from '../../db/db-context';
import { ValidationError } from '../../db/errors';
import {
  MAX_EVIDENCE_BYTES, attachEvidence, checkEvidenceFile, formatBytes, listEvidenceOfProduct, readEvidenceFile, removeEvidence,
} from '../../db/repositories/evidence';
import { usePlatform } from '../../platform/platform-context';
import './evidence.css';

function messageOf(error: unknown): string {
  if (error instanceof ValidationError) return error.issues.join('; ');
  return error instanceof Error ? error.message : String(error);
}

export function shortHash(sha256: string): string {
  return sha256.slice(0, 12);
}

interface Owner {
  id: string;
  label: string;
}

function ownersOf(product: Product): Owner[] {
  return [
    { id: product.id, label: `The product itself (${product.name})` },
    ...product.components.map((c) => ({ id: c.id, label: `Component: ${c.name}${c.version ? ` ${c.version}` : ''}` })),
  ];
}

function hasFiles(event: DragEvent): boolean {
  return Array.from(event.dataTransfer?.types ?? []).includes('Files');
}

export function EvidenceSection({ product }: { product: Product }) {
  const db = useDb();
  const platform = usePlatform();
  const id = useId();
  const records = useLiveQuery(() => listEvidenceOfProduct(db, product.id), [db, product.id]);
  const owners = ownersOf(product);
  const [ownerId, setOwnerId] = useState(product.id);
  const owner = owners.find((o) => o.id === ownerId) ?? owners[0]!;
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const [errors, setErrors] = useState<string[]>([]);
  const [dragging, setDragging] = useState(false);
  const [confirming, setConfirming] = useState<string | null>(null);

  async function attach(files: { name: string; mediaType?: string; size: number; read: () => Promise<Uint8Array> }[]) {
    setBusy(true);
    setErrors([]);
    setStatus(`Attaching ${files.length === 1 ? files[0]!.name : `${files.length} files`}…`);
    const done: string[] = [];
    const problems: string[] = [];
    for (const file of files) {
      // Checked before reading: a 2 GB file dropped by mistake is refused without loading it.
      const early = checkEvidenceFile(file.name, file.size, file.mediaType);
      if (early.length) {
        problems.push(`${file.name} was not attached: ${early.join('; ')}`);
        continue;
      }
      try {
        const bytes = await file.read();
        await attachEvidence(db, { productId: product.id, ownerId: owner.id, name: file.name, ...(file.mediaType ? { mediaType: file.mediaType } : {}), bytes });
        done.push(file.name);
      } catch (e) {
        problems.push(`${file.name} was not attached: ${messageOf(e)}`);
      }
    }
    setErrors(problems);
    setStatus(done.length ? `Attached ${done.join(', ')} to ${owner.id === product.id ? 'the product' : owner.label.replace(/^Component: /, 'component ')}.` : null);
    setBusy(false);
  }

  async function chooseFile() {
    try {
      const file = await platform.openFile({ title: `Attach evidence to ${product.name}`, maxBytes: MAX_EVIDENCE_BYTES, kind: 'evidence' });
      if (!file) return;
      await attach([{ name: file.name, size: file.bytes.length, read: async () => file.bytes }]);
    } catch (e) {
      setErrors([messageOf(e)]);
    }
  }

  function onDrop(event: DragEvent<HTMLElement>) {
    if (!hasFiles(event)) return;
    // Handled here: the window-wide drop (bundles) leaves a prevented drop alone.
    event.preventDefault();
    setDragging(false);
    const files = Array.from(event.dataTransfer.files);
    if (files.length === 0 || busy) return;
    void attach(files.map((f) => ({ name: f.name, mediaType: f.type, size: f.size, read: async () => new Uint8Array(await f.arrayBuffer()) })));
  }

  async function download(record: EvidenceRecord) {
    try {
      const { bytes } = await readEvidenceFile(db, record.id);
      await platform.saveFile({ suggestedName: record.name, bytes, mimeType: record.mediaType, title: `Save ${record.name}` });
    } catch (e) {
      setErrors([messageOf(e)]);
    }
  }

  async function remove(record: EvidenceRecord) {
    setConfirming(null);
    try {
      await removeEvidence(db, record.id);
      setStatus(`Removed ${record.name}. Undo (Ctrl+Z) brings it back.`);
      setErrors([]);
    } catch (e) {
      setErrors([messageOf(e)]);
    }
  }

  const ownerLabel = new Map(owners.map((o) => [o.id, o.id === product.id ? 'The product' : o.label.replace(/^Component: /, '')]));
  const groups = owners
    .map((o) => ({ owner: o, files: (records ?? []).filter((r) => r.ownerId === o.id) }))
    .filter((g) => g.files.length > 0);
  const orphans = (records ?? []).filter((r) => !ownerLabel.has(r.ownerId));

  return (
    <section
      className={`panel evidence-section${dragging ? ' is-dragging' : ''}`}
      aria-labelledby={`${id}-title`}
      onDragOver={(e) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'copy';
        setDragging(true);
      }}
      onDragLeave={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false);
      }}
      onDrop={onDrop}
    >
      <h2 id={`${id}-title`}>Evidence{records ? ` (${records.length})` : ''}</h2>
      <p className="hint">
        Supplier letters, test reports, any file up to 50 MB, attached to the product or one of its components. Kept in this workspace with its SHA-256 hash and carried in bundles. Drop files here or choose one.
      </p>
      <div className="button-row">
        <label>
          Attach to{' '}
          <select value={owner.id} onChange={(e) => setOwnerId(e.target.value)}>
            {owners.map((o) => <option key={o.id} value={o.id}>{o.label}</option>)}
          </select>
        </label>
        <button type="button" disabled={busy} onClick={() => void chooseFile()}>Attach a file…</button>
      </div>
      {dragging && <p className="evidence-drop-hint">Drop to attach to {ownerLabel.get(owner.id) === 'The product' ? 'the product' : ownerLabel.get(owner.id)}</p>}
      <p role="status" className="evidence-status">{status ?? ''}</p>
      {errors.length > 0 && (
        <ul role="alert" className="error-text evidence-errors">
          {errors.map((e, i) => <li key={i}>{e}</li>)}
        </ul>
      )}
      {records === undefined ? (
        <p role="status">Reading the attached files…</p>
      ) : records.length === 0 ? (
        <p className="hint">No files attached yet.</p>
      ) : (
        <table className="evidence-table" aria-label="Evidence files">
          <thead>
            <tr>
              <th scope="col">File</th><th scope="col">Size</th><th scope="col">Type</th><th scope="col">SHA-256</th><th scope="col">Added</th><th scope="col"><span className="visually-hidden">Actions</span></th>
            </tr>
          </thead>
          {[...groups.map((g) => ({ key: g.owner.id, title: ownerLabel.get(g.owner.id)!, files: g.files, orphan: false })),
            ...(orphans.length ? [{ key: '\u0000orphans', title: 'A component that was removed (not exported in bundles: undo the removal, or remove the file)', files: orphans, orphan: true }] : []),
          ].map((g) => (
            <tbody key={g.key}>
              <tr className={g.orphan ? 'evidence-group evidence-orphan' : 'evidence-group'}>
                <th scope="rowgroup" colSpan={6}>{g.title}</th>
              </tr>
              {g.files.map((r) => (
                <tr key={r.id}>
                  <td className="evidence-name">{r.name}</td>
                  <td>{formatBytes(r.size)}</td>
                  <td>{r.mediaType}</td>
                  <td><code title={r.sha256}>{shortHash(r.sha256)}…</code></td>
                  <td>{r.addedBy} · <time dateTime={r.addedAt}>{r.addedAt.slice(0, 16).replace('T', ' ')}</time>{r.importedFrom ? ' (from a bundle)' : ''}</td>
                  <td className="evidence-actions">
                    {confirming === r.id ? (
                      <span role="group" aria-label={`Confirm removal of ${r.name}`}>
                        Remove {r.name}?{' '}
                        <button type="button" className="danger" onClick={() => void remove(r)}>Remove</button>{' '}
                        <button type="button" onClick={() => setConfirming(null)}>Keep</button>
                      </span>
                    ) : (
                      <>
                        <button type="button" aria-label={`Download ${r.name}`} onClick={() => void download(r)}>Download</button>{' '}
                        <button type="button" className="danger" aria-label={`Remove ${r.name}`} onClick={() => setConfirming(r.id)}>Remove…</button>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          ))}
        </table>
      )}
    </section>
  );
}
