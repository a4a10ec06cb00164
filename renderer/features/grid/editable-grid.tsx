/**
 * A spreadsheet-like editable grid: an active cell moved with the keyboard, a
 * rectangular selection, editing in place with validation at the cell, copy and
 * paste of tab-separated blocks, and virtualized rows so thousands of rows stay
 * fast. It knows nothing of the domain: columns parse text into values and the
 * owner writes them (`onEdit`), refusing with a reason when needed.
 *
 * ARIA: one focusable element (role=grid) holds the focus and points at the
 * active cell with aria-activedescendant, so rows can be unmounted by the
 * virtualizer without losing focus; aria-rowcount/aria-rowindex give the true
 * position of each rendered row.
 */
import { showHidden } from '../../../shared/text/hygiene';
import {
  useCallback,
  useEffect,
  useId,
  useImperativeHandle,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type ClipboardEvent,
  type KeyboardEvent,
  type Ref,
} from 'react';
import { observeElementRect, useVirtualizer, type Virtualizer } from '@tanstack/react-virtual';
import type { CellPosition, EditHandler, GridColumn, GridHandle, RowEdit } from './grid-types';
import { fromTsv, toTsv } from './tsv';
import './grid.css';

export interface EditableGridProps<R> {
  /** Accessible name of the grid. */
  label: string;
  rows: readonly R[];
  rowKey(row: R): string;
  columns: readonly GridColumn<R>[];
  onEdit: EditHandler;
  /** The active row changed (e.g. to show its details elsewhere). */
  onActiveRowChange?(rowKey: string | null): void;
  onSelectionChange?(rowKeys: string[]): void;
  /** The row the cursor starts on when the grid mounts (e.g. a component selected elsewhere); the first row otherwise. */
  initialRowKey?: string | null;
  /** Height of the scrolling area in pixels. */
  height?: number;
  ref?: Ref<GridHandle>;
}

interface Editing {
  row: number;
  col: number;
  text: string;
  error: string | null;
  /** The row object when the editor opened: what the edit is based on. */
  startRow?: unknown;
}

const ROW_HEIGHT = 32;
const ROW_HEADER_WIDTH = 56;
const PAGE_ROWS = 10;
/** Used when the grid has no layout yet (hidden, or a test DOM): render a page of rows anyway. */
const FALLBACK_RECT = { width: 1200, height: 640 };

function clamp(n: number, min: number, max: number): number {
  return Math.max(min, Math.min(max, n));
}

function optionLabel<R>(column: GridColumn<R>, text: string): string {
  if (column.editor !== 'select') return text;
  return column.options?.find((o) => o.value === text)?.label ?? text;
}

/** The option a typed character points at: first whose label or value starts with it. */
function optionForKey<R>(column: GridColumn<R>, key: string): string | null {
  const k = key.toLowerCase();
  const match = column.options?.find((o) => o.label.toLowerCase().startsWith(k) || o.value.toLowerCase().startsWith(k));
  return match ? match.value : null;
}

