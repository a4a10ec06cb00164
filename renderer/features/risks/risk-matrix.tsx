/**
 * The 5×5 matrix: risks counted per (likelihood, weighted impact) cell,
 * coloured by the cell's level, with the written anchors on both axes.
 * Recharts has no matrix or heat-map series (the findings heat map is plain
 * SVG for the same reason), and here every cell is also a control that
 * filters the register, so the matrix is a real table of buttons: keyboard
 * and screen readers get the same cells, counts and anchors as the eye.
 */
import { useId } from 'react';
import { formatCount, formatNumber } from '../../../shared/format';
import { LEVELS, type RiskMatrix, type RiskRow } from '../../../shared/risk';
import { LEVEL_LABELS } from './risk-filters';

export interface RiskMatrixProps {
  matrix: RiskMatrix;
  rows: readonly RiskRow[];
  selected: { likelihood: number; impact: number } | null;
  onSelect: (cell: { likelihood: number; impact: number } | null) => void;
}

const SCORES = [1, 2, 3, 4, 5] as const;

/** "4 Likely: public exploits…" → "Likely". */
export function anchorName(anchor: string): string {
  return anchor.replace(/^\d+\s*/, '').split(':')[0]!.trim();
}

export function RiskMatrixChart({ matrix, rows, selected, onSelect }: RiskMatrixProps) {
  const id = useId();
  const counts = new Map<string, number>();
  for (const r of rows) if (r.likelihood !== null && r.impact !== null) counts.set(`${r.likelihood}:${r.impact}`, (counts.get(`${r.likelihood}:${r.impact}`) ?? 0) + 1);
  const scored = [...counts.values()].reduce((a, b) => a + b, 0);
  const unscored = rows.length - scored;
  return (
    <section className="risk-matrix" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="risk-section-title">Risk matrix</h2>
      <p className="hint" id={`${id}-desc`}>
        {formatCount(scored, 'scored risk')} by likelihood and impact (impact weighted by the environment); the colour is the level the matrix gives the cell.
        {unscored > 0 ? ` ${formatCount(unscored, 'risk')} not scored yet.` : ''} Choose a cell to show only its risks in the register.
      </p>
      <div className="risk-matrix__wrap">
        <table className="risk-matrix__table" aria-describedby={`${id}-desc`}>
          <caption className="visually-hidden">Risks per likelihood (rows) and impact (columns)</caption>
          <thead>
            <tr>
              <th scope="col" className="risk-matrix__corner"><span className="risk-matrix__axis">Likelihood ↓ · Impact →</span></th>
              {SCORES.map((i) => (
                <th key={i} scope="col" className="risk-matrix__colhead" title={matrix.impactAnchors[i - 1]}>
                  <span className="risk-matrix__num">{i}</span> {anchorName(matrix.impactAnchors[i - 1]!)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {[...SCORES].reverse().map((l) => (
              <tr key={l}>
                <th scope="row" className="risk-matrix__rowhead" title={matrix.likelihoodAnchors[l - 1]}>
                  <span className="risk-matrix__num">{l}</span> {anchorName(matrix.likelihoodAnchors[l - 1]!)}
                </th>
                {SCORES.map((i) => {
                  const level = matrix.cells[l - 1]![i - 1]!;
                  const n = counts.get(`${l}:${i}`) ?? 0;
                  const on = selected?.likelihood === l && selected.impact === i;
                  return (
                    <td key={i} className={`risk-cell risk-level-bg--${level}`}>
                      <button
                        type="button"
                        className="risk-cell__button"
                        aria-pressed={on}
                        data-likelihood={l}
                        data-impact={i}
                        data-count={n}
                        aria-label={`Likelihood ${l} ${anchorName(matrix.likelihoodAnchors[l - 1]!)}, impact ${i} ${anchorName(matrix.impactAnchors[i - 1]!)}: ${formatCount(n, 'risk')}, level ${LEVEL_LABELS[level].toLowerCase()}`}
                        onClick={() => onSelect(on ? null : { likelihood: l, impact: i })}
                      >
                        {n > 0 ? formatNumber(n) : ''}
                      </button>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ul className="risk-legend" aria-label="Levels">
        {[...LEVELS].reverse().map((lv) => (
          <li key={lv}><span className={`risk-legend__swatch risk-level-bg--${lv}`} aria-hidden="true" />{LEVEL_LABELS[lv]}</li>
        ))}
      </ul>
      {selected && (
        <p className="risk-matrix__selected" role="status">
          Showing the cell likelihood {selected.likelihood}, impact {selected.impact}.{' '}
          <button type="button" className="link-button" onClick={() => onSelect(null)}>Show all cells</button>
        </p>
      )}
    </section>
  );
}
