import { afterEach, describe, expect, it } from 'vitest';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { EditableGrid } from '../../../renderer/features/grid/editable-grid';
import type { EditHandler, GridColumn } from '../../../renderer/features/grid/grid-types';
import { fromTsv, toTsv } from '../../../renderer/features/grid/tsv';
import { rankOptions } from '../../../renderer/features/grid/choice-search';
import { COLUMN_PREFS_KEY, useColumnPrefs } from '../../../renderer/features/grid/column-prefs';

afterEach(() => {
  act(() => useColumnPrefs.setState({ grids: {} }));
  localStorage.removeItem(COLUMN_PREFS_KEY);
});

interface Row {
  id: string;
  name: string;
  qty: number;
}

const columns: GridColumn<Row>[] = [
  { key: 'name', header: 'Name', width: 120, editor: 'text', text: (r) => r.name, parse: (t) => (t.trim() ? { ok: true, value: t.trim() } : { ok: false, reason: 'a name is required' }) },
  {
    key: 'qty',
    header: 'Qty',
    width: 80,
    editor: 'text',
    text: (r) => String(r.qty),
    parse: (t) => (/^\d+$/.test(t) ? { ok: true, value: Number(t) } : { ok: false, reason: `“${t}” is not a whole number` }),
  },
];

function Harness({ count, newRow, prefsKey, initialRowKey, onActiveRowChange }: { count: number; newRow?: boolean; prefsKey?: string; initialRowKey?: string | null; onActiveRowChange?: (key: string | null) => void }) {
  const [rows, setRows] = useState<Row[]>(() => Array.from({ length: count }, (_, i) => ({ id: `r${i}`, name: `Item ${i + 1}`, qty: i })));
  const onEdit: EditHandler = async (edits, additions) => {
    setRows((current) => [
      ...current.map((r) => {
        const e = edits.find((x) => x.rowKey === r.id);
        return e ? { ...r, ...(e.values as Partial<Row>) } : r;
      }),
      ...additions.map((a, i) => ({ id: `new${i}`, name: '', qty: 0, ...(a as Partial<Row>) })),
    ]);
  };
  return (
    <EditableGrid
      label="Items"
      rows={rows}
      rowKey={(r) => r.id}
      columns={columns}
      onEdit={onEdit}
      {...(newRow ? { newRowLabel: 'New item' } : {})}
      {...(prefsKey ? { prefsKey } : {})}
      initialRowKey={initialRowKey}
      {...(onActiveRowChange ? { onActiveRowChange } : {})}
    />
  );
}

describe('editable grid', () => {
  it('renders only a window of a large row set, with the true row count and row indexes', async () => {
    render(<Harness count={2000} />);
    const grid = screen.getByRole('grid', { name: 'Items' });
    expect(grid.getAttribute('aria-rowcount')).toBe('2001');
    const rendered = grid.querySelectorAll('[role="row"][aria-rowindex]').length;
    expect(rendered).toBeGreaterThan(5);
    expect(rendered).toBeLessThan(100);
    // Ctrl+End moves the cursor to the last row, which is rendered for it.
    grid.focus();
    await userEvent.keyboard('{Control>}{End}{/Control}');
    // (jsdom has no scrolling, so the row's rendering is checked in Chromium by the e2e suite.)
    expect(grid.getAttribute('aria-activedescendant')).toMatch(/-r1999-c1$/);
  });

  it('keeps a refused value in the cell with the reason, and Escape restores the stored one', async () => {
    const user = userEvent.setup();
    render(<Harness count={3} />);
    const grid = screen.getByRole('grid', { name: 'Items' });
    grid.focus();
    await user.keyboard('{ArrowRight}7x{Enter}');
    expect((await screen.findByRole('alert')).textContent).toBe('“7x” is not a whole number');
    expect((screen.getByRole('textbox', { name: 'Qty, row 1' }) as HTMLInputElement).value).toBe('7x');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(document.getElementById(grid.getAttribute('aria-activedescendant')!)?.textContent).toBe('0');
  });
});

