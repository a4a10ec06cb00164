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
 * position of each rendered row. An optional empty row at the end takes typing
 * and pastes to add rows; the first (pinned) column and the header stay in view
 * while scrolling; the person sizes and hides columns (column-prefs.ts).
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
  type PointerEvent as ReactPointerEvent,
  type Ref,
} from 'react';
import { observeElementRect, useVirtualizer, type Virtualizer } from '@tanstack/react-virtual';
import { formatCount, formatNumber } from '../../../shared/format/format';
import type { CellPosition, EditHandler, EditInfo, GridColumn, GridHandle, RowEdit } from './grid-types';
import { clampWidth, EMPTY_PREFS, MAX_COLUMN_WIDTH, MIN_COLUMN_WIDTH, useColumnPrefs } from './column-prefs';
import { rankOptions } from './choice-search';
import { ColumnsMenu } from './columns-menu';
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
  /**
   * Shows an empty row at the end, with this text as its placeholder: typing or
   * pasting there adds rows.
   */
  newRowLabel?: string;
  /** Key of the person's column widths and hidden columns (column-prefs.ts); with it the grid offers a "Columns" menu. */
  prefsKey?: string;
}

interface Editing {
  row: number;
  col: number;
  text: string;
  error: string | null;
  /** The row object when the editor opened: what the edit is based on. */
  startRow?: unknown;
  /** A text box, a list of options, or a search over the options' labels (typing in a choice cell). */
  mode: 'text' | 'select' | 'search';
  /** The highlighted option of a search. */
  highlight: number;
}

/** A message shown at one cell (e.g. a required cell that Delete may not clear). */
interface CellNotice {
  row: number;
  col: number;
  text: string;
}

const ROW_HEIGHT = 32;
const ROW_HEADER_WIDTH = 56;
const PAGE_ROWS = 10;
const RESIZE_STEP = 16;
const FLASH_MS = 2000;
/** Rough width of a character, to tell a cut-off text where there is no layout to measure. */
const CHAR_WIDTH = 7.5;
const NEW_ROW_KEY = '\u0000new-row';
/** Used when the grid has no layout yet (hidden, or a test DOM): render a page of rows anyway. */
const FALLBACK_RECT = { width: 1200, height: 640 };

function clamp(n: number, min: number, max: number): number {
  return Math.max(min, Math.min(max, n));
}

function optionLabel<R>(column: GridColumn<R>, text: string): string {
  if (column.editor !== 'select') return text;
  return column.options?.find((o) => o.value === text)?.label ?? text;
}

