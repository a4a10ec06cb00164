/** Creating a product from the product page: a line, a name and a category are enough to start. */
import { useId, useState, type FormEvent } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { CATEGORIES, newId, type Category } from '../../../shared/domain';
import { useDb } from '../../db/db-context';
import { listLines } from '../../db/repositories/product-lines';
import { listProducts, putProduct } from '../../db/repositories/products';
import { useUiStore } from '../../state/ui-store';
import { CATEGORY_LABELS } from './product-fields';
import { describeWriteError } from './save-status';

export function NewProductForm() {
  const db = useDb();
  const id = useId();
  const navigate = useUiStore((s) => s.navigate);
  const lines = useLiveQuery(() => listLines(db), [db]);
  const products = useLiveQuery(() => listProducts(db), [db]);
  const [lineId, setLineId] = useState('');
  const [name, setName] = useState('');
  const [category, setCategory] = useState<Category>('other');
  const [error, setError] = useState<string | null>(null);

  if (lines === undefined) return <p role="status">Loading product lines…</p>;
  if (lines.length === 0) {
    return (
      <p>
        There are no product lines yet. Create one in the{' '}
        <a href="#/portfolio" onClick={(e) => { e.preventDefault(); navigate({ area: 'portfolio' }); }}>portfolio</a> first.
      </p>
    );
  }
  const chosenLine = lineId || lines[0]!.id;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const product = await putProduct(db, { id: newId(), lineId: chosenLine, name, category });
      setError(null);
      navigate({ area: 'product', productId: product.id });
    } catch (e) {
      setError(describeWriteError(e));
    }
  };

  return (
    <>
      <form className="panel new-product-form" onSubmit={(e) => void submit(e)} aria-labelledby={`${id}-title`} noValidate>
        <h2 id={`${id}-title`}>New product</h2>
        <div className="field-row">
          <div className="field">
            <label htmlFor={`${id}-line`}>Product line</label>
            <select id={`${id}-line`} value={chosenLine} onChange={(e) => setLineId(e.target.value)}>
              {lines.map((l) => (
                <option key={l.id} value={l.id}>{l.name}</option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-name`}>Product name</label>
            <input
              id={`${id}-name`}
              value={name}
              onChange={(e) => setName(e.target.value)}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? `${id}-error` : undefined}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-category`}>Category</label>
            <select id={`${id}-category`} value={category} onChange={(e) => setCategory(e.target.value as Category)}>
              {CATEGORIES.map((c) => (
                <option key={c} value={c}>{CATEGORY_LABELS[c]}</option>
              ))}
            </select>
          </div>
          <button type="submit" className="primary">Create product</button>
        </div>
        {error && <p id={`${id}-error`} className="field-error" role="alert">{error}</p>}
      </form>
      {products && products.length > 0 && (
        <nav aria-label="Products" className="panel">
          <h2>Open a product</h2>
          <ul className="product-picker">
            {[...products]
              .sort((a, b) => a.name.localeCompare(b.name))
              .map((p) => (
                <li key={p.id}>
                  <a href={`#/product/${encodeURIComponent(p.id)}`} onClick={(e) => { e.preventDefault(); navigate({ area: 'product', productId: p.id }); }}>
                    {p.name}
                  </a>
                </li>
              ))}
          </ul>
        </nav>
      )}
    </>
  );
}
