import { useId, useState, type FormEvent } from 'react';
import { ENVIRONMENTS, type Environment } from '../../../shared/domain';
import { ENVIRONMENT_LABELS, humanIssue } from './line-labels';
import { useDb } from '../../db/db-context';
import { ValidationError } from '../../db/errors';
import { createLine } from '../../db/repositories/product-lines';
import { useUiStore } from '../../state/ui-store';

export function NewLineForm() {
  const db = useDb();
  const selectLine = useUiStore((s) => s.selectLine);
  const [name, setName] = useState('');
  const [environment, setEnvironment] = useState<Environment>('consumer');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      const line = await createLine(db, { name, environment });
      setName('');
      setError(null);
      selectLine(line.id);
    } catch (e) {
      // Storage errors are already shown as a notice; keep what was typed so nothing is lost.
      setError(e instanceof ValidationError ? e.issues.map(humanIssue).join(' ') : 'The product line was not saved (see the message above).');
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="new-line-form" onSubmit={(e) => void submit(e)} aria-labelledby={`${id}-title`} noValidate>
      <h2 id={`${id}-title`}>New product line</h2>
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${id}-name`}>Name</label>
          <input
            id={`${id}-name`}
            value={name}
            maxLength={200}
            onChange={(e) => setName(e.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
            placeholder="e.g. Smart thermostats"
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-env`}>Environment</label>
          <select id={`${id}-env`} value={environment} onChange={(e) => setEnvironment(e.target.value as Environment)}>
            {ENVIRONMENTS.map((env) => (
              <option key={env} value={env}>{ENVIRONMENT_LABELS[env]}</option>
            ))}
          </select>
        </div>
        <button type="submit" className="primary" disabled={busy}>Create product line</button>
      </div>
      {error && <p id={`${id}-error`} className="field-error" role="alert">{error}</p>}
    </form>
  );
}
