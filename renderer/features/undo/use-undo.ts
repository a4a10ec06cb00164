/**
 * Undo and redo for the whole app: the state comes from the change log (a live
 * query), the keyboard shortcuts are global, and a text box being edited keeps
 * its own Ctrl+Z (the browser undoes the typing there).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useDb } from '../../db/db-context';
import { getUndoState, redo, undo, type UndoState, type UndoStep } from '../../db/repositories/undo';
import { describeWriteError } from '../product/save-status';

const TEXT_INPUT_TYPES = new Set(['text', 'search', 'email', 'url', 'tel', 'password', 'number', 'date', 'month', '']);

/** True where Ctrl+Z belongs to the browser: typing in a text box or an editable element. */
export function isTextEditing(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement) return true;
  return target instanceof HTMLInputElement && TEXT_INPUT_TYPES.has(target.type) && !target.readOnly;
}

export type UndoShortcut = 'undo' | 'redo' | null;

/** Ctrl/Cmd+Z undoes; Shift+Ctrl/Cmd+Z and Ctrl+Y redo. */
export function shortcutOf(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>): UndoShortcut {
  if (!(event.ctrlKey || event.metaKey) || event.altKey) return null;
  const key = event.key.toLowerCase();
  if (key === 'z') return event.shiftKey ? 'redo' : 'undo';
  if (key === 'y' && event.ctrlKey && !event.shiftKey) return 'redo';
  return null;
}

export interface UndoController {
  state: UndoState | undefined;
  busy: boolean;
  /** What the last undo or redo did, or why it was refused. */
  message: { kind: 'info' | 'error'; text: string } | null;
  run(direction: 'undo' | 'redo'): Promise<void>;
}

export function useUndo(): UndoController {
  const db = useDb();
  const state = useLiveQuery(() => getUndoState(db), [db]);
  const [busy, setBusy] = useState(false);
  const queue = useRef<Promise<void>>(Promise.resolve());
  const [message, setMessage] = useState<UndoController['message']>(null);

  // Steps run one after another: three quick Ctrl+Z are three undos, never overlapping transactions.
  const run = useCallback(
    (direction: 'undo' | 'redo') => {
      const next = queue.current.then(async () => {
        setBusy(true);
        try {
          const step: UndoStep | null = await (direction === 'undo' ? undo(db) : redo(db));
          setMessage(step ? { kind: 'info', text: `${direction === 'undo' ? 'Undone' : 'Redone'}: ${step.description}.` } : { kind: 'info', text: `Nothing to ${direction}.` });
        } catch (error) {
          setMessage({ kind: 'error', text: `Could not ${direction}: ${describeWriteError(error)}` });
        } finally {
          setBusy(false);
        }
      });
      queue.current = next;
      return next;
    },
    [db],
  );

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const shortcut = shortcutOf(event);
      if (!shortcut || event.defaultPrevented || isTextEditing(event.target)) return;
      event.preventDefault();
      void run(shortcut);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [run]);

  return { state, busy, message, run };
}
