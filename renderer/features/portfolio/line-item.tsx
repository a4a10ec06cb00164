import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { ProductLine } from '../../../shared/domain';
import { useDb } from '../../db/db-context';
import { ValidationError } from '../../db/errors';
import { deleteLine, renameLine } from '../../db/repositories/product-lines';
import { useUiStore } from '../../state/ui-store';
import { ENVIRONMENT_LABELS, humanIssue } from './line-labels';
import { ConfirmDialog } from './dialog';

type Mode = 'view' | 'rename' | 'confirm-delete';

export function LineItem({ line, productCount, onDeleted }: { line: ProductLine; productCount: number; onDeleted?: (message: string) => void }) {
  const db = useDb();
  const selected = useUiStore((s) => s.selectedLineId === line.id);
  const selectLine = useUiStore((s) => s.selectLine);
  const [mode, setMode] = useState<Mode>('view');
  const [draft, setDraft] = useState(line.name);
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const renameInput = useRef<HTMLInputElement>(null);
  const renameButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (mode === 'rename') renameInput.current?.select();
  }, [mode]);

  const backToView = () => {
    setMode('view');
    setError(null);
    // Return focus where the action started so keyboard users keep their place.
    requestAnimationFrame(() => renameButton.current?.focus());
  };

  const saveRename = async (event: FormEvent) => {
    event.preventDefault();
    if (draft === line.name) return backToView();
    try {
      await renameLine(db, line.id, draft);
      backToView();
    } catch (e) {
      setError(e instanceof ValidationError ? e.issues.map(humanIssue).join(' ') : 'The new name was not saved (see the message above).');
    }
  };

  const confirmDelete = async () => {
    try {
      const { deletedProducts } = await deleteLine(db, line.id);
      if (selected) selectLine(null);
      onDeleted?.(`Deleted the product line “${line.name}”${deletedProducts ? ` and ${deletedProducts === 1 ? 'its product' : `its ${deletedProducts} products`}` : ''}.`);
    } catch {
      setMode('view');
    }
  };

  return (
    <li className={`line-item${selected ? ' selected' : ''}`} aria-labelledby={`${id}-name`}>
      {mode === 'rename' ? (
        <form className="rename-form" onSubmit={(e) => void saveRename(e)} noValidate>
          <label htmlFor={`${id}-rename`} className="visually-hidden">New name for {line.name}</label>
          <input
            id={`${id}-rename`}
            ref={renameInput}
            value={draft}
            maxLength={200}
            onChange={(e) => setDraft(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape') {
                e.preventDefault();
                setDraft(line.name);
                backToView();
              }
            }}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
          />
          <button type="submit" className="primary">Save</button>
          <button type="button" onClick={() => { setDraft(line.name); backToView(); }}>Cancel</button>
          <span id={`${id}-name`} hidden>{line.name}</span>
        </form>
      ) : (
        <div className="line-summary">
          <button type="button" className="link-button line-name" id={`${id}-name`} aria-pressed={selected} onClick={() => selectLine(selected ? null : line.id)}>
            {line.name}
          </button>
          <span className="line-meta">
            {ENVIRONMENT_LABELS[line.environment]} · {productCount === 1 ? '1 product' : `${productCount} products`}
          </span>
          <span className="line-actions">
            <button type="button" ref={renameButton} onClick={() => { setDraft(line.name); setMode('rename'); }} aria-label={`Rename ${line.name}`}>
              Rename
            </button>
            <button type="button" className="danger" onClick={() => setMode('confirm-delete')} aria-label={`Delete ${line.name}`}>
              Delete
            </button>
          </span>
        </div>
      )}
      {mode === 'confirm-delete' && (
        <ConfirmDialog
          title="Delete product line"
          message={<p>Delete “{line.name}”{productCount > 0 ? ` and its ${productCount === 1 ? 'product' : `${productCount} products`}` : ''}? You can undo this right after.</p>}
          confirmLabel="Delete product line"
          onConfirm={confirmDelete}
          onCancel={() => setMode('view')}
        />
      )}
      {error && <p id={`${id}-error`} className="field-error" role="alert">{error}</p>}
    </li>
  );
}
