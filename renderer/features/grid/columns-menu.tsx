/** The "Columns" button: which columns a grid shows, and a reset of widths and hidden columns. */
import { useEffect, useId, useRef, useState } from 'react';
import { formatNumber } from '../../../shared/format/format';
import { EMPTY_PREFS, useColumnPrefs } from './column-prefs';
import type { GridColumn } from './grid-types';

export interface ColumnsMenuProps<R> {
  /** The grid's key in the column preferences. */
  prefsKey: string;
  columns: readonly GridColumn<R>[];
}

export function ColumnsMenu<R>({ prefsKey, columns }: ColumnsMenuProps<R>) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const prefs = useColumnPrefs((s) => s.grids[prefsKey]) ?? EMPTY_PREFS;
  const setHidden = useColumnPrefs((s) => s.setHidden);
  const reset = useColumnPrefs((s) => s.reset);
  const hiddenCount = columns.filter((c) => !c.pinned && prefs.hidden.includes(c.key)).length;

  // A click outside closes the list, as menus do.
  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      const target = event.target as Node | null;
      if (target && !panelRef.current?.contains(target) && !buttonRef.current?.contains(target)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);

  const close = () => {
    setOpen(false);
    buttonRef.current?.focus();
  };

  return (
    <div className="grid-columns-menu">
      <button ref={buttonRef} type="button" aria-expanded={open} aria-controls={open ? `${id}-panel` : undefined} onClick={() => setOpen((o) => !o)}>
        Columns{hiddenCount ? ` (${formatNumber(hiddenCount)} hidden)` : ''}
      </button>
      {open && (
        <div
          ref={panelRef}
          id={`${id}-panel`}
          className="grid-columns-panel"
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              event.preventDefault();
              close();
            }
          }}
        >
          <fieldset>
            <legend>Shown columns</legend>
            <ul>
              {columns.map((column) => (
                <li key={column.key}>
                  <label>
                    <input
                      type="checkbox"
                      checked={column.pinned || !prefs.hidden.includes(column.key)}
                      disabled={column.pinned}
                      onChange={(event) => setHidden(prefsKey, column.key, !event.target.checked)}
                    />
                    {column.header}
                    {column.pinned && <span className="hint"> (always shown)</span>}
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
          <button type="button" onClick={() => reset(prefsKey)}>
            Reset columns
          </button>
        </div>
      )}
    </div>
  );
}
