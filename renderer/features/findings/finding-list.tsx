/**
 * Findings grouped by severity and kind. Long lists (a large portfolio has
 * thousands) are virtualized: only the rows in view are in the DOM. Short lists
 * are rendered whole, so the browser's find and screen readers see every one.
 */
import { useMemo, useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { DecidedFinding } from '../../../shared/engine';
import { FindingCard } from './finding-card';
import { groupFindings, SEVERITY_LABELS, type FindingGroup } from './finding-filters';
import './findings.css';

/** Above this many rows (headers + findings) the list is virtualized. */
export const VIRTUALIZE_ABOVE = 150;

type Row = { type: 'group'; group: FindingGroup } | { type: 'finding'; finding: DecidedFinding };

export interface FindingListProps {
  findings: readonly DecidedFinding[];
  showProduct: boolean;
  /** Accessible name of the list. */
  label: string;
  /** Heading level of the group headings (the screen's structure decides). */
  headingLevel?: 2 | 3;
  /** False renders every row however long the list (for printing: the printer gets every finding). */
  virtualize?: boolean;
}

function GroupHeading({ group, level }: { group: FindingGroup; level: 2 | 3 }) {
  const Tag = level === 2 ? 'h2' : 'h3';
  return (
    <Tag className={`finding-group-title severity-${group.severity}`}>
      {SEVERITY_LABELS[group.severity]} · {group.title} <span className="count">({group.findings.length})</span>
    </Tag>
  );
}

export function FindingList({ findings, showProduct, label, headingLevel = 3, virtualize = true }: FindingListProps) {
  const groups = useMemo(() => groupFindings(findings), [findings]);
  const rows = useMemo<Row[]>(() => groups.flatMap((g): Row[] => [{ type: 'group', group: g }, ...g.findings.map((f): Row => ({ type: 'finding', finding: f }))]), [groups]);
  if (virtualize && rows.length > VIRTUALIZE_ABOVE) return <VirtualFindingList rows={rows} showProduct={showProduct} label={label} headingLevel={headingLevel} />;
  return (
    <div className="finding-list" role="region" aria-label={label}>
      {groups.map((g) => (
        <section key={g.key} className="finding-group">
          <GroupHeading group={g} level={headingLevel} />
          {g.findings.map((f) => <FindingCard key={f.key} finding={f} showProduct={showProduct} />)}
        </section>
      ))}
    </div>
  );
}

function VirtualFindingList({ rows, showProduct, label, headingLevel }: { rows: Row[]; showProduct: boolean; label: string; headingLevel: 2 | 3 }) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Virtual returns fresh functions each render by design.
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (i) => (rows[i]!.type === 'group' ? 44 : 210),
    getItemKey: (i) => {
      const r = rows[i]!;
      return r.type === 'group' ? `g:${r.group.key}` : r.finding.key;
    },
    overscan: 6,
  });
  return (
    <div ref={scrollRef} className="finding-list finding-list-virtual" role="region" aria-label={label} tabIndex={0}>
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((item) => {
          const row = rows[item.index]!;
          return (
            <div key={item.key} data-index={item.index} ref={virtualizer.measureElement} className="virtual-row" style={{ transform: `translateY(${item.start}px)` }}>
              {row.type === 'group' ? <GroupHeading group={row.group} level={headingLevel} /> : <FindingCard finding={row.finding} showProduct={showProduct} />}
            </div>
          );
        })}
      </div>
    </div>
  );
}
