/**
 * Coverage from the crosswalk: per framework (CRA Annex I and II, ETSI EN 303 645,
 * NIST IR 8259A/B) how many of its items every mapped activity covers (done, or
 * not applicable with a reason), and the items themselves on request.
 */
import { useId, useState } from 'react';
import { FRAMEWORKS, FRAMEWORK_LABELS, type Coverage } from '../../../shared/obligations/crosswalk';
import { formatPercent } from '../../../shared/format/format';

const activityLabel = (id: string): string => `Activity ${id.slice(1)}`;

export function CoverageTable({ coverage, caption, perProduct }: { coverage: Coverage; caption: string; perProduct: boolean }) {
  const id = useId();
  const [showItems, setShowItems] = useState(false);
  return (
    <div className="coverage">
      <table className="coverage-table">
        <caption>{caption}</caption>
        <thead>
          <tr><th scope="col">Framework</th><th scope="col">Items fully covered</th><th scope="col">Share</th></tr>
        </thead>
        <tbody>
          {FRAMEWORKS.map((f) => {
            const c = coverage.byFramework[f];
            return (
              <tr key={f}>
                <th scope="row">{FRAMEWORK_LABELS[f]}</th>
                <td>{c.full} of {c.total}</td>
                <td>
                  <span className="coverage-bar" aria-hidden="true"><span style={{ width: `${c.total ? (100 * c.full) / c.total : 0}%` }} /></span>{' '}
                  {c.total ? formatPercent(c.full / c.total) : '—'}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="hint">
        {coverage.activitiesDone} of {coverage.activitiesTotal} activities count (done, or not applicable with a reason). The crosswalk is Supportspan’s reading, not an official mapping; items not checked against their published text are marked.
      </p>
      <button type="button" aria-expanded={showItems} aria-controls={`${id}-items`} onClick={() => setShowItems(!showItems)}>
        {showItems ? 'Hide the items' : 'Show the items'}
      </button>
      <div id={`${id}-items`} hidden={!showItems}>
        {showItems && (
          <table className="coverage-items">
            <caption className="visually-hidden">Crosswalk items and their activities</caption>
            <thead>
              <tr><th scope="col">Framework</th><th scope="col">Item</th><th scope="col">Activities</th><th scope="col">Covered</th></tr>
            </thead>
            <tbody>
              {coverage.items.map((row) => (
                <tr key={`${row.item.framework}:${row.item.id}`}>
                  <td>{FRAMEWORK_LABELS[row.item.framework]}</td>
                  <td>{row.item.id} {row.item.title}{row.item.verified ? '' : <span className="tag tag-warn">unverified</span>}</td>
                  <td>{row.item.activities.map(activityLabel).join(', ')}</td>
                  <td>{row.full ? (perProduct ? 'Yes' : 'In every product') : perProduct ? (row.covered.length ? `Partly (${row.covered.map(activityLabel).join(', ')})` : 'No') : 'Not in every product'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </div>
  );
}