describe('editable grid: the empty row, columns and long text', () => {
  const pinnedColumns: GridColumn<Row>[] = [{ ...columns[0]!, pinned: true }, columns[1]!];

  it('keeps 100k rows virtual with the empty row counted and reachable', async () => {
    render(<Harness count={100_000} newRow />);
    const grid = screen.getByRole('grid', { name: 'Items' });
    // Header, 100,000 rows and the empty row.
    expect(grid.getAttribute('aria-rowcount')).toBe('100002');
    expect(grid.querySelectorAll('[role="row"][aria-rowindex]').length).toBeLessThan(100);
    grid.focus();
    await userEvent.keyboard('{Control>}{End}{/Control}');
    expect(grid.getAttribute('aria-activedescendant')).toMatch(/-r100000-c1$/);
  });

  it('adds a row when the empty row is typed in or pasted into, and keeps the empty row below', async () => {
    const user = userEvent.setup();
    render(<Harness count={2} newRow />);
    const grid = screen.getByRole('grid', { name: 'Items' });
    const emptyRow = () => grid.querySelector('[role="row"][aria-rowindex="4"]')!;
    expect(within(emptyRow() as HTMLElement).getByText('New item')).toBeTruthy();
    await user.click(emptyRow().querySelector('[data-column="name"]')!);
    await user.keyboard('Bolt{Enter}');
    await waitFor(() => expect(grid.getAttribute('aria-rowcount')).toBe('5'));
    expect(grid.querySelector('[role="row"][aria-rowindex="4"] [data-column="name"]')!.textContent).toBe('Bolt');
    expect(grid.querySelector('[role="row"][aria-rowindex="5"] [data-column="name"]')!.textContent).toBe('New item');
    // Enter moved the cursor onto the new empty row: a paste there adds rows too.
    expect(grid.getAttribute('aria-activedescendant')).toMatch(/-r3-c0$/);
    await user.paste('Nut\t4\nWasher\t9\n');
    await waitFor(() => expect(grid.getAttribute('aria-rowcount')).toBe('7'));
    expect(screen.getByText('Pasted 4 cells, adding 2 rows.')).toBeTruthy();
    expect(grid.querySelector('[role="row"][aria-rowindex="6"] [data-column="qty"]')!.textContent).toBe('9');
  });

  it('pins the first column with its offset, resizes columns with the keyboard and hides them, remembered in localStorage', async () => {
    const user = userEvent.setup();
    const view = render(
      <EditableGrid label="Pinned" prefsKey="pinned-test" rows={[{ id: 'a', name: 'A', qty: 1 }]} rowKey={(r) => r.id} columns={pinnedColumns} onEdit={async () => undefined} />,
    );
    const grid = screen.getByRole('grid', { name: 'Pinned' });
    const nameCell = grid.querySelector('[data-column="name"]') as HTMLElement;
    expect(nameCell.classList.contains('pinned')).toBe(true);
    expect(nameCell.style.left).toBe('56px');
    const handle = screen.getByRole('separator', { name: 'Resize Name' });
    handle.focus();
    await user.keyboard('{ArrowRight}{ArrowRight}{ArrowRight}{ArrowLeft}');
    expect(handle.getAttribute('aria-valuenow')).toBe(String(120 + 32));
    expect((grid.querySelector('[role="row"]') as HTMLElement).style.gridTemplateColumns).toBe('56px 152px 80px');
    await user.click(screen.getByRole('button', { name: 'Columns' }));
    expect((screen.getByRole('checkbox', { name: /^Name/ }) as HTMLInputElement).disabled).toBe(true);
    await user.click(screen.getByRole('checkbox', { name: 'Qty' }));
    expect(grid.querySelector('[data-column="qty"]')).toBeNull();
    expect(grid.getAttribute('aria-colcount')).toBe('2');
    expect(JSON.parse(localStorage.getItem(COLUMN_PREFS_KEY)!).state.grids['pinned-test']).toEqual({ widths: { name: 152 }, hidden: ['qty'] });

    // Read back from storage on a new start: the in-memory state is dropped, then rehydrated.
    view.unmount();
    const saved = localStorage.getItem(COLUMN_PREFS_KEY)!;
    act(() => useColumnPrefs.setState({ grids: {} }));
    localStorage.setItem(COLUMN_PREFS_KEY, saved);
    await act(() => useColumnPrefs.persist.rehydrate());
    render(<EditableGrid label="Pinned" prefsKey="pinned-test" rows={[{ id: 'a', name: 'A', qty: 1 }]} rowKey={(r) => r.id} columns={pinnedColumns} onEdit={async () => undefined} />);
    const again = screen.getByRole('grid', { name: 'Pinned' });
    expect(again.querySelector('[data-column="qty"]')).toBeNull();
    expect(screen.getByRole('separator', { name: 'Resize Name' }).getAttribute('aria-valuenow')).toBe('152');
    expect(screen.getByRole('button', { name: 'Columns (1 hidden)' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Columns (1 hidden)' }));
    await user.click(screen.getByRole('button', { name: 'Reset columns' }));
    expect(again.querySelector('[data-column="qty"]')).not.toBeNull();
    expect(screen.getByRole('separator', { name: 'Resize Name' }).getAttribute('aria-valuenow')).toBe('120');
  });

  it('resizes a column by dragging its header edge', () => {
    render(<Harness count={1} prefsKey="drag-test" />);
    const handle = screen.getByRole('separator', { name: 'Resize Qty' });
    fireEvent.pointerDown(handle, { clientX: 300 });
    fireEvent.pointerMove(window, { clientX: 340 });
    fireEvent.pointerUp(window, { clientX: 340 });
    expect(handle.getAttribute('aria-valuenow')).toBe('120');
    fireEvent.pointerMove(window, { clientX: 400 });
    expect(handle.getAttribute('aria-valuenow')).toBe('120');
  });

  it('shows a cut-off text whole: in the title on hover and in a tooltip linked to the focused cell', async () => {
    const long = 'A very long item name that cannot fit into a narrow column at all';
    render(<EditableGrid label="Long" rows={[{ id: 'a', name: long, qty: 1 }, { id: 'b', name: 'Short', qty: 2 }]} rowKey={(r) => r.id} columns={columns} onEdit={async () => undefined} />);
    const grid = screen.getByRole('grid', { name: 'Long' });
    const first = grid.querySelector('[role="row"][aria-rowindex="2"] [data-column="name"]') as HTMLElement;
    expect(first.getAttribute('title')).toBe(long);
    expect(screen.queryByRole('tooltip')).toBeNull();
    act(() => grid.focus());
    const tooltip = await screen.findByRole('tooltip');
    expect(tooltip.textContent).toBe(long);
    expect(first.getAttribute('aria-describedby')).toBe(tooltip.id);
    // A text that fits has no tooltip.
    await userEvent.keyboard('{ArrowDown}');
    await waitFor(() => expect(screen.queryByRole('tooltip')).toBeNull());
  });
});

describe('choice search', () => {
  const options = [
    { value: '', label: 'Unknown' },
    { value: 'user', label: 'By the user' },
    { value: 'professional', label: 'By a professional' },
    { value: 'no', label: 'No' },
  ];
  it('ranks real values above Unknown even when Unknown matches better', () => {
    expect(rankOptions(options, 'u').map((o) => o.label)).toEqual(['By the user', 'Unknown']);
    expect(rankOptions(options, 'n').map((o) => o.label)).toEqual(['No', 'By a professional', 'Unknown']);
    expect(rankOptions(options, 'pro').map((o) => o.value)).toEqual(['professional']);
    expect(rankOptions(options, '').map((o) => o.label)).toEqual(['By the user', 'By a professional', 'No', 'Unknown']);
    expect(rankOptions(options, 'zzz')).toEqual([]);
  });
});

describe('TSV', () => {
  it('round-trips cells with tabs, line breaks and quotes as spreadsheets write them', () => {
    const matrix = [['a\tb', 'line 1\nline 2'], ['say "hi"', '']];
    expect(fromTsv(toTsv(matrix))).toEqual(matrix);
    expect(fromTsv('x\ty\r\nz\tw\r\n')).toEqual([['x', 'y'], ['z', 'w']]);
    expect(fromTsv('')).toEqual([]);
  });
});
