/** What re-importing an SBOM into an existing product changes: changed, added and removed components. */
import type { SbomMergePlan } from '../../../shared/interop/cyclonedx';
import { roleLabel } from '../product/component-columns';
import { useIncremental } from '../lists/incremental-list';

export function SbomMergePreview({ plan, removeMissing, onRemoveMissing }: {
  plan: SbomMergePlan; removeMissing: boolean; onRemoveMissing: (v: boolean) => void;
}) {
  // Every change can be seen before it is written: long lists grow a page at a time, none is cut off.
  const changed = useIncremental(plan.changed.length);
  const added = useIncremental(plan.added.length);
  const removed = useIncremental(plan.removed.length);
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
              {plan.changed.slice(0, changed.shown).map((ch) => (
                <tr key={ch.before.id}><td>{ch.before.name}</td><td>{ch.fields.join(', ')}</td><td>{ch.before.version === ch.after.version ? ch.after.version : `${ch.before.version} → ${ch.after.version}`}</td></tr>
              ))}
            </tbody>
          </table>
          {changed.more}
        </div>
      )}
      {plan.added.length > 0 && (
        <div className="table-scroll">
          <h3>Added ({plan.added.length})</h3>
          <table aria-label="Added components">
            <thead><tr><th scope="col">Component</th><th scope="col">Version</th><th scope="col">Role</th></tr></thead>
            <tbody>{plan.added.slice(0, added.shown).map((c) => <tr key={c.id}><td>{c.name}</td><td>{c.version}</td><td>{roleLabel(c.role)}</td></tr>)}</tbody>
          </table>
          {added.more}
        </div>
      )}
      {plan.removed.length > 0 && (
        <>
          <div className="table-scroll">
            <h3>No longer in the SBOM ({plan.removed.length})</h3>
            <table aria-label="Removed components">
              <thead><tr><th scope="col">Component</th><th scope="col">Version</th></tr></thead>
              <tbody>{plan.removed.slice(0, removed.shown).map((c) => <tr key={c.id}><td>{c.name}</td><td>{c.version}</td></tr>)}</tbody>
            </table>
            {removed.more}
          </div>
          <label><input type="checkbox" checked={removeMissing} onChange={(e) => onRemoveMissing(e.target.checked)} /> {plan.removed.length === 1 ? 'Remove the component' : `Remove the ${plan.removed.length} components`} the new SBOM no longer lists</label>
        </>
      )}
      {plan.renamed.length > 0 && <p className="hint">Renamed so that names stay distinct: {plan.renamed.map((r) => `${r.from} → ${r.to}`).join(', ')}</p>}
    </div>
  );
}
