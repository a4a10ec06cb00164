import { useLiveQuery } from 'dexie-react-hooks';
import { useDb } from '../../db/db-context';
import { countProductsByLine, listLines } from '../../db/repositories/product-lines';
import { LineItem } from './line-item';
import { NewLineForm } from './new-line-form';

export function PortfolioScreen() {
  const db = useDb();
  const lines = useLiveQuery(() => listLines(db), [db]);
  const counts = useLiveQuery(() => countProductsByLine(db), [db]);

  return (
    <div className="screen portfolio-screen">
      <h1>Portfolio</h1>
      <NewLineForm />
      <section aria-labelledby="lines-title">
        <h2 id="lines-title">Product lines</h2>
        {lines === undefined ? (
          <p role="status">Loading product lines…</p>
        ) : lines.length === 0 ? (
          <div className="empty-state">
            <p><strong>No product lines yet.</strong></p>
            <p>
              A product line groups products that share an environment, for example “Smart thermostats” (consumer) or
              “Line controllers” (industrial). Type a name in the form above, choose the environment and press
              “Create product line”. Everything is saved on this computer as you go.
            </p>
          </div>
        ) : (
          <ul className="line-list" aria-label="Product lines">
            {lines.map((line) => (
              <LineItem key={line.id} line={line} productCount={counts?.get(line.id) ?? 0} />
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