export function EditableGrid<R>(props: EditableGridProps<R>) {
  const { label, rows, rowKey, columns: allColumns, onEdit, onActiveRowChange, onSelectionChange, initialRowKey, height = 480, ref, newRowLabel, prefsKey } = props;
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
  const [notice, setNotice] = useState<CellNotice | null>(null);
  const [focused, setFocused] = useState(false);
  /** Cells a paste just wrote over, shown briefly: `rowKey \0 columnKey`. */
  const [flash, setFlash] = useState<ReadonlySet<string>>(() => new Set());
  const flashTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  /** Values written but maybe not yet read back by the owner's live query: shown meanwhile. */
  const [pending, setPending] = useState<Map<string, string>>(() => new Map());

  // The person's widths and hidden columns; a pinned column is never hidden.
  const prefsId = prefsKey ?? label;
  const prefs = useColumnPrefs((s) => s.grids[prefsId]) ?? EMPTY_PREFS;
  const setColumnWidth = useColumnPrefs((s) => s.setWidth);
  const columns = useMemo(
    () =>
      allColumns
        .filter((c) => c.pinned || !prefs.hidden.includes(c.key))
        .map((c) => (prefs.widths[c.key] ? { ...c, width: prefs.widths[c.key]! } : c)),
    [allColumns, prefs],
  );
  /** Pinned columns lead; how many do, and their width. */
  const pinnedCount = useMemo(() => {
    let n = 0;
    while (n < columns.length && columns[n]!.pinned) n += 1;
    return n;
  }, [columns]);
  const pinnedWidth = columns.slice(0, pinnedCount).reduce((n, c) => n + c.width, 0);

  const rowCount = rows.length;
  const hasNewRow = newRowLabel !== undefined;
  /** Rows in the body: the owner's, and the empty row when there is one. */
  const bodyCount = rowCount + (hasNewRow ? 1 : 0);
  const colCount = columns.length;
  const lastRow = Math.max(0, bodyCount - 1);
  const isNewRow = useCallback((row: number) => hasNewRow && row === rowCount, [hasNewRow, rowCount]);

  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Virtual returns fresh functions each render by design.
  const virtualizer: Virtualizer<HTMLDivElement, Element> = useVirtualizer({
    count: bodyCount,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    scrollMargin: ROW_HEIGHT,
    initialRect: FALLBACK_RECT,
    observeElementRect: (instance, cb) => observeElementRect(instance, (rect) => cb(rect.height > 0 ? rect : FALLBACK_RECT)),
  });

  // Rows may shrink under the active cell (delete, filter): keep it inside. Only on a shrink: a paste
  // moves the cursor onto rows its write is adding, which the owner's rows show a moment later.
  const previousRowCount = useRef(bodyCount);
  useEffect(() => {
    const shrunk = bodyCount < previousRowCount.current;
    previousRowCount.current = bodyCount;
    if ((shrunk && active.row > lastRow) || active.col >= colCount) {
      const next = { row: clamp(active.row, 0, lastRow), col: clamp(active.col, 0, Math.max(0, colCount - 1)) };
      setActive(next);
      setAnchor(next);
    }
  }, [active, lastRow, colCount, bodyCount]);

  // Once the owner's rows carry the written values, the pending overlay has done its job.
  useEffect(() => {
    setPending((p) => (p.size ? new Map() : p));
  }, [rows]);

  /**
   * A row being added from the empty row, until the owner's rows show it: cells typed
   * into it meanwhile (fast typing, Tab, more typing) wait here and are written to the
   * new row once it exists, instead of each adding a row of its own.
   */
  const pendingAdd = useRef<{ at: number; queued: { col: number; text: string }[]; rowsBefore: readonly R[]; written: boolean } | null>(null);
  const rowsNow = useRef(rows);
  rowsNow.current = rows;

  /** The added row did not come into view (a filter hides it): cells typed on meanwhile have no row to go to. */
  const dropPendingAdd = useCallback(() => {
    const add = pendingAdd.current;
    pendingAdd.current = null;
    if (add?.queued.length) {
      setPending(new Map());
      setMessage({ kind: 'error', text: 'The row was added, but this view does not show it, so the other cells typed into it were not saved.' });
    }
  }, []);

  useEffect(
    () => () => {
      if (flashTimer.current) clearTimeout(flashTimer.current);
    },
    [],
  );

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

  const activeRowKey = active.row < rowCount ? rowKey(rows[active.row]!) : null;
  useEffect(() => {
    onActiveRowChange?.(activeRowKey);
  }, [activeRowKey, onActiveRowChange]);
  const selectionSignature = selectedRowKeys().join('\n');
  useEffect(() => {
    onSelectionChange?.(selectionSignature ? selectionSignature.split('\n') : []);
  }, [selectionSignature, onSelectionChange]);

  const scrollToCell = useCallback(
    (pos: CellPosition) => {
      if (bodyCount) virtualizer.scrollToIndex(pos.row, { align: 'auto' });
      const el = scrollRef.current;
      if (!el) return;
      let left = ROW_HEADER_WIDTH;
      for (let c = 0; c < pos.col; c += 1) left += columns[c]!.width;
      const right = left + (columns[pos.col]?.width ?? 0);
      // Pinned columns cover the left of the scrolled area: a cell right of them must clear them.
      const covered = ROW_HEADER_WIDTH + (pos.col >= pinnedCount ? pinnedWidth : 0);
      if (pos.col < pinnedCount) return;
      if (left - covered < el.scrollLeft) el.scrollLeft = left - covered;
      else if (el.clientWidth > 0 && right > el.scrollLeft + el.clientWidth) el.scrollLeft = right - el.clientWidth;
    },
    [virtualizer, columns, bodyCount, pinnedCount, pinnedWidth],
  );

  const moveTo = useCallback(
    (pos: CellPosition, extend = false) => {
      const next = { row: clamp(pos.row, 0, lastRow), col: clamp(pos.col, 0, colCount - 1) };
      setActive(next);
      if (!extend) setAnchor(next);
      setNotice(null);
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
    async (
      cells: { row: number; col: number; text: string; from?: unknown }[],
      additions: Record<string, unknown>[],
      action: EditInfo['action'],
    ): Promise<string | null> => {
      const edits = new Map<string, RowEdit>();
      const problems: string[] = [];
      for (const cell of cells) {
        const column = columns[cell.col]!;
        const parsed = column.parse(cell.text);
        if (!parsed.ok) {
          problems.push(`row ${formatNumber(cell.row + 1)}, ${column.header}: ${parsed.reason}`);
          continue;
        }
        const key = rowKey(rows[cell.row]!);
        // A paste or clear is based on the rows as shown now; a cell edit on the row as its editor opened.
        const edit = edits.get(key) ?? { rowKey: key, values: {}, startedFrom: cell.from ?? rows[cell.row] };
        edit.values[column.key] = parsed.value;
        edits.set(key, edit);
      }
      if (problems.length) return problems.join('\n');
      setPending((p) => {
        const overlay = new Map(p);
        for (const cell of cells) overlay.set(`${rowKey(rows[cell.row]!)}\u0000${columns[cell.col]!.key}`, cell.text);
        return overlay;
      });
      const info: EditInfo = {
        action,
        rows: edits.size + additions.length,
        cells: cells.length + additions.reduce((n, a) => n + Object.keys(a).length, 0),
      };
      try {
        // `false`: nothing was written on purpose, so the overlay must not keep showing the typed text.
        if ((await onEdit([...edits.values()], additions, info)) === false) setPending(new Map());
        return null;
      } catch (error) {
        setPending(new Map());
        return error instanceof Error ? error.message : String(error);
      }
    },
    [columns, rows, rowKey, onEdit],
  );

  // The row added from the empty row is there: the cells typed into it meanwhile are written to it.
  useEffect(() => {
    const add = pendingAdd.current;
    if (!add) return;
    if (rows.length <= add.at) {
      // Rows changed without the new one (filtered out) after its write finished: stop waiting for it.
      if (add.written && rows !== add.rowsBefore) dropPendingAdd();
      return;
    }
    pendingAdd.current = null;
    if (!add.queued.length) return;
    void write(add.queued.map((q) => ({ row: add.at, col: q.col, text: q.text })), [], 'edit').then((problem) => {
      if (problem) setMessage({ kind: 'error', text: `Not saved in the new row: ${problem}` });
    });
  }, [rows, write, dropPendingAdd]);

  const startEditing = useCallback(
    (initial?: string) => {
      if (!bodyCount || !columns.length) return;
      const column = columns[active.col]!;
      const current = cellText(active.row, active.col);
      // Typing in a choice cell (or any choice cell of the empty row) searches the options' labels.
      const mode: Editing['mode'] = column.editor === 'select' ? (initial !== undefined || isNewRow(active.row) ? 'search' : 'select') : 'text';
      const text = mode === 'search' ? (initial ?? '') : (initial ?? current);
      setAnchor(active);
      setMessage(null);
      setNotice(null);
      setEditing({ row: active.row, col: active.col, text, error: null, startRow: rows[active.row], mode, highlight: 0 });
    },
    [bodyCount, columns, active, cellText, rows, isNewRow],
  );

  /** Commits the open editor; on success closes it and moves by (dRow, dCol). */
  const commit = useCallback(
    async (dRow: number, dCol: number) => {
      const current = editingRef.current;
      if (!current) return;
      const column = columns[current.col]!;
      let text = current.text;
      if (current.mode === 'search') {
        const choice = rankOptions(column.options ?? [], current.text)[current.highlight];
        if (!choice) {
          setEditing({ ...current, error: `no option matches “${current.text.trim()}”` });
          return;
        }
        text = choice.value;
      }
      const parsed = column.parse(text);
      if (!parsed.ok) {
        setEditing({ ...current, error: parsed.reason });
        return;
      }
      const adding = isNewRow(current.row);
      const unchanged = !adding && text === cellText(current.row, current.col);
      // Close first so fast typing goes on in the next cell; a refused write reopens the editor.
      editingRef.current = null;
      setEditing(null);
      if (adding) {
        // The row being added takes this row's place, and a new empty row comes below it.
        const next = { row: current.row + Math.max(0, dRow), col: clamp(current.col + dCol, 0, colCount - 1) };
        setActive(next);
        setAnchor(next);
      } else {
        moveTo({ row: current.row + dRow, col: current.col + dCol });
      }
      focusGrid();
      if (unchanged) return;
      if (adding && pendingAdd.current && pendingAdd.current.at === current.row) {
        // The row this cell belongs to is still being added: written to it once it is there.
        pendingAdd.current.queued.push({ col: current.col, text });
        setPending((p) => new Map(p).set(`${NEW_ROW_KEY}\u0000${column.key}`, text));
        return;
      }
      if (adding) {
        pendingAdd.current = { at: current.row, queued: [], rowsBefore: rows, written: false };
        setPending((p) => new Map(p).set(`${NEW_ROW_KEY}\u0000${column.key}`, text));
      }
      const problem = adding
        ? await write([], [{ [column.key]: parsed.value }], 'edit')
        : await write([{ row: current.row, col: current.col, text, from: current.startRow }], [], 'edit');
      if (adding && problem) pendingAdd.current = null;
      else if (adding && pendingAdd.current) {
        pendingAdd.current.written = true;
        // The rows may have been read back already, without the new row in them.
        if (rowsNow.current !== pendingAdd.current.rowsBefore && rowsNow.current.length <= pendingAdd.current.at) dropPendingAdd();
      }
      if (problem) {
        const reason = problem.replace(/^row [\d,. ]+, [^:]+: /, '');
        setActive({ row: current.row, col: current.col });
        setAnchor({ row: current.row, col: current.col });
        setEditing({ ...current, error: reason });
      }
    },
    [columns, cellText, moveTo, focusGrid, write, isNewRow, colCount, rows, dropPendingAdd],
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

  /** Clears the selected cells of existing rows; a cell that may not be empty refuses it all, said at that cell. */
  const clearSelection = useCallback(async () => {
    const cells: { row: number; col: number; text: string }[] = [];
    for (let r = selection.top; r <= Math.min(selection.bottom, rowCount - 1); r += 1) {
      for (let c = selection.left; c <= selection.right; c += 1) if (cellText(r, c) !== '') cells.push({ row: r, col: c, text: '' });
    }
    if (!cells.length) return;
    const refused = cells.find((cell) => !columns[cell.col]!.parse('').ok);
    if (refused) {
      const parsed = columns[refused.col]!.parse('');
      const reason = parsed.ok ? '' : parsed.reason;
      setNotice({ row: refused.row, col: refused.col, text: `${columns[refused.col]!.header} cannot be cleared: ${reason}. Nothing was cleared.` });
      setMessage(null);
      return;
    }
    const problem = await write(cells, [], 'clear');
    setMessage(problem ? { kind: 'error', text: `Nothing was cleared: ${problem}` } : null);
  }, [selection, rowCount, cellText, write, columns]);

  /** Ctrl+D: the top row of the selection copied into the selected cells below it. */
  const fillDown = useCallback(async () => {
    const top = selection.top;
    const bottom = Math.min(selection.bottom, rowCount - 1);
    if (top >= rowCount) return;
    if (bottom <= top) {
      setMessage({ kind: 'info', text: 'Select the cells to fill below a cell first (Shift+Arrow down), then Ctrl+D copies it into them.' });
      return;
    }
    const cells: { row: number; col: number; text: string }[] = [];
    for (let r = top + 1; r <= bottom; r += 1) {
      for (let c = selection.left; c <= selection.right; c += 1) {
        const text = cellText(top, c);
        if (cellText(r, c) !== text) cells.push({ row: r, col: c, text });
      }
    }
    if (!cells.length) {
      setMessage({ kind: 'info', text: 'Nothing to fill: the cells below already hold the same values.' });
      return;
    }
    const problem = await write(cells, [], 'fill');
    setMessage(
      problem
        ? { kind: 'error', text: `Nothing was filled: ${problem}` }
        : { kind: 'info', text: `Filled ${formatCount(bottom - top, 'row')} down from row ${formatNumber(top + 1)}.` },
    );
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
    if (!bodyCount) return;
    if (key === 'Enter' || key === 'F2') {
      event.preventDefault();
      startEditing();
      return;
    }
    if (key === 'Escape') {
      setAnchor(active);
      setMessage(null);
      setNotice(null);
      return;
    }
    if (key === 'Delete' || key === 'Backspace') {
      event.preventDefault();
      void clearSelection();
      return;
    }
    if (mod && !event.altKey && key.toLowerCase() === 'd') {
      event.preventDefault();
      void fillDown();
      return;
    }
    if (key.length === 1 && !mod && !event.altKey) {
      event.preventDefault();
      startEditing(key);
    }
  };

  const onEditorKeyDown = (event: KeyboardEvent<HTMLInputElement | HTMLSelectElement>) => {
    const current = editingRef.current;
    if (current?.mode === 'search' && (event.key === 'ArrowDown' || event.key === 'ArrowUp')) {
      event.preventDefault();
      const count = rankOptions(columns[current.col]!.options ?? [], current.text).length;
      if (count) setEditing({ ...current, highlight: clamp(current.highlight + (event.key === 'ArrowDown' ? 1 : -1), 0, count - 1), error: null });
    } else if (event.key === 'Enter') {
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
    if (editing || !rowCount || selection.top >= rowCount) return false;
    const matrix: string[][] = [];
    for (let r = selection.top; r <= Math.min(selection.bottom, rowCount - 1); r += 1) {
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
      const n = (Math.min(selection.bottom, rowCount - 1) - selection.top + 1) * (selection.right - selection.left + 1);
      setMessage({ kind: 'info', text: `Copied ${formatCount(n, 'cell')}.` });
    }
  };

  const onCut = (event: ClipboardEvent<HTMLDivElement>) => {
    if (copySelection(event)) void clearSelection();
  };

  const onPaste = async (event: ClipboardEvent<HTMLDivElement>) => {
    if (editing) return;
    event.preventDefault();
    const block = fromTsv(event.clipboardData.getData('text/plain'));
    if (!block.length || !colCount) return;
    const start = { row: selection.top, col: selection.left };
    const width = Math.max(...block.map((r) => r.length));
    const cells: { row: number; col: number; text: string }[] = [];
    const additions: Record<string, unknown>[] = [];
    const problems: string[] = [];
    const single = block.length === 1 && width === 1;
    const fillsSelection = single && (selection.bottom > selection.top || selection.right > selection.left) && selection.top < rowCount;
    if (fillsSelection) {
      // One value over a selection fills it, as spreadsheets do.
      for (let r = selection.top; r <= Math.min(selection.bottom, rowCount - 1); r += 1) {
        for (let c = selection.left; c <= selection.right; c += 1) cells.push({ row: r, col: c, text: block[0]![0]! });
      }
    } else {
      if (start.col + width > colCount) {
        setMessage({
          kind: 'error',
          text: `Nothing was pasted: the block is ${formatCount(width, 'column')} wide, but from “${columns[start.col]!.header}” on there ${colCount - start.col === 1 ? 'is' : 'are'} only ${formatCount(colCount - start.col, 'column')}.`,
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
          else problems.push(`row ${formatNumber(row + 1)} (new), ${column.header}: ${parsed.reason}`);
        });
        if (row >= rowCount) additions.push(values);
      });
    }
    const cellProblems: string[] = [];
    for (const cell of cells) {
      const column = columns[cell.col]!;
      const parsed = column.parse(cell.text);
      if (!parsed.ok) cellProblems.push(`row ${formatNumber(cell.row + 1)}, ${column.header}: ${parsed.reason}`);
    }
    const all = [...cellProblems, ...problems];
    if (all.length) {
      setMessage({ kind: 'error', text: `Nothing was pasted: ${all.length === 1 ? '1 cell was' : `${formatNumber(all.length)} cells were`} refused.\n${all.join('\n')}` });
      return;
    }
    // Cells whose value the paste replaces (not empty ones, not the same value): shown, and said, so the person can undo.
    const overwritten = cells.filter((cell) => {
      const before = cellText(cell.row, cell.col);
      return before !== '' && before !== cell.text;
    });
    const overwrittenKeys = new Set(overwritten.map((cell) => `${rowKey(rows[cell.row]!)}\u0000${columns[cell.col]!.key}`));
    const overwrittenRows = new Set(overwritten.map((cell) => cell.row)).size;
    const problem = await write(cells, additions, 'paste');
    if (problem) {
      setMessage({ kind: 'error', text: `Nothing was pasted: ${problem}` });
      return;
    }
    const rowsTouched = fillsSelection ? 1 : block.length;
    setAnchor(start);
    setActive({ row: start.row + (single ? 0 : rowsTouched - 1), col: start.col + (single ? 0 : width - 1) });
    if (overwrittenRows) {
      if (flashTimer.current) clearTimeout(flashTimer.current);
      setFlash(overwrittenKeys);
      flashTimer.current = setTimeout(() => setFlash(new Set()), FLASH_MS);
      setMessage({
        kind: 'info',
        text: `Pasted ${formatCount(overwrittenRows, 'row')} over existing rows${additions.length ? ` and added ${formatCount(additions.length, 'row')}` : ''} — Undo (Ctrl+Z) restores them`,
      });
      return;
    }
    const written = cells.length + additions.reduce((n, a) => n + Object.keys(a).length, 0);
    setMessage({
      kind: 'info',
      text: `Pasted ${formatCount(written, 'cell')}${additions.length ? `, adding ${formatCount(additions.length, 'row')}` : ''}.`,
    });
  };

  /** Drag on a header's edge: the column follows the pointer. */
  const startResize = (event: ReactPointerEvent<HTMLDivElement>, column: GridColumn<R>) => {
    event.preventDefault();
    event.stopPropagation();
    const startX = event.clientX;
    const startWidth = column.width;
    const onMove = (e: PointerEvent) => setColumnWidth(prefsId, column.key, startWidth + e.clientX - startX);
    const onUp = () => {
      window.removeEventListener('pointermove', onMove);
      window.removeEventListener('pointerup', onUp);
      window.removeEventListener('pointercancel', onUp);
    };
    window.addEventListener('pointermove', onMove);
    window.addEventListener('pointerup', onUp);
    window.addEventListener('pointercancel', onUp);
  };

  const onResizeKeyDown = (event: KeyboardEvent<HTMLDivElement>, column: GridColumn<R>) => {
    const delta = event.key === 'ArrowLeft' ? -RESIZE_STEP : event.key === 'ArrowRight' ? RESIZE_STEP : 0;
    if (!delta) return;
    event.preventDefault();
    event.stopPropagation();
    setColumnWidth(prefsId, column.key, clampWidth(column.width + delta));
  };

  const cellId = (row: number, col: number) => `${gridId}-r${row}-c${col}`;
  const template = `${ROW_HEADER_WIDTH}px ${columns.map((c) => `${c.width}px`).join(' ')}`;
  const totalWidth = ROW_HEADER_WIDTH + columns.reduce((n, c) => n + c.width, 0);
  const errorId = `${gridId}-cell-error`;
  const noticeId = `${gridId}-cell-notice`;
  const tooltipId = `${gridId}-cell-tooltip`;
  const listId = `${gridId}-options`;
  const messageId = `${gridId}-message`;
  const items = virtualizer.getVirtualItems();
  const pinnedLeft = (c: number) => ROW_HEADER_WIDTH + columns.slice(0, c).reduce((n, col) => n + col.width, 0);

  // The active cell's whole text, while the grid has the focus and the text does not fit.
  const activeText = active.row < rowCount && columns[active.col] ? optionLabel(columns[active.col]!, cellText(active.row, active.col)) : '';
  const [cutOff, setCutOff] = useState(false);
  useLayoutEffect(() => {
    const el = document.getElementById(`${gridId}-r${active.row}-c${active.col}`)?.querySelector('.grid-cell-text');
    const width = columns[active.col]?.width ?? 0;
    // Measured where there is layout; estimated from the text's length where there is none.
    const next = el && el.clientWidth > 0 ? el.scrollWidth > el.clientWidth : activeText.length * CHAR_WIDTH > width - 16;
    setCutOff(next);
  }, [gridId, active.row, active.col, columns, activeText, focused]);
  const showTooltip = focused && !editing && !notice && cutOff && activeText !== '';
  const searchOptions = editing?.mode === 'search' ? rankOptions(columns[editing.col]?.options ?? [], editing.text) : [];

  return (
    <div className="editable-grid">
      {prefsKey && (
        <div className="grid-toolbar">
          <ColumnsMenu prefsKey={prefsKey} columns={allColumns} />
        </div>
      )}
      <div
        ref={scrollRef}
        className="grid-scroll"
        role="grid"
        aria-label={label}
        aria-rowcount={bodyCount + 1}
        aria-colcount={colCount + 1}
        aria-multiselectable="true"
        aria-activedescendant={bodyCount && colCount && !editing ? cellId(active.row, active.col) : undefined}
        aria-describedby={message ? messageId : undefined}
        tabIndex={0}
        style={{ height }}
        onKeyDown={onGridKeyDown}
        onCopy={onCopy}
        onCut={onCut}
        onPaste={(e) => void onPaste(e)}
        // The grid itself, not an editor or a resize handle inside it, has the focus: the active cell's tooltip shows.
        onFocus={(e) => setFocused(e.target === e.currentTarget)}
        onBlur={(e) => {
          if (e.target === e.currentTarget) setFocused(false);
        }}
      >
        <div className="grid-header" role="rowgroup" style={{ width: totalWidth }}>
          <div role="row" aria-rowindex={1} className="grid-row grid-header-row" style={{ gridTemplateColumns: template, height: ROW_HEIGHT }}>
            <div role="columnheader" aria-colindex={1} className="grid-corner">
              <span className="visually-hidden">Row</span>#
            </div>
            {columns.map((column, c) => (
              <div
                key={column.key}
                role="columnheader"
                aria-colindex={c + 2}
                className={`grid-columnheader${c < pinnedCount ? ' pinned' : ''}${c === pinnedCount - 1 ? ' pinned-edge' : ''}`}
                style={c < pinnedCount ? { left: pinnedLeft(c) } : undefined}
                title={column.hint ? `${column.header}: ${column.hint}` : column.header}
              >
                <span className="grid-columnheader-text">{column.header}</span>
                <div
                  role="separator"
                  aria-orientation="vertical"
                  aria-label={`Resize ${column.header}`}
                  aria-valuenow={column.width}
                  aria-valuemin={MIN_COLUMN_WIDTH}
                  aria-valuemax={MAX_COLUMN_WIDTH}
                  aria-valuetext={`${formatNumber(column.width)} pixels`}
                  // One stop in the tab order: the active column's edge.
                  tabIndex={c === active.col ? 0 : -1}
                  className="grid-resize"
                  title={`Drag, or focus and press the arrow keys, to resize “${column.header}”`}
                  onPointerDown={(e) => startResize(e, column)}
                  onMouseDown={(e) => e.stopPropagation()}
                  onKeyDown={(e) => onResizeKeyDown(e, column)}
                />
              </div>
            ))}
          </div>
        </div>
        <div role="rowgroup" className="grid-body" style={{ height: virtualizer.getTotalSize(), width: totalWidth }}>
          {items.map((item) => {
            const r = item.index;
            const row = rows[r];
            const newRow = isNewRow(r);
            const raised = (editing && editing.row === r) || (notice && notice.row === r) || (showTooltip && active.row === r);
            return (
              <div
                key={newRow ? NEW_ROW_KEY : rowKey(row!)}
                role="row"
                aria-rowindex={r + 2}
                className={`grid-row${newRow ? ' grid-new-row' : ''}${raised ? ' raised' : ''}`}
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
                    setNotice(null);
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
                  {newRow ? (
                    <>
                      <span aria-hidden="true">+</span>
                      <span className="visually-hidden">New row</span>
                    </>
                  ) : (
                    formatNumber(r + 1)
                  )}
                </div>
                {columns.map((column, c) => {
                  const isActive = active.row === r && active.col === c;
                  const selected = r >= selection.top && r <= selection.bottom && c >= selection.left && c <= selection.right;
                  const isEditing = editing && editing.row === r && editing.col === c;
                  const text = newRow ? (pending.get(`${NEW_ROW_KEY}\u0000${column.key}`) ?? '') : cellText(r, c);
                  // The empty row shows nothing (not "Unknown") until something is typed into it.
                  const shown = newRow && !text ? '' : optionLabel(column, text);
                  const cellNotice = notice && notice.row === r && notice.col === c ? notice.text : null;
                  const tooltip = showTooltip && isActive;
                  const flashing = !newRow && flash.has(`${rowKey(row!)}\u0000${column.key}`);
                  const describedBy = [cellNotice ? noticeId : null, tooltip ? tooltipId : null].filter(Boolean).join(' ');
                  return (
                    <div
                      key={column.key}
                      id={cellId(r, c)}
                      role="gridcell"
                      aria-colindex={c + 2}
                      aria-selected={selected}
                      aria-invalid={(isEditing && editing.error) || cellNotice ? true : undefined}
                      aria-describedby={describedBy || undefined}
                      data-column={column.key}
                      title={shown ? showHidden(shown) : undefined}
                      style={c < pinnedCount ? { left: pinnedLeft(c) } : undefined}
                      className={`grid-cell${isActive ? ' active' : ''}${selected ? ' selected' : ''}${column.align === 'end' ? ' end' : ''}${isEditing ? ' editing' : ''}${c < pinnedCount ? ' pinned' : ''}${c === pinnedCount - 1 ? ' pinned-edge' : ''}${flashing ? ' flash' : ''}${cellNotice || tooltip ? ' popover' : ''}`}
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
                        editing.mode === 'select' ? (
                          <select
                            ref={(el) => {
                              editorRef.current = el;
                            }}
                            aria-label={`${column.header}, row ${formatNumber(r + 1)}`}
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
                        ) : editing.mode === 'search' ? (
                          <>
                            <input
                              ref={(el) => {
                                editorRef.current = el;
                              }}
                              role="combobox"
                              aria-label={`${column.header}, row ${formatNumber(r + 1)}`}
                              aria-expanded={!editing.error}
                              aria-controls={editing.error ? undefined : listId}
                              aria-autocomplete="list"
                              aria-activedescendant={searchOptions[editing.highlight] ? `${listId}-${editing.highlight}` : undefined}
                              aria-invalid={editing.error ? true : undefined}
                              aria-describedby={editing.error ? errorId : undefined}
                              value={editing.text}
                              onChange={(e) => setEditing({ ...editing, text: e.target.value, highlight: 0, error: null })}
                              onKeyDown={onEditorKeyDown}
                              onBlur={() => {
                                if (editingRef.current === editing && !editing.error) void commit(0, 0);
                              }}
                            />
                            {!editing.error && (
                              <ul id={listId} role="listbox" aria-label={`${column.header} options`} className="grid-options">
                                {searchOptions.map((o, i) => (
                                  <li
                                    key={o.value}
                                    id={`${listId}-${i}`}
                                    role="option"
                                    aria-selected={i === editing.highlight}
                                    onMouseDown={(e) => {
                                      e.preventDefault();
                                      e.stopPropagation();
                                      const next = { ...editing, highlight: i };
                                      editingRef.current = next;
                                      setEditing(next);
                                      void commit(0, 0);
                                    }}
                                  >
                                    {o.label}
                                  </li>
                                ))}
                              </ul>
                            )}
                          </>
                        ) : (
                          <input
                            ref={(el) => {
                              editorRef.current = el;
                            }}
                            aria-label={`${column.header}, row ${formatNumber(r + 1)}`}
                            aria-invalid={editing.error ? true : undefined}
                            aria-describedby={editing.error ? errorId : undefined}
                            placeholder={newRow && c === 0 ? newRowLabel : column.hint}
                            value={editing.text}
                            onChange={(e) => setEditing({ ...editing, text: e.target.value, error: null })}
                            onKeyDown={onEditorKeyDown}
                            onBlur={() => {
                              if (editingRef.current === editing && !editing.error) void commit(0, 0);
                            }}
                          />
                        )
                      ) : newRow && c === 0 && !text ? (
                        <span className="grid-cell-text grid-placeholder">{newRowLabel}</span>
                      ) : (
                        <span className="grid-cell-text">{showHidden(shown)}</span>
                      )}
                      {isEditing && editing.error && (
                        <span id={errorId} role="alert" className="grid-cell-error">
                          {editing.error}
                        </span>
                      )}
                      {cellNotice && (
                        <span id={noticeId} role="alert" className="grid-cell-error">
                          {cellNotice}
                        </span>
                      )}
                      {tooltip && (
                        <span id={tooltipId} role="tooltip" className="grid-cell-tooltip">
                          {showHidden(activeText)}
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
      {rowCount === 0 && !hasNewRow && <p className="grid-empty">No rows yet.</p>}
      {message && (
        <p id={messageId} className={message.kind === 'error' ? 'grid-message error' : 'grid-message'} role={message.kind === 'error' ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
    </div>
  );
}
