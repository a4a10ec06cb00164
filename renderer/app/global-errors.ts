import { describeError } from '../db/errors';
import { useUiStore } from '../state/ui-store';

/** Errors outside React's render (event handlers, promises) become notices instead of vanishing in the console. */
export function installGlobalErrorHandlers(win: Window = window): () => void {
  const onError = (event: ErrorEvent) => {
    useUiStore.getState().pushNotice({ kind: 'error', message: `Unexpected error: ${event.message}`, detail: describeError(event.error) });
  };
  const onRejection = (event: PromiseRejectionEvent) => {
    const reason: unknown = event.reason;
    // Storage errors were already reported by the repository that raised them.
    if (reason instanceof Error && reason.name === 'StorageError') return;
    // A file refused from its size: an expected answer in the user's terms, not an unexpected error.
    if (reason instanceof Error && reason.name === 'FileRefusedError') {
      useUiStore.getState().pushNotice({ kind: 'warning', message: reason.message });
      return;
    }
    useUiStore.getState().pushNotice({ kind: 'error', message: `Unexpected error: ${reason instanceof Error ? reason.message : String(reason)}`, detail: describeError(reason) });
  };
  win.addEventListener('error', onError);
  win.addEventListener('unhandledrejection', onRejection);
  return () => {
    win.removeEventListener('error', onError);
    win.removeEventListener('unhandledrejection', onRejection);
  };
}
