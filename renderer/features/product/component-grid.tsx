/** The product's components in the editable grid, with group filters and row actions. */
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import type { Component, Product } from '../../../shared/domain';
import { useDb } from '../../db/db-context';
import { StaleEditError, ValidationError, type StaleCell } from '../../db/errors';
import { addComponents, applyComponentEdits, deleteComponents, duplicateComponents, updateComponent, type EditBasis } from '../../db/repositories/components';
import { revealGridCursor } from './reveal';
import { useUiStore } from '../../state/ui-store';
import { EditableGrid } from '../grid/editable-grid';
import type { EditHandler, EditInfo, GridHandle, RowEdit } from '../grid/grid-types';
import { formatCount } from '../../../shared/format/format';
import { showHidden } from '../../../shared/text/hygiene';
import {
  COMPONENT_GROUPS,
  componentColumns,
  GROUP_LABELS,
  defaultsFor,
  groupOf,
  toComponentPatch,
  type ComponentGroup,
} from './component-columns';
import { describeWriteError } from './save-status';

export interface ComponentGridProps {
  product: Product;
  track<T>(write: Promise<T>): Promise<T>;
  height?: number;
}

const componentKey = (c: Component) => c.id;

/** A field's value in a row; `sources.endoflife` reaches into a nested object. */
function valueAt(row: unknown, field: string): unknown {
  let value: unknown = row;
  for (const part of field.split('.')) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined;
  return value;
}

/** The values the edited cells had when the edit began: a cell changed meanwhile (another window) makes the write ask first. */
function basisOf(edit: RowEdit): EditBasis | undefined {
  if (!edit.startedFrom) return undefined;
  return { startedFrom: Object.fromEntries(Object.keys(edit.values).map((key) => [key, valueAt(edit.startedFrom, key)])) };
}

/** A value as its cell shows it (option labels, markers for hidden characters), for the overwrite question. */
function cellShown(product: Product, field: string, value: unknown): string {
  const column = componentColumns(product.components).find((c) => c.key === field);
  let text: string;
  if (!column) text = value === undefined || value === null ? '' : String(value);
  else {
    const row: Record<string, unknown> = {};
    const [head, ...rest] = field.split('.');
    if (rest.length) row[head!] = { [rest.join('.')]: value };
    else row[head!] = value;
    text = column.text(row as unknown as Component);
    if (column.editor === 'select') text = column.options?.find((o) => o.value === text)?.label ?? text;
  }
  return text === '' ? '(empty)' : showHidden(text);
}

/** The overwrite question: every changed cell, with the other window's value and the one typed here. */
function staleQuestion(product: Product, cells: readonly StaleCell[], edits: RowEdit[]): string {
  const lines = cells.map((cell) => {
    const edit = edits.find((e) => e.rowKey === cell.componentId);
    // Named as the row read when the edit began: the other window may have renamed it.
    const name = (edit?.startedFrom as Component | undefined)?.name ?? product.components.find((c) => c.id === cell.componentId)?.name ?? 'a component';
    const header = componentColumns(product.components).find((c) => c.key === cell.field)?.header ?? cell.field;
    const mine = edit?.values[cell.field];
    return `“${showHidden(name)}”, ${header}: now “${cellShown(product, cell.field, cell.stored)}” (yours: “${cellShown(product, cell.field, mine)}”)`;
  });
  const one = cells.length === 1;
  return `${one ? 'This cell was' : `${cells.length} cells were`} changed in another window or tab since you started editing:\n${lines.join('\n')}\n\nReplace ${one ? 'it' : 'them'} with your ${one ? 'value' : 'values'}?`;
}

/** "components.12.name: a name is required" → "“Fan motor”, Name: a name is required". */
function explainRefusal(product: Product, error: unknown): string {
  if (!(error instanceof ValidationError)) return describeWriteError(error);
  return error.issues
    .map((issue) => {
      const m = /^components\.(\d+)\.([^:]+): (.*)$/.exec(issue);
      if (!m) return issue;
      const index = Number(m[1]);
      const path = m[2]!;
      const column = componentColumns(product.components).find((c) => c.key === path || path.startsWith(`${c.key}.`));
      const who = index < product.components.length ? `“${product.components[index]!.name}”` : `new row ${index + 1}`;
      return `${who}, ${column?.header ?? path}: ${m[3]}`;
    })
    .join('; ');
}

/** The name of a new row's component when the person gave none. */
function newRowName(group: ComponentGroup): string {
  return defaultsFor(group).class === 'mechanical' ? 'New mechanical part' : 'New component';
}

/**
 * What undo calls the action: "Field replaceable of Door gasket" for one cell,
 * "paste of 3 rows", "fill down", "clear of 4 cells".
 */
