/** The register as a table: one row per risk; the threat opens the risk in the detail panel. */
import { formatDate, formatNumber, formatUnitYears } from '../../../shared/format';
import type { RiskRow } from '../../../shared/risk';
import { LEVEL_LABELS, RISK_SOURCE_LABELS, STATUS_LABELS } from './risk-filters';

export function LevelBadge({ level }: { level: RiskRow['level'] }) {
  return level === null
    ? <span className="risk-level risk-level--none">Not scored</span>
    : <span className={`risk-level risk-level-bg--${level}`}>{LEVEL_LABELS[level]}</span>;
}

export function exposureText(r: Pick<RiskRow, 'exposureUnitYears' | 'lifecycle'>): string {
  if (!r.lifecycle) return '—';
  return r.exposureUnitYears === null ? 'unknown' : formatUnitYears(r.exposureUnitYears);
}

export function RiskTable({ rows, selectedId, onOpen }: { rows: readonly RiskRow[]; selectedId: string | null; onOpen: (id: string) => void }) {
  return (
    <div className="risk-table-wrap">
      <table className="risk-table">
        <caption className="visually-hidden">Risk register</caption>
        <thead>
          <tr>
            <th scope="col">Threat</th>
            <th scope="col">Product · component</th>
            <th scope="col"><abbr title="Likelihood">L</abbr> × <abbr title="Impact (weighted by the environment)">I</abbr></th>
            <th scope="col">Score</th>
            <th scope="col">Level</th>
            <th scope="col">Residual</th>
            <th scope="col">Status</th>
            <th scope="col">Exposure</th>
            <th scope="col">Controls</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} data-risk-id={r.id} className={r.id === selectedId ? 'risk-row risk-row--selected' : 'risk-row'}>
              <th scope="row">
                <button type="button" className="link-button risk-open" aria-current={r.id === selectedId ? 'true' : undefined} onClick={() => onOpen(r.id)}>
                  <span className="risk-threat-id">{r.threat.id}</span> {r.threat.title}
                </button>
                <span className="risk-source">{RISK_SOURCE_LABELS[r.threat.source]}{r.lifecycle ? ' · from the lifecycle data' : ''}</span>
              </th>
              <td>{r.product}{r.component ? <span className="risk-sub"> · {r.component}</span> : null}</td>
              <td className="risk-nowrap">{r.likelihood ?? '—'} × {r.impact ?? '—'}</td>
              <td>{r.score === null ? '—' : formatNumber(r.score)}</td>
              <td><LevelBadge level={r.level} /></td>
              <td className="risk-nowrap">{r.residual ? <>{formatNumber(r.residual.score)} <LevelBadge level={r.residual.level} /></> : '—'}</td>
              <td>
                {STATUS_LABELS[r.status]}
                {r.status === 'accepted' && r.expires ? <span className="risk-sub"> until {formatDate(r.expires)}</span> : null}
              </td>
              <td className="risk-num">{exposureText(r)}</td>
              <td className="risk-num">{formatNumber(r.controls.length)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
