/** Undo and Redo buttons with what they would do; also installs the keyboard shortcuts. */
import type { UndoStep } from '../../db/repositories/undo';
import { useUndo } from './use-undo';
import './undo.css';

const isMac = typeof navigator !== 'undefined' && /Mac/i.test(navigator.platform);
const MOD = isMac ? '⌘' : 'Ctrl+';

/** "paste of 3 rows" as its write named it, else the description in running text ("edit of product “T1”"). */
function actionText(step: UndoStep): string {
  return step.label ?? step.description.toLowerCase();
}

export function UndoToolbar() {
  const { state, busy, message, run } = useUndo();
  const undoStep = state?.undo ?? null;
  const redoStep = state?.redo ?? null;
  return (
    <div className="undo-toolbar" role="group" aria-label="Undo and redo">
      <button
        type="button"
        onClick={() => void run('undo')}
        disabled={!undoStep || busy}
        title={undoStep ? `Undo ${actionText(undoStep)} (${MOD}Z)` : 'Nothing to undo'}
        aria-keyshortcuts="Control+Z Meta+Z"
      >
        Undo
      </button>
      <button
        type="button"
        onClick={() => void run('redo')}
        disabled={!redoStep || busy}
        title={redoStep ? `Redo ${actionText(redoStep)} (${isMac ? '⇧⌘Z' : 'Ctrl+Y'})` : 'Nothing to redo'}
        aria-keyshortcuts="Control+Shift+Z Meta+Shift+Z Control+Y"
      >
        Redo
      </button>
      <span className={message?.kind === 'error' ? 'undo-message error' : 'undo-message'} role={message?.kind === 'error' ? 'alert' : 'status'}>
        {message?.text ?? ''}
      </span>
    </div>
  );
}