export function undoLabel(product: Product, edits: RowEdit[], additions: Record<string, unknown>[], info: EditInfo, newName: string): string {
  if (info.action === 'paste') return `paste of ${formatCount(info.rows, 'row')}`;
  if (info.action === 'fill') return 'fill down';
  if (info.action === 'clear') return `clear of ${formatCount(info.cells, 'cell')}`;
  const columns = componentColumns(product.components);
  const only = edits.length === 1 && additions.length === 0 ? edits[0]! : null;
  const fields = only ? Object.keys(only.values) : [];
  if (only && fields.length === 1) {
    const header = columns.find((c) => c.key === fields[0])?.header ?? fields[0]!;
    // Named as the row read when the edit began: a rename is "Name of <old name>".
    const name = (only.startedFrom as Component | undefined)?.name ?? product.components.find((c) => c.id === only.rowKey)?.name ?? 'a component';
    return `${header} of ${name}`;
  }
  if (edits.length === 0 && additions.length === 1) {
    const name = typeof additions[0]!.name === 'string' && additions[0]!.name ? additions[0]!.name : newName;
    return `adding ${name}`;
  }
  return `edit of ${formatCount(info.rows, 'row')}`;
}

export function ComponentGrid({ product, track, height = 480 }: ComponentGridProps) {
  const db = useDb();
  const id = useId();
  const gridRef = useRef<GridHandle>(null);
  const sectionRef = useRef<HTMLElement>(null);
  const [group, setGroup] = useState<ComponentGroup>('all');
  const [selected, setSelected] = useState<string[]>([]);
  const [status, setStatus] = useState<{ kind: 'error' | 'info'; text: string } | null>(null);
  const focusRequest = useUiStore((s) => s.focusRequest);
  const clearFocusRequest = useUiStore((s) => s.clearFocusRequest);
  const selectComponent = useUiStore((s) => s.selectComponent);
  const activeRow = useRef<string | null>(null);
  const pendingFocus = useRef<string | null>(null);
  const ownSelection = useRef(false);

  const counts = useMemo(() => {
    const n: Record<ComponentGroup, number> = { all: product.components.length, it: 0, ecosystem: 0, mechanical: 0 };
    for (const c of product.components) n[groupOf(c)] += 1;
    return n;
  }, [product.components]);

  const columns = useMemo(() => componentColumns(product.components), [product.components]);
  const rows = useMemo(
    () => (group === 'all' ? product.components : product.components.filter((c) => groupOf(c) === group)),
    [product.components, group],
  );

  const onEdit: EditHandler = useCallback(
    async (edits, additions, info) => {
      const newName = newRowName(group);
      const label = undoLabel(product, edits, additions, info, newName);
      const save = (checked: boolean) => {
        const only = edits.length === 1 && additions.length === 0 ? edits[0]! : null;
        // One row's cells: the component edit, based on the values the edit started from.
        if (only) return track(updateComponent(db, product.id, only.rowKey, toComponentPatch(only.values), checked ? basisOf(only) : undefined, label));
        return track(
          applyComponentEdits(
            db,
            product.id,
            {
              updates: edits.map((e) => {
                const basis = checked ? basisOf(e) : undefined;
                return { id: e.rowKey, patch: toComponentPatch(e.values), ...(basis ? { basis } : {}) };
              }),
              // A row typed or pasted without a name is named as the empty row's placeholder says.
              additions: additions.map((values) => ({ ...defaultsFor(group), name: newName, ...toComponentPatch(values) }) as Component),
            },
            label,
          ),
        );
      };
      try {
        try {
          await save(true);
        } catch (error) {
          if (!(error instanceof StaleEditError)) throw error;
          if (!window.confirm(staleQuestion(product, error.cells, edits))) {
            setStatus({ kind: 'info', text: `Nothing was saved: kept the ${error.cells.length === 1 ? 'value' : 'values'} from the other window.` });
            return false;
          }
          await save(false);
        }
      } catch (error) {
        throw new Error(explainRefusal(product, error));
      }
    },
    [db, product, group, track],
  );

  const onActiveRowChange = useCallback(
    (key: string | null) => {
      activeRow.current = key;
      if (key && useUiStore.getState().selectedComponentId !== key) {
        ownSelection.current = true;
        try {
          selectComponent(key);
        } finally {
          ownSelection.current = false;
        }
      }
    },
    [selectComponent],
  );

  // A finding or chart elsewhere asks for a component (and maybe one of its fields).
  useEffect(() => {
    if (focusRequest && focusRequest.productId === product.id && focusRequest.componentId) {
      const field = focusRequest.field.replace(/^component\./, '');
      const target = product.components.find((c) => c.id === focusRequest.componentId);
      if (!target) {
        clearFocusRequest();
        return;
      }
      if (group !== 'all' && groupOf(target) !== group) {
        // eslint-disable-next-line react-hooks/set-state-in-effect -- the request comes from outside: the filter must widen before the row exists to focus.
        setGroup('all');
        return;
      }
      const column = componentColumns(product.components).some((c) => c.key === field) ? field : null;
      if (gridRef.current?.focusCell(target.id, column)) {
        // The selection effect below must not move the cursor back to the row's first cell.
        activeRow.current = target.id;
        clearFocusRequest();
        revealGridCursor(() => sectionRef.current?.querySelector<HTMLElement>("[role='grid']") ?? null);
      }
    }
  }, [focusRequest, product, group, clearFocusRequest]);

  // Only a selection made elsewhere (a chart, a finding) moves the cursor. Zustand notifies
  // synchronously, so the grid's own updates are told apart by a flag rather than by comparing
  // values that may be a render behind (which would bounce the cursor between two rows).
  useEffect(
    () =>
      useUiStore.subscribe((state, previous) => {
        if (ownSelection.current || state.selectedComponentId === previous.selectedComponentId) return;
        if (state.selectedComponentId && state.selectedComponentId !== activeRow.current) {
          gridRef.current?.focusCell(state.selectedComponentId, null);
        }
      }),
    [],
  );

  // Rows added by a button: the new row gets the cursor once it is rendered.
  useEffect(() => {
    const key = pendingFocus.current;
    if (key && gridRef.current?.focusCell(key, 'name')) pendingFocus.current = null;
  }, [rows]);

  /** Puts the cursor on a row the write just created, now or once the live query shows it. */
  const focusNew = (key: string | null) => {
    pendingFocus.current = key;
    if (key && gridRef.current?.focusCell(key, 'name')) pendingFocus.current = null;
  };

  const run = async (action: () => Promise<string>) => {
    try {
      setStatus({ kind: 'info', text: await action() });
    } catch (error) {
      setStatus({ kind: 'error', text: explainRefusal(product, error) });
    }
  };

  const addRow = () =>
    run(async () => {
      const defaults = defaultsFor(group);
      const name = newRowName(group);
      const [newKey] = await track(addComponents(db, product.id, [{ ...defaults, name }]));
      focusNew(newKey ?? null);
      return `Added “${name}”. Type to rename it.`;
    });

  const duplicateRows = () =>
    run(async () => {
      const ids = await track(duplicateComponents(db, product.id, selected));
      focusNew(ids[0] ?? null);
      return `Duplicated ${ids.length} ${ids.length === 1 ? 'component' : 'components'}.`;
    });

  const deleteRows = () =>
    run(async () => {
      const n = await track(deleteComponents(db, product.id, selected));
      return `Deleted ${n} ${n === 1 ? 'component' : 'components'}. Undo brings ${n === 1 ? 'it' : 'them'} back (Ctrl+Z).`;
    });

  const selectedNames = selected.length === 1 ? `“${product.components.find((c) => c.id === selected[0])?.name ?? ''}”` : `${selected.length} components`;

  return (
    <section ref={sectionRef} className="component-section" aria-labelledby={`${id}-title`}>
      <div className="component-toolbar">
        <h2 id={`${id}-title`}>Components</h2>
        <div role="group" aria-label="Show components" className="segmented">
          {COMPONENT_GROUPS.map((g) => (
            <button key={g} type="button" aria-pressed={group === g} onClick={() => setGroup(g)}>
              {GROUP_LABELS[g]} <span className="count">({counts[g]})</span>
            </button>
          ))}
        </div>
        <div className="button-row">
          <button type="button" onClick={() => void addRow()}>
            Add component
          </button>
          <button type="button" onClick={() => void duplicateRows()} disabled={selected.length === 0 || rows.length === 0}>
            Duplicate {rows.length ? selectedNames : ''}
          </button>
          <button type="button" className="danger" onClick={() => void deleteRows()} disabled={selected.length === 0 || rows.length === 0}>
            Delete {rows.length ? selectedNames : ''}
          </button>
        </div>
      </div>
      <p className="hint" id={`${id}-help`}>
        Arrows move, Enter or typing edits, Enter saves and moves down, Tab moves right, Escape cancels. Copy and paste blocks of
        cells with spreadsheets (Ctrl+C, Ctrl+V); typing or pasting in the empty row at the end adds components. Ctrl+D fills the
        selection down from its top cell, Delete clears it. Dates: YYYY-MM-DD, or YYYY-MM for the end of a month; an empty cell
        means unknown.
      </p>
      <EditableGrid
        ref={gridRef}
        label={`Components of ${product.name}`}
        rows={rows}
        rowKey={componentKey}
        columns={columns}
        onEdit={onEdit}
        onActiveRowChange={onActiveRowChange}
        onSelectionChange={setSelected}
        // A component selected on another tab (a chart row) keeps the cursor when this tab opens.
        initialRowKey={useUiStore.getState().selectedComponentId}
        height={height}
        newRowLabel={newRowName(group)}
        prefsKey="product-components"
      />
      {status && (
        <p className={status.kind === 'error' ? 'field-error' : 'hint'} role={status.kind === 'error' ? 'alert' : 'status'}>
          {status.text}
        </p>
      )}
    </section>
  );
}
