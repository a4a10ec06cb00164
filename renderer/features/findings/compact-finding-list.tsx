/**
 * Findings one line each (severity, kind, component, gap), in the engine's
 * severity-then-kind order; a line opens in place to the full card. The product
 * page's findings panel uses it so that a product with hundreds of findings
 * stays a short list beside the work. Long lists are virtualized.
 */
import { memo, useCallback, useMemo, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { KIND_INFO, type DecidedFinding } from '../../../shared/engine';
import { formatShortfallDays } from '../../../shared/format/format';
import { FindingCard } from './finding-card';
import { groupFindings, SEVERITY_LABELS, STATUS_LABELS } from './finding-filters';
import './findings.css';

/** Above this many findings the list is virtualized. */
const VIRTUALIZE_ABOVE = 150;

export interface CompactFindingListProps {
  findings: readonly DecidedFinding[];
  /** Accessible name of the list. */
  label: string;
}

export function CompactFindingList({ findings, label }: CompactFindingListProps) {
  const ordered = useMemo(() => groupFindings(findings).flatMap((g) => g.findings), [findings]);
  const [open, setOpen] = useState<ReadonlySet<string>>(() => new Set());
  const toggle = useCallback((key: string) => {
    setOpen((prev) => {
      const next = new Set(prev);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });
  }, []);
  if (ordered.length > VIRTUALIZE_ABOVE) return <VirtualCompactList findings={ordered} open={open} toggle={toggle} label={label} />;
  return (
    <div className="compact-findings-region" role="region" aria-label={label}>
      <ul className="compact-findings">
        {ordered.map((f) => (
          <li key={f.key} data-finding-key={f.key}>
            <FindingLine finding={f} open={open.has(f.key)} onToggle={toggle} />
          </li>
        ))}
      </ul>
    </div>
  );
}

function VirtualCompactList({ findings, open, toggle, label }: { findings: readonly DecidedFinding[]; open: ReadonlySet<string>; toggle: (key: string) => void; label: string }) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Virtual returns fresh functions each render by design.
  const virtualizer = useVirtualizer({
    count: findings.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (i) => (open.has(findings[i]!.key) ? 260 : 34),
    getItemKey: (i) => findings[i]!.key,
    overscan: 10,
  });
  return (
    <div ref={scrollRef} className="compact-findings-scroll" role="region" aria-label={label} tabIndex={0}>
      <ul className="compact-findings" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((item) => {
          const f = findings[item.index]!;
          return (
            <li key={item.key} data-index={item.index} data-finding-key={f.key} ref={virtualizer.measureElement} className="virtual-row" style={{ transform: `translateY(${item.start}px)` }}>
              <FindingLine finding={f} open={open.has(f.key)} onToggle={toggle} />
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** What the collapsed line says, also its accessible name. */
export function findingLineText(f: DecidedFinding): { severity: string; kind: string; subject: string; gap: string | null } {
  return {
    severity: SEVERITY_LABELS[f.severity],
    kind: KIND_INFO[f.kind].title,
    subject: f.component ?? 'the product',
    gap: f.gapDays === null ? null : formatShortfallDays(f.gapDays),
  };
}

const FindingLine = memo(function FindingLine({ finding: f, open, onToggle }: { finding: DecidedFinding; open: boolean; onToggle: (key: string) => void }) {
  const t = findingLineText(f);
  const decided = f.status !== 'open';
  return (
    <>
      <button
        type="button"
        className={`finding-line finding-line-${f.severity}`}
        aria-expanded={open}
        onClick={() => onToggle(f.key)}
        title={`${t.kind}: ${t.subject}${t.gap ? `, ${t.gap}` : ''}`}
      >
        <span className={`severity-badge severity-${f.severity}`}>{t.severity}</span>
        <span className="finding-line-kind">{t.kind}</span>
        <span className="finding-line-subject">{t.subject}</span>
        {t.gap && <span className="finding-line-gap">{t.gap}</span>}
        {decided && <span className="finding-line-status">{STATUS_LABELS[f.status]}</span>}
      </button>
      {open && <FindingCard finding={f} showProduct={false} />}
    </>
  );
});