export function EditableGrid<R>(props: EditableGridProps<R>) {
  const { label, rows, rowKey, columns, onEdit, onActiveRowChange, onSelectionChange, initialRowKey, height = 480, ref } = props;
  const gridId = useId();
  const scrollRef = useRef<HTMLDivElement>(null);
  const editorRef = useRef<HTMLInputElement | HTMLSelectElement | null>(null);
  const [start] = useState<CellPosition>(() => ({ row: Math.max(0, initialRowKey ? rows.findIndex((r) => rowKey(r) === initialRowKey) : 0), col: 0 }));
  const [active, setActive] = useState<CellPosition>(start);
  const [anchor, setAnchor] = useState<CellPosition>(start);
  const [editing, setEditing] = useState<Editing | null>(null);
  const editingRef = useRef<Editing | null>(null);
  editingRef.current = editing;
  const [message, setMessage] = useState<{ kind: 'error' | 'info'; text: string } | null>(null);
  /** Values written but maybe not yet read back by the owner's live query: shown meanwhile. */
  const [pending, setPending] = useState<Map<string, string>>(() => new Map());

  const rowCount = rows.length;
  const colCount = columns.length;
  const lastRow = Math.max(0, rowCount - 1);

  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Virtual returns fresh functions each render by design.
  const virtualizer: Virtualizer<HTMLDivElement, Element> = useVirtualizer({
    count: rowCount,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    scrollMargin: ROW_HEIGHT,
    initialRect: FALLBACK_RECT,
    observeElementRect: (instance, cb) => observeElementRect(instance, (rect) => cb(rect.height > 0 ? rect : FALLBACK_RECT)),
  });

  // Rows may shrink under the active cell (delete, filter): keep it inside. Only on a shrink: a paste
  // moves the cursor onto rows its write is adding, which the owner's rows show a moment later.
  const previousRowCount = useRef(rowCount);
  useEffect(() => {
    const shrunk = rowCount < previousRowCount.current;
    previousRowCount.current = rowCount;
    if ((shrunk && active.row > lastRow) || active.col >= colCount) {
      const next = { row: clamp(active.row, 0, lastRow), col: clamp(active.col, 0, Math.max(0, colCount - 1)) };
      setActive(next);
      setAnchor(next);
    }
  }, [active, lastRow, colCount, rowCount]);

  // Once the owner's rows carry the written values, the pending overlay has done its job.
  useEffect(() => {
    setPending((p) => (p.size ? new Map() : p));
  }, [rows]);

  const selection = useMemo(
    () => ({
      top: Math.min(anchor.row, active.row),
      bottom: Math.max(anchor.row, active.row),
      left: Math.min(anchor.col, active.col),
      right: Math.max(anchor.col, active.col),
    }),
    [anchor, active],
  );

  const selectedRowKeys = useCallback((): string[] => {
    const keys: string[] = [];
    for (let r = selection.top; r <= Math.min(selection.bottom, rowCount - 1); r += 1) keys.push(rowKey(rows[r]!));
    return keys;
  }, [selection, rows, rowCount, rowKey]);

  const activeRowKey = rowCount ? rowKey(rows[clamp(active.row, 0, lastRow)]!) : null;
  useEffect(() => {
    onActiveRowChange?.(activeRowKey);
  }, [activeRowKey, onActiveRowChange]);
  const selectionSignature = selectedRowKeys().join('\n');
  useEffect(() => {
    onSelectionChange?.(selectionSignature ? selectionSignature.split('\n') : []);
  }, [selectionSignature, onSelectionChange]);

  const scrollToCell = useCallback(
    (pos: CellPosition) => {
      if (rowCount) virtualizer.scrollToIndex(pos.row, { align: 'auto' });
      const el = scrollRef.current;
      if (!el) return;
      let left = ROW_HEADER_WIDTH;
      for (let c = 0; c < pos.col; c += 1) left += columns[c]!.width;
      const right = left + (columns[pos.col]?.width ?? 0);
      if (left - ROW_HEADER_WIDTH < el.scrollLeft) el.scrollLeft = left - ROW_HEADER_WIDTH;
      else if (el.clientWidth > 0 && right > el.scrollLeft + el.clientWidth) el.scrollLeft = right - el.clientWidth;
    },
    [virtualizer, columns, rowCount],
  );

  const moveTo = useCallback(
    (pos: CellPosition, extend = false) => {
      const next = { row: clamp(pos.row, 0, lastRow), col: clamp(pos.col, 0, colCount - 1) };
      setActive(next);
      if (!extend) setAnchor(next);
      scrollToCell(next);
    },
    [lastRow, colCount, scrollToCell],
  );

  // A cursor that starts below the first row is scrolled to once, when the grid mounts.
  const startScrolled = useRef(start.row === 0);
  useEffect(() => {
    if (startScrolled.current) return;
    startScrolled.current = true;
    scrollToCell(start);
  }, [scrollToCell, start]);

  const focusGrid = useCallback(() => {
    scrollRef.current?.focus({ preventScroll: true });
  }, []);

  useImperativeHandle(
    ref,
    (): GridHandle => ({
      focusCell(key, columnKey) {
        const row = rows.findIndex((r) => rowKey(r) === key);
        if (row < 0) return false;
        const col = columnKey ? columns.findIndex((c) => c.key === columnKey) : -1;
        setEditing(null);
        moveTo({ row, col: col >= 0 ? col : 0 });
        focusGrid();
        return true;
      },
      selectedRowKeys,
    }),
    [rows, rowKey, columns, moveTo, focusGrid, selectedRowKeys],
  );

  const cellText = useCallback(
    (row: number, col: number): string => {
      const r = rows[row];
      const column = columns[col];
      if (!r || !column) return '';
      return pending.get(`${rowKey(r)}\u0000${column.key}`) ?? column.text(r);
    },
    [rows, columns, rowKey, pending],
  );

  /** Parses every cell and writes them as one action; reports the refused cells instead. */
  const write = useCallback(
    async (cells: { row: number; col: number; text: string; from?: unknown }[], additions: Record<string, unknown>[] = []): Promise<string | null> => {
      const edits = new Map<string, RowEdit>();
      const problems: string[] = [];
      for (const cell of cells) {
        const column = columns[cell.col]!;
        const parsed = column.parse(cell.text);
        if (!parsed.ok) {
          problems.push(`row ${cell.row + 1}, ${column.header}: ${parsed.reason}`);
          continue;
        }
        const key = rowKey(rows[cell.row]!);
        // A paste or clear is based on the rows as shown now; a cell edit on the row as its editor opened.
        const edit = edits.get(key) ?? { rowKey: key, values: {}, startedFrom: cell.from ?? rows[cell.row] };
        edit.values[column.key] = parsed.value;
        edits.set(key, edit);
      }
      if (problems.length) return problems.join('\n');
      const overlay = new Map(pending);
      for (const cell of cells) overlay.set(`${rowKey(rows[cell.row]!)}\u0000${columns[cell.col]!.key}`, cell.text);
      setPending(overlay);
      try {
        // `false`: nothing was written on purpose, so the overlay must not keep showing the typed text.
        if ((await onEdit([...edits.values()], additions)) === false) setPending(new Map());
        return null;
      } catch (error) {
        setPending(new Map());
        return error instanceof Error ? error.message : String(error);
      }
    },
    [columns, rows, rowKey, onEdit, pending],
  );

  const startEditing = useCallback(
    (initial?: string) => {
      if (!rowCount) return;
      const column = columns[active.col]!;
      let text = initial ?? cellText(active.row, active.col);
      if (initial !== undefined && column.editor === 'select') text = optionForKey(column, initial) ?? cellText(active.row, active.col);
      setAnchor(active);
      setMessage(null);
      setEditing({ row: active.row, col: active.col, text, error: null, startRow: rows[active.row] });
    },
    [rowCount, columns, active, cellText, rows],
  );

  /** Commits the open editor; on success closes it and moves by (dRow, dCol). */
  const commit = useCallback(
    async (dRow: number, dCol: number) => {
      const current = editingRef.current;
      if (!current) return;
      const column = columns[current.col]!;
      const parsed = column.parse(current.text);
      if (!parsed.ok) {
        setEditing({ ...current, error: parsed.reason });
        return;
      }
      const unchanged = current.text === cellText(current.row, current.col);
      // Close first so fast typing goes on in the next cell; a refused write reopens the editor.
      editingRef.current = null;
      setEditing(null);
      moveTo({ row: current.row + dRow, col: current.col + dCol });
      focusGrid();
      if (unchanged) return;
      const problem = await write([{ row: current.row, col: current.col, text: current.text, from: current.startRow }]);
      if (problem) {
        const reason = problem.replace(/^row \d+, [^:]+: /, '');
        setActive({ row: current.row, col: current.col });
        setAnchor({ row: current.row, col: current.col });
        setEditing({ ...current, error: reason });
      }
    },
    [columns, cellText, moveTo, focusGrid, write],
  );

  const cancel = useCallback(() => {
    editingRef.current = null;
    setEditing(null);
    focusGrid();
  }, [focusGrid]);

  useLayoutEffect(() => {
    if (!editing) return;
    const el = editorRef.current;
    if (el && document.activeElement !== el) {
      el.focus({ preventScroll: true });
      if (el instanceof HTMLInputElement) el.setSelectionRange(el.value.length, el.value.length);
    }
  }, [editing]);

  const clearSelection = useCallback(async () => {
    const cells: { row: number; col: number; text: string }[] = [];
    for (let r = selection.top; r <= Math.min(selection.bottom, rowCount - 1); r += 1) {
      for (let c = selection.left; c <= selection.right; c += 1) if (cellText(r, c) !== '') cells.push({ row: r, col: c, text: '' });
    }
    if (!cells.length) return;
    const problem = await write(cells);
    setMessage(problem ? { kind: 'error', text: `Nothing was cleared: ${problem}` } : null);
  }, [selection, rowCount, cellText, write]);

  const onGridKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (editing || event.target !== scrollRef.current) return;
    const mod = event.ctrlKey || event.metaKey;
    const extend = event.shiftKey;
    const key = event.key;
    const moves: Record<string, CellPosition | undefined> = {
      ArrowUp: { row: active.row - 1, col: active.col },
      ArrowDown: { row: active.row + 1, col: active.col },
      ArrowLeft: { row: active.row, col: active.col - 1 },
      ArrowRight: { row: active.row, col: active.col + 1 },
      PageUp: { row: active.row - PAGE_ROWS, col: active.col },
      PageDown: { row: active.row + PAGE_ROWS, col: active.col },
      Home: mod ? { row: 0, col: 0 } : { row: active.row, col: 0 },
      End: mod ? { row: lastRow, col: colCount - 1 } : { row: active.row, col: colCount - 1 },
    };
    const move = moves[key];
    if (move) {
      event.preventDefault();
      moveTo(move, extend);
      return;
    }
    if (key === 'Tab') {
      // At the edge Tab leaves the grid, so the keyboard is never trapped.
      const col = active.col + (extend ? -1 : 1);
      if (col < 0 || col >= colCount) return;
      event.preventDefault();
      moveTo({ row: active.row, col });
      return;
    }
    if (!rowCount) return;
    if (key === 'Enter' || key === 'F2') {
      event.preventDefault();
      startEditing();
      return;
    }
    if (key === 'Escape') {
      setAnchor(active);
      setMessage(null);
      return;
    }
    if (key === 'Delete' || key === 'Backspace') {
      event.preventDefault();
      void clearSelection();
      return;
    }
    if (key.length === 1 && !mod && !event.altKey) {
      event.preventDefault();
      startEditing(key);
    }
  };

  const onEditorKeyDown = (event: KeyboardEvent<HTMLInputElement | HTMLSelectElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      void commit(event.shiftKey ? -1 : 1, 0);
    } else if (event.key === 'Tab') {
      event.preventDefault();
      void commit(0, event.shiftKey ? -1 : 1);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      cancel();
    }
    event.stopPropagation();
  };

  const copySelection = (event: ClipboardEvent<HTMLDivElement>): boolean => {
    if (editing || !rowCount) return false;
    const matrix: string[][] = [];
    for (let r = selection.top; r <= Math.min(selection.bottom, lastRow); r += 1) {
      const line: string[] = [];
      for (let c = selection.left; c <= selection.right; c += 1) line.push(cellText(r, c));
      matrix.push(line);
    }
    event.clipboardData.setData('text/plain', toTsv(matrix));
    event.preventDefault();
    return true;
  };

  const onCopy = (event: ClipboardEvent<HTMLDivElement>) => {
    if (copySelection(event)) {
      const n = (selection.bottom - selection.top + 1) * (selection.right - selection.left + 1);
      setMessage({ kind: 'info', text: `Copied ${n} ${n === 1 ? 'cell' : 'cells'}.` });
    }
  };

  const onCut = (event: ClipboardEvent<HTMLDivElement>) => {
    if (copySelection(event)) void clearSelection();
  };

  const onPaste = async (event: ClipboardEvent<HTMLDivElement>) => {
    if (editing) return;
    event.preventDefault();
    const block = fromTsv(event.clipboardData.getData('text/plain'));
    if (!block.length) return;
    const start = { row: selection.top, col: selection.left };
    const width = Math.max(...block.map((r) => r.length));
    const cells: { row: number; col: number; text: string }[] = [];
    const additions: Record<string, unknown>[] = [];
    const problems: string[] = [];
    const single = block.length === 1 && width === 1;
    if (single && (selection.bottom > selection.top || selection.right > selection.left)) {
      // One value over a selection fills it, as spreadsheets do.
      for (let r = selection.top; r <= Math.min(selection.bottom, lastRow); r += 1) {
        for (let c = selection.left; c <= selection.right; c += 1) cells.push({ row: r, col: c, text: block[0]![0]! });
      }
    } else {
      if (start.col + width > colCount) {
        setMessage({
          kind: 'error',
          text: `Nothing was pasted: the block is ${width} columns wide, but from “${columns[start.col]!.header}” only ${colCount - start.col} columns remain.`,
        });
        return;
      }
      block.forEach((line, i) => {
        const row = start.row + i;
        const values: Record<string, unknown> = {};
        line.forEach((text, j) => {
          const col = start.col + j;
          if (row < rowCount) {
            cells.push({ row, col, text });
            return;
          }
          const column = columns[col]!;
          const parsed = column.parse(text);
          if (parsed.ok) values[column.key] = parsed.value;
          else problems.push(`row ${row + 1} (new), ${column.header}: ${parsed.reason}`);
        });
        if (row >= rowCount) additions.push(values);
      });
    }
    const cellProblems: string[] = [];
    for (const cell of cells) {
      const column = columns[cell.col]!;
      const parsed = column.parse(cell.text);
      if (!parsed.ok) cellProblems.push(`row ${cell.row + 1}, ${column.header}: ${parsed.reason}`);
    }
    const all = [...cellProblems, ...problems];
    if (all.length) {
      setMessage({ kind: 'error', text: `Nothing was pasted: ${all.length} ${all.length === 1 ? 'cell was' : 'cells were'} refused.\n${all.join('\n')}` });
      return;
    }
    const problem = await write(cells, additions);
    if (problem) {
      setMessage({ kind: 'error', text: `Nothing was pasted: ${problem}` });
      return;
    }
    const rowsTouched = block.length;
    setAnchor(start);
    setActive({ row: start.row + (single ? 0 : rowsTouched - 1), col: start.col + (single ? 0 : width - 1) });
    setMessage({
      kind: 'info',
      text: `Pasted ${cells.length + additions.reduce((n, a) => n + Object.keys(a).length, 0)} cells${additions.length ? `, adding ${additions.length} ${additions.length === 1 ? 'row' : 'rows'}` : ''}.`,
    });
  };

  const cellId = (row: number, col: number) => `${gridId}-r${row}-c${col}`;
  const template = `${ROW_HEADER_WIDTH}px ${columns.map((c) => `${c.width}px`).join(' ')}`;
  const totalWidth = ROW_HEADER_WIDTH + columns.reduce((n, c) => n + c.width, 0);
  const errorId = `${gridId}-cell-error`;
  const messageId = `${gridId}-message`;
  const items = virtualizer.getVirtualItems();

  return (
    <div className="editable-grid">
      <div
        ref={scrollRef}
        className="grid-scroll"
        role="grid"
        aria-label={label}
        aria-rowcount={rowCount + 1}
        aria-colcount={colCount + 1}
        aria-multiselectable="true"
        aria-activedescendant={rowCount && !editing ? cellId(active.row, active.col) : undefined}
        aria-describedby={message ? messageId : undefined}
        tabIndex={0}
        style={{ height }}
        onKeyDown={onGridKeyDown}
        onCopy={onCopy}
        onCut={onCut}
        onPaste={(e) => void onPaste(e)}
      >
        <div className="grid-header" role="rowgroup" style={{ width: totalWidth }}>
          <div role="row" aria-rowindex={1} className="grid-row grid-header-row" style={{ gridTemplateColumns: template, height: ROW_HEIGHT }}>
            <div role="columnheader" aria-colindex={1} className="grid-corner">
              <span className="visually-hidden">Row</span>#
            </div>
            {columns.map((column, c) => (
              <div key={column.key} role="columnheader" aria-colindex={c + 2} className="grid-columnheader" title={column.hint ?? column.header}>
                {column.header}
              </div>
            ))}
          </div>
        </div>
        <div role="rowgroup" className="grid-body" style={{ height: virtualizer.getTotalSize(), width: totalWidth }}>
          {items.map((item) => {
            const r = item.index;
            const row = rows[r]!;
            return (
              <div
                key={rowKey(row)}
                role="row"
                aria-rowindex={r + 2}
                className="grid-row"
                style={{ gridTemplateColumns: template, height: ROW_HEIGHT, transform: `translateY(${item.start - ROW_HEIGHT}px)` }}
              >
                <div
                  role="rowheader"
                  aria-colindex={1}
                  className="grid-rowheader"
                  onMouseDown={(e) => {
                    e.preventDefault();
                    if (editing?.error) return;
                    setEditing(null);
                    if (e.shiftKey) {
                      setAnchor({ row: anchor.row, col: 0 });
                      setActive({ row: r, col: colCount - 1 });
                    } else {
                      setAnchor({ row: r, col: 0 });
                      setActive({ row: r, col: colCount - 1 });
                    }
                    focusGrid();
                  }}
                >
                  {r + 1}
                </div>
                {columns.map((column, c) => {
                  const isActive = active.row === r && active.col === c;
                  const selected = r >= selection.top && r <= selection.bottom && c >= selection.left && c <= selection.right;
                  const isEditing = editing && editing.row === r && editing.col === c;
                  const text = cellText(r, c);
                  return (
                    <div
                      key={column.key}
                      id={cellId(r, c)}
                      role="gridcell"
                      aria-colindex={c + 2}
                      aria-selected={selected}
                      aria-invalid={isEditing && editing.error ? true : undefined}
                      data-column={column.key}
                      className={`grid-cell${isActive ? ' active' : ''}${selected ? ' selected' : ''}${column.align === 'end' ? ' end' : ''}${isEditing ? ' editing' : ''}`}
                      onMouseDown={(e) => {
                        if (isEditing) return;
                        e.preventDefault();
                        if (editing?.error) {
                          editorRef.current?.focus();
                          return;
                        }
                        if (editing) void commit(0, 0);
                        moveTo({ row: r, col: c }, e.shiftKey);
                        focusGrid();
                      }}
                      onDoubleClick={() => {
                        if (!editing) startEditing();
                      }}
                    >
                      {isEditing ? (
                        column.editor === 'select' ? (
                          <select
                            ref={(el) => {
                              editorRef.current = el;
                            }}
                            aria-label={`${column.header}, row ${r + 1}`}
                            aria-invalid={editing.error ? true : undefined}
                            aria-describedby={editing.error ? errorId : undefined}
                            value={editing.text}
                            onChange={(e) => setEditing({ ...editing, text: e.target.value, error: null })}
                            onKeyDown={onEditorKeyDown}
                            onBlur={() => {
                              if (editingRef.current === editing) void commit(0, 0);
                            }}
                          >
                            {column.options?.map((o) => (
                              <option key={o.value} value={o.value}>{o.label}</option>
                            ))}
                          </select>
                        ) : (
                          <input
                            ref={(el) => {
                              editorRef.current = el;
                            }}
                            aria-label={`${column.header}, row ${r + 1}`}
                            aria-invalid={editing.error ? true : undefined}
                            aria-describedby={editing.error ? errorId : undefined}
                            placeholder={column.hint}
                            value={editing.text}
                            onChange={(e) => setEditing({ ...editing, text: e.target.value, error: null })}
                            onKeyDown={onEditorKeyDown}
                            onBlur={() => {
                              if (editingRef.current === editing && !editing.error) void commit(0, 0);
                            }}
                          />
                        )
                      ) : (
                        <span className="grid-cell-text">{showHidden(optionLabel(column, text))}</span>
                      )}
                      {isEditing && editing.error && (
                        <span id={errorId} role="alert" className="grid-cell-error">
                          {editing.error}
                        </span>
                      )}
                    </div>
                  );
                })}
              </div>
            );
          })}
        </div>
      </div>
      {rowCount === 0 && <p className="grid-empty">No rows yet.</p>}
      {message && (
        <p id={messageId} className={message.kind === 'error' ? 'grid-message error' : 'grid-message'} role={message.kind === 'error' ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
    </div>
  );
}
