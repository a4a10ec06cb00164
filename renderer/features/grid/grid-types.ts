/** A cell's text turned into a value, or refused with the reason (never coerced into something else). */
export type ParseResult = { ok: true; value: unknown } | { ok: false; reason: string };

export interface GridOption {
  /** The value's text: what is copied, pasted and parsed. '' = unknown / empty. */
  value: string;
  label: string;
}

export interface GridColumn<R> {
  key: string;
  header: string;
  /** Pixels. */
  width: number;
  /** 'select' edits with a list of options (enums, yes/no/unknown); 'text' with a text box. */
  editor: 'text' | 'select';
  options?: readonly GridOption[];
  /** The cell's text: shown (through the option label for selects), copied and edited. */
  text(row: R): string;
  parse(text: string): ParseResult;
  align?: 'start' | 'end';
  /** Shown as the text box's placeholder and in the header's title: the accepted format. */
  hint?: string;
  /**
   * Kept in view at the left while scrolling sideways (it names the row), and never
   * hidden by the person. Pinned columns come first.
   */
  pinned?: boolean;
}

/** New values for some cells of an existing row, by column key. */
export interface RowEdit {
  rowKey: string;
  values: Record<string, unknown>;
  /**
   * The row as the grid showed it when the edit began (the editor opened, or the
   * paste or clear was made): the owner compares it with the stored row to notice a
   * change made meanwhile, e.g. in another window.
   */
  startedFrom?: unknown;
}

/** What kind of action an edit is, so the owner can name it (for undo). */
export interface EditInfo {
  /** A cell typed or chosen, a paste, a fill down (Ctrl+D), or cells cleared (Delete, cut). */
  action: 'edit' | 'paste' | 'fill' | 'clear';
  /** Rows the action writes, added ones included. */
  rows: number;
  /** Cells it writes. */
  cells: number;
}

/**
 * One user action on the grid's data: cell edits and, for a paste below the last
 * row or typing in the empty row at the end, new rows (values by column key). The promise rejects with an Error whose
 * message says what was refused; nothing is written then. It resolves `false` when
 * nothing was written on purpose (the person kept another window's value).
 */
export type EditHandler = (edits: RowEdit[], additions: Record<string, unknown>[], info: EditInfo) => Promise<void | false>;

export interface CellPosition {
  row: number;
  col: number;
}

export interface GridHandle {
  /** Moves the active cell to a row (and column) and focuses the grid there. */
  focusCell(rowKey: string, columnKey?: string | null): boolean;
  /** Keys of the rows the selection covers, top to bottom. */
  selectedRowKeys(): string[];
}
