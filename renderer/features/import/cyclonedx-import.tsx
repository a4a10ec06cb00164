/**
 * CycloneDX import (JSON or XML, 1.2–1.7): pick an SBOM/HBOM, see what was read
 * (the product from metadata.component, files left out, services, unknown
 * properties, lifecycle milestones), confirm the role guesses, and either add it
 * as a new product or merge it into an existing one, with the changed, added and
 * removed components previewed. One change-logged write (undoable).
 */
import { FILE_LIMITS } from '../../../shared/ipc/file-limits';
import { IncrementalList, useIncremental } from '../lists/incremental-list';
import { useMemo, useState } from 'react';
import { ROLES, type Product, type Role } from '../../../shared/domain';
import { CDX_MAX_BYTES, readCycloneDx, type CycloneDxReadResult } from '../../../shared/interop/cyclonedx';
import { useDb } from '../../db/db-context';
import { importSbom, planSbomImport } from '../../db/repositories/sbom-merge';
import { usePlatform } from '../../platform/platform-context';
import { useWorkspace } from '../export/scope';
import { roleLabel } from '../product/component-columns';
import { SbomMergePreview } from './sbom-merge-preview';

/** Rows shown in a preview table; the rest are counted. */

interface Read {
  fileName: string;
  result: CycloneDxReadResult;
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

export function CycloneDxImport() {
  const ws = useWorkspace();
  const db = useDb();
  const platform = usePlatform();
  const [read, setRead] = useState<Read | null>(null);
  const [target, setTarget] = useState<string>('new');
  const [roles, setRoles] = useState<Map<string, Role>>(new Map());
  const [removeMissing, setRemoveMissing] = useState(true);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  const incoming: Product | undefined = read?.result.portfolio.products[0];
  const existing = ws?.products.find((p) => p.id === target);
  const plan = useMemo(
    () => (read && incoming && existing ? planSbomImport(existing, { line: read.result.portfolio.lines[0]!, product: incoming, roles }) : null),
    [read, incoming, existing, roles],
  );

  if (!ws) return null;

  async function pick() {
    setMessage(null);
    const file = await platform.openFile({
      title: 'Import a CycloneDX SBOM or HBOM',
      filters: [{ name: 'CycloneDX JSON or XML', extensions: ['json', 'xml'] }],
      maxBytes: FILE_LIMITS.cyclonedx, kind: 'cyclonedx',
    });
    if (!file) return;
    const result = readCycloneDx(file.bytes, file.name, { products: ws!.products });
    setRead({ fileName: file.name, result });
    setRoles(new Map());
    setRemoveMissing(true);
    setTarget(result.productMatch?.productId ?? 'new');
  }

  async function confirm() {
    if (!read || !incoming) return;
    try {
      const summary = await importSbom(db, { line: read.result.portfolio.lines[0]!, product: incoming, roles },
        target === 'new' ? { kind: 'new' } : { kind: 'merge', productId: target, removeMissing });
      const name = target === 'new' ? incoming.name : existing?.name ?? incoming.name;
      setMessage({
        kind: 'ok',
        text: target === 'new'
          ? `Added product ${name} with ${plural(summary.added, 'component')} from ${read.fileName}.`
          : `Merged ${read.fileName} into ${name}: ${summary.changed} changed, ${summary.added} added, ${summary.removed} removed.`,
      });
      setRead(null);
    } catch (error) {
      setMessage({ kind: 'error', text: `Nothing was imported: ${(error as Error).message}` });
    }
  }

  const result = read?.result;
  const refused = result && (result.errors.length > 0 || !incoming);
  return (
    <section aria-labelledby="cdx-import-title" className="cdx-import">
      <h2 id="cdx-import-title">Import a CycloneDX SBOM or HBOM</h2>
      <p className="hint">CycloneDX 1.2 to 1.7, JSON or XML, up to {CDX_MAX_BYTES / 1024 / 1024} MB. Each file is checked against the official schema of its version.</p>
      <div className="field-row">
        <button type="button" onClick={() => void pick()}>Choose a CycloneDX file…</button>
      </div>
      {read && result && refused && (
        <div role="alert">
          <p className="error-text">{read.fileName} was not imported:</p>
          <ul className="cdx-errors">{result.errors.map((e, i) => <li key={i}>{e.column ? <><code>{e.column}</code>: </> : null}{e.reason}{e.value !== undefined ? ` (${JSON.stringify(e.value)})` : ''}</li>)}</ul>
        </div>
      )}
      {read && result && incoming && !refused && (
        <div className="cdx-preview">
          <p>
            <strong>{read.fileName}</strong>: {result.details.join('; ')}.
          </p>
          <div className="field-row">
            <label>
              Import as
              <select value={target} onChange={(e) => setTarget(e.target.value)}>
                <option value="new">a new product “{incoming.name}”</option>
                {ws.products.map((p) => <option key={p.id} value={p.id}>merge into {p.name}</option>)}
              </select>
            </label>
            {result.productMatch && <span className="hint">metadata.component matches {ws.products.find((p) => p.id === result.productMatch!.productId)?.name} (by {result.productMatch.by})</span>}
          </div>
          {result.unknownProperties.length > 0 && (
            <details>
              <summary className="flag">{plural(result.unknownProperties.length, 'cdx: property', 'cdx: properties')} not in the CycloneDX taxonomy: not used</summary>
              <IncrementalList items={result.unknownProperties} label="Unknown properties" render={(u) => <li key={`${u.place}|${u.name}`}><code>{u.name}</code> at {u.place}</li>} />
            </details>
          )}
          {result.milestones.length > 0 && (
            <details>
              <summary>{plural(result.milestones.length, 'lifecycle milestone')} read</summary>
              <IncrementalList items={result.milestones} label="Lifecycle milestones" render={(m) => <li key={`${m.place}|${m.milestone}`}>{m.place}: <strong>{m.milestone}</strong> {m.date} → {m.field} <span className="hint">({m.meaning})</span></li>} />
            </details>
          )}
          {result.notes.length > 0 && (
            <details>
              <summary>{plural(result.notes.length, 'value')} read differently from how the file wrote it</summary>
              <IncrementalList items={result.notes.map((n, i) => ({ n, i }))} label="Values read differently" render={({ n, i }) => <li key={i}>{n.column}: {JSON.stringify(n.original)} → {n.understoodAs} ({n.reason})</li>} />
            </details>
          )}
          {existing && plan
            ? <SbomMergePreview plan={plan} removeMissing={removeMissing} onRemoveMissing={setRemoveMissing} />
            : <ComponentTable read={result} product={incoming} roles={roles} onRole={(id, role) => setRoles(new Map(roles).set(id, role))} />}
          <div className="actions">
            <button type="button" className="primary" onClick={() => void confirm()}>
              {existing ? `Merge into ${existing.name}` : `Add product with ${plural(incoming.components.length, 'component')}`}
            </button>
            <button type="button" onClick={() => setRead(null)}>Cancel</button>
          </div>
        </div>
      )}
      {message && <p role={message.kind === 'error' ? 'alert' : 'status'} className={message.kind === 'error' ? 'error-text' : undefined}>{message.text}</p>}
    </section>
  );
}

function ComponentTable({ read, product, roles, onRole }: {
  read: CycloneDxReadResult; product: Product; roles: ReadonlyMap<string, Role>; onRole: (id: string, role: Role) => void;
}) {
  const guesses = new Map(read.guesses.map((g) => [g.componentId, g]));
  const { shown: count, more } = useIncremental(product.components.length);
  const shown = product.components.slice(0, count);
  return (
    <div className="table-scroll">
      <table aria-label="Components to add">
        <thead><tr><th scope="col">Name</th><th scope="col">Version</th><th scope="col">Role</th><th scope="col">Licenses</th><th scope="col">purl / cpe</th><th scope="col">Depends on</th></tr></thead>
        <tbody>
          {shown.map((c) => {
            const g = guesses.get(c.id);
            const role = roles.get(c.id) ?? c.role;
            return (
              <tr key={c.id}>
                <td>{c.parentPath?.length ? <span className="hint">{c.parentPath.join(' › ')} › </span> : null}{c.name}</td>
                <td>{c.version}</td>
                <td>
                  <select aria-label={`Role of ${c.name}`} value={role} onChange={(e) => onRole(c.id, e.target.value as Role)}>
                    {ROLES.map((r) => <option key={r} value={r}>{roleLabel(r)}</option>)}
                  </select>
                  {g && !roles.has(c.id) && <span className="hint cdx-guess">guess: {g.reason}</span>}
                </td>
                <td>{c.licenses?.join(', ')}</td>
                <td className="sample">{c.purl ?? c.cpe ?? ''}</td>
                <td>{c.dependsOn?.length ?? ''}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {more}
    </div>
  );
}
