import { useCallback, useRef, useState } from 'react';
import { NotFoundError, StaleEditError, StorageError, ValidationError } from '../../db/errors';

export type SaveState = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved'; at: Date } | { kind: 'failed'; message: string };

/** A refused or failed write, in words for the place where it happened. */
export function describeWriteError(error: unknown): string {
  if (error instanceof ValidationError) return error.issues.join('; ');
  if (error instanceof NotFoundError || error instanceof StorageError) return error.message;
  return error instanceof Error ? error.message : String(error);
}

/**
 * "Saved" means the transaction committed: the status follows each write's promise,
 * and only the newest write decides what is shown.
 */
export function useSaveStatus() {
  const [state, setState] = useState<SaveState>({ kind: 'idle' });
  const latest = useRef(0);
  const track = useCallback(<T,>(write: Promise<T>): Promise<T> => {
    latest.current += 1;
    const mine = latest.current;
    setState({ kind: 'saving' });
    write.then(
      () => {
        if (latest.current === mine) setState({ kind: 'saved', at: new Date() });
      },
      (error: unknown) => {
        // A write over a value changed in another window is not a failure: the caller asks, and says what happened.
        if (latest.current === mine) setState(error instanceof StaleEditError ? { kind: 'idle' } : { kind: 'failed', message: describeWriteError(error) });
      },
    );
    return write;
  }, []);
  return { state, track };
}

export function SaveStatus({ state }: { state: SaveState }) {
  const text =
    state.kind === 'saving'
      ? 'Saving…'
      : state.kind === 'saved'
        ? `Saved at ${state.at.toLocaleTimeString()}`
        : state.kind === 'failed'
          ? `Not saved: ${state.message}`
          : 'All changes are saved on this computer as you edit.';
  return (
    <p className={`save-status save-${state.kind}`} role="status" data-testid="save-status">
      {text}
    </p>
  );
}
