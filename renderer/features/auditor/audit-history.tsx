/**
 * Auditor mode, history: the change log the bundle carries, one row per
 * changed field: when, who ("not named" when the entry names no one: no name, or
 * the placeholder written while no user name was set), what
 * (the entity and field), before and after. Filterable by product. Entries
 * outside the bundle's scope are redacted in the file and counted, not shown.
 */
import { useId, useMemo, useState } from 'react';
import type { Bundle } from '../../../shared/bundle';
import { isRedacted, type ChangeEntry } from '../../../shared/history/change-log';
import { formatCount, formatTimestamp } from '../../../shared/format/format';
import { isUnnamedAuthor } from '../../db/repositories/change-log';
import { shortValue } from '../bundles/common';

const PAGE = 200;

export interface HistoryRow {
  key: string;
  at: string;
  who: string;
  productId: string | null;
  entity: string;
  action: ChangeEntry['action'];
  field: string;
  before: string;
  after: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function entityName(entry: ChangeEntry, names: Map<string, string>): string {
  const { type, id } = entry.entity;
  const value = isRecord(entry.after) ? entry.after : isRecord(entry.before) ? entry.before : null;
  const own = value && typeof value.name === 'string' ? value.name : null;
  const name = own ?? names.get(id) ?? id;
  const product = entry.entity.productId && type !== 'product' ? names.get(entry.entity.productId) : undefined;
  return `${type.charAt(0).toUpperCase()}${type.slice(1)} ${name}${product ? ` (${product})` : ''}`;
}

/** The changed fields of one entry: for an update, each field whose value differs; otherwise the whole record. */
export function historyRows(bundle: Bundle): HistoryRow[] {
  const names = new Map<string, string>();
  for (const l of bundle.portfolio.lines) names.set(l.id, l.name);
  for (const p of bundle.portfolio.products) {
    names.set(p.id, p.name);
    for (const c of p.components) names.set(c.id, c.name);
  }
  const rows: HistoryRow[] = [];
  for (const entry of bundle.history) {
    if (isRedacted(entry)) continue;
    const productId = entry.entity.productId ?? (entry.entity.type === 'product' ? entry.entity.id : null);
    const base = { at: entry.at, who: isUnnamedAuthor(entry.who) ? '' : entry.who.trim(), productId, entity: entityName(entry, names), action: entry.action };
    const { before, after } = entry;
    if (isRecord(before) && isRecord(after)) {
      const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => JSON.stringify(before[k] ?? null) !== JSON.stringify(after[k] ?? null));
      for (const field of fields.length ? fields : ['—']) {
        rows.push({ ...base, key: `${entry.seq}:${field}`, field, before: shortValue(before[field]), after: shortValue(after[field]) });
      }
    } else {
      rows.push({ ...base, key: `${entry.seq}`, field: 'whole record', before: shortValue(before ?? null), after: shortValue(after ?? null) });
    }
  }
  return rows;
}

const ACTION_LABELS: Readonly<Record<ChangeEntry['action'], string>> = { create: 'Created', update: 'Changed', delete: 'Deleted', import: 'Imported' };

export function AuditHistorySection({ bundle }: { bundle: Bundle }) {
  const id = useId();
  const rows = useMemo(() => historyRows(bundle), [bundle]);
  const redacted = bundle.history.filter(isRedacted).length;
  const [product, setProduct] = useState('');
  const [shown, setShown] = useState(PAGE);
  const visible = product ? rows.filter((r) => r.productId === product) : rows;
  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>History</h2>
      <p>
        The change log carried by the bundle: {formatCount(bundle.history.length - redacted, 'entry', 'entries')}
        {redacted ? `, and ${formatCount(redacted, 'entry', 'entries')} outside the bundle's scope (withheld)` : ''}.
      </p>
      <label>
        Product{' '}
        <select aria-label="History of product" value={product} onChange={(e) => { setProduct(e.target.value); setShown(PAGE); }}>
          <option value="">All products</option>
          {bundle.portfolio.products.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
        </select>
      </label>
      {visible.length === 0 ? (
        <p className="muted">No changes recorded{product ? ' for this product' : ''}.</p>
      ) : (
        <table className="audit-components audit-history" aria-label="History">
          <thead>
            <tr><th scope="col">When</th><th scope="col">Who</th><th scope="col">Action</th><th scope="col">What</th><th scope="col">Field</th><th scope="col">Before</th><th scope="col">After</th></tr>
          </thead>
          <tbody>
            {visible.slice(0, shown).map((r) => (
              <tr key={r.key}>
                <td>{formatTimestamp(r.at)}</td>
                <td>{r.who || <span className="muted">not named</span>}</td>
                <td>{ACTION_LABELS[r.action]}</td>
                <td>{r.entity}</td>
                <td>{r.field}</td>
                <td>{r.before}</td>
                <td>{r.after}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {visible.length > shown && <button type="button" onClick={() => setShown(shown + PAGE)}>Show {Math.min(PAGE, visible.length - shown)} more</button>}
    </section>
  );
}
