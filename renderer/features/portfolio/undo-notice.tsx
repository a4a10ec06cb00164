/** "Deleted “X”. [Undo]": the last portfolio action, undoable from where it was done. */
import { useState } from 'react';
import { useDb } from '../../db/db-context';
import { ValidationError } from '../../db/errors';
import { undo } from '../../db/repositories/undo';

export interface DoneAction {
  id: number;
  message: string;
}

export function UndoNotice({ action, onDismiss }: { action: DoneAction | null; onDismiss(): void }) {
  const db = useDb();
  const [result, setResult] = useState<{ for: number; text: string } | null>(null);
  if (!action) return <div role="status" className="undo-notice-slot" />;
  const shown = result?.for === action.id ? result.text : null;

  const runUndo = async () => {
    try {
      const step = await undo(db);
      setResult({ for: action.id, text: step ? `Undone: ${step.description}.` : 'Nothing to undo.' });
    } catch (e) {
      // Storage errors are already shown as a notice; a refused undo explains itself here.
      setResult({ for: action.id, text: e instanceof ValidationError ? e.message : 'The undo failed (see the message above).' });
    }
  };

  return (
    <div role="status" className="undo-notice-slot">
      <div className="notice notice-success undo-notice">
        <p>{shown ?? action.message}</p>
        {!shown && <button type="button" onClick={() => void runUndo()} aria-label={`Undo: ${action.message}`}>Undo</button>}
        <button type="button" onClick={onDismiss} aria-label={`Dismiss: ${shown ?? action.message}`}>Dismiss</button>
      </div>
    </div>
  );
}
