/** What re-importing an SBOM into an existing product changes: changed, added and removed components. */
import type { SbomMergePlan } from '../../../shared/interop/cyclonedx';
import { roleLabel } from '../product/component-columns';

const ROWS = 200;

export function SbomMergePreview({ plan, removeMissing, onRemoveMissing }: {
  plan: SbomMergePlan; removeMissing: boolean; onRemoveMissing: (v: boolean) => void;
}) {
  return (
    <div className="cdx-merge">
      <p role="status">
        Merge: <strong>{plan.changed.length} changed</strong>, <strong>{plan.added.length} added</strong>,{' '}
        <strong>{plan.removed.length} removed</strong>, {plan.unchanged} unchanged.
      </p>
      {plan.productFields.length > 0 && (
        <ul aria-label="Product changes">{plan.productFields.map((f) => <li key={f.field}>Product {f.field}: {f.before === null || f.before === undefined || f.before === '' ? 'unknown' : String(f.before)} → {String(f.after)}</li>)}</ul>
      )}
      {plan.changed.length > 0 && (
        <div className="table-scroll">
          <h3>Changed ({plan.changed.length})</h3>
          <table aria-label="Changed components">
            <thead><tr><th scope="col">Component</th><th scope="col">Changed fields</th><th scope="col">Version</th></tr></thead>
            <tbody>
              {plan.changed.slice(0, ROWS).map((ch) => (
                <tr key={ch.before.id}><td>{ch.before.name}</td><td>{ch.fields.join(', ')}</td><td>{ch.before.version === ch.after.version ? ch.after.version : `${ch.before.version} → ${ch.after.version}`}</td></tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {plan.added.length > 0 && (
        <div className="table-scroll">
          <h3>Added ({plan.added.length})</h3>
          <table aria-label="Added components">
            <thead><tr><th scope="col">Component</th><th scope="col">Version</th><th scope="col">Role</th></tr></thead>
            <tbody>{plan.added.slice(0, ROWS).map((c) => <tr key={c.id}><td>{c.name}</td><td>{c.version}</td><td>{roleLabel(c.role)}</td></tr>)}</tbody>
          </table>
        </div>
      )}
      {plan.removed.length > 0 && (
        <>
          <div className="table-scroll">
            <h3>No longer in the SBOM ({plan.removed.length})</h3>
            <table aria-label="Removed components">
              <thead><tr><th scope="col">Component</th><th scope="col">Version</th></tr></thead>
              <tbody>{plan.removed.slice(0, ROWS).map((c) => <tr key={c.id}><td>{c.name}</td><td>{c.version}</td></tr>)}</tbody>
            </table>
          </div>
          <label><input type="checkbox" checked={removeMissing} onChange={(e) => onRemoveMissing(e.target.checked)} /> {plan.removed.length === 1 ? 'Remove the component' : `Remove the ${plan.removed.length} components`} the new SBOM no longer lists</label>
        </>
      )}
      {plan.renamed.length > 0 && <p className="hint">Renamed so that names stay distinct: {plan.renamed.map((r) => `${r.from} → ${r.to}`).join(', ')}</p>}
    </div>
  );
}
