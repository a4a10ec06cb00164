/** Dialogs for creating a product and moving one to another line. */
import { useId, useRef, useState, type FormEvent } from 'react';
import { CATEGORIES, type Category, type ProductLine } from '../../../shared/domain';
import { useDb } from '../../db/db-context';
import { ValidationError } from '../../db/errors';
import { createProduct, moveProduct } from '../../db/repositories/product-ops';
import type { Product } from '../../../shared/domain';
import { Dialog } from './dialog';
import { humanIssue } from './line-labels';

export const CATEGORY_LABELS: Record<Category, string> = {
  smartphone: 'Smartphone', tablet: 'Tablet', 'washing-machine': 'Washing machine', dishwasher: 'Dishwasher',
  refrigerator: 'Refrigerator', display: 'Display', thermostat: 'Thermostat', camera: 'Camera', lock: 'Lock',
  gateway: 'Gateway', wearable: 'Wearable', 'xr-headset': 'XR headset', other: 'Other',
};

function errorText(e: unknown, fallback: string): string {
  return e instanceof ValidationError ? e.issues.map(humanIssue).join(' ') : fallback;
}

export function NewProductDialog({ lines, lineId, onCreated, onCancel }: { lines: ProductLine[]; lineId: string | null; onCreated(product: Product): void; onCancel(): void }) {
  const db = useDb();
  const id = useId();
  const nameRef = useRef<HTMLInputElement>(null);
  const [line, setLine] = useState(lineId ?? lines[0]?.id ?? '');
  const [name, setName] = useState('');
  const [sku, setSku] = useState('');
  const [category, setCategory] = useState<Category>('other');
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      onCreated(await createProduct(db, { lineId: line, name, category, sku }));
    } catch (e) {
      setError(errorText(e, 'The product was not saved (see the message above).'));
    }
  };

  return (
    <Dialog title="New product" onCancel={onCancel} initialFocus={nameRef}>
      <form onSubmit={(e) => void submit(e)} noValidate className="dialog-form">
        <div className="field">
          <label htmlFor={`${id}-line`}>Product line</label>
          <select id={`${id}-line`} value={line} onChange={(e) => setLine(e.target.value)}>
            {lines.map((l) => <option key={l.id} value={l.id}>{l.name}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-name`}>Product name</label>
          <input id={`${id}-name`} ref={nameRef} value={name} maxLength={200} onChange={(e) => setName(e.target.value)}
            aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-category`}>Category</label>
          <select id={`${id}-category`} value={category} onChange={(e) => setCategory(e.target.value as Category)}>
            {CATEGORIES.map((c) => <option key={c} value={c}>{CATEGORY_LABELS[c]}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-sku`}>SKU (optional)</label>
          <input id={`${id}-sku`} value={sku} maxLength={200} onChange={(e) => setSku(e.target.value)} />
        </div>
        {error && <p id={`${id}-error`} className="field-error" role="alert">{error}</p>}
        <div className="dialog-actions">
          <button type="submit" className="primary">Create and open</button>
          <button type="button" onClick={onCancel}>Cancel</button>
        </div>
      </form>
    </Dialog>
  );
}

export function MoveProductDialog({ product, lines, onMoved, onCancel }: { product: Product; lines: ProductLine[]; onMoved(target: ProductLine): void; onCancel(): void }) {
  const db = useDb();
  const id = useId();
  const others = lines.filter((l) => l.id !== product.lineId);
  const [target, setTarget] = useState(others[0]?.id ?? '');
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await moveProduct(db, product.id, target);
      onMoved(lines.find((l) => l.id === target)!);
    } catch (e) {
      setError(errorText(e, 'The product was not moved (see the message above).'));
    }
  };

  return (
    <Dialog title={`Move “${product.name}”`} onCancel={onCancel}>
      {others.length === 0 ? (
        <>
          <p>There is no other product line to move it to. Create one first.</p>
          <div className="dialog-actions"><button type="button" onClick={onCancel}>Close</button></div>
        </>
      ) : (
        <form onSubmit={(e) => void submit(e)} className="dialog-form">
          <div className="field">
            <label htmlFor={`${id}-target`}>Move to product line</label>
            <select id={`${id}-target`} value={target} onChange={(e) => setTarget(e.target.value)}>
              {others.map((l) => <option key={l.id} value={l.id}>{l.name}</option>)}
            </select>
          </div>
          {error && <p className="field-error" role="alert">{error}</p>}
          <div className="dialog-actions">
            <button type="submit" className="primary">Move</button>
            <button type="button" onClick={onCancel}>Cancel</button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
