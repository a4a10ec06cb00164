/**
 * A modal dialog: labelled, focus moved inside on open and kept there (Tab
 * cycles), Escape cancels, and focus goes back to where it was on close, so
 * keyboard and screen-reader users never lose their place.
 */
import { useEffect, useId, useRef, type ReactNode } from 'react';

export interface DialogProps {
  title: string;
  onCancel(): void;
  children: ReactNode;
  /** Focused on open; defaults to the first focusable element. */
  initialFocus?: React.RefObject<HTMLElement | null>;
  describedBy?: string;
}

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

export function Dialog({ title, onCancel, children, initialFocus, describedBy }: DialogProps) {
  const id = useId();
  const ref = useRef<HTMLDivElement>(null);
  const onCancelRef = useRef(onCancel);
  useEffect(() => {
    onCancelRef.current = onCancel;
  });

  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const target = initialFocus?.current ?? ref.current?.querySelector<HTMLElement>(FOCUSABLE) ?? ref.current;
    target?.focus();
    return () => {
      // The opener may have been removed (a deleted row): then focus stays where the screen puts it.
      if (opener?.isConnected) opener.focus();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- focus once, on open
  }, []);

  const onKeyDown = (event: React.KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onCancelRef.current();
      return;
    }
    if (event.key !== 'Tab' || !ref.current) return;
    const focusable = [...ref.current.querySelectorAll<HTMLElement>(FOCUSABLE)];
    if (focusable.length === 0) return;
    const first = focusable[0]!;
    const last = focusable[focusable.length - 1]!;
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };

  return (
    <div className="dialog-backdrop" onMouseDown={(e) => { if (e.target === e.currentTarget) onCancelRef.current(); }}>
      <div ref={ref} className="dialog" role="dialog" aria-modal="true" aria-labelledby={`${id}-title`} aria-describedby={describedBy} tabIndex={-1} onKeyDown={onKeyDown}>
        <h2 id={`${id}-title`}>{title}</h2>
        {children}
      </div>
    </div>
  );
}

export interface ConfirmDialogProps {
  title: string;
  message: ReactNode;
  confirmLabel: string;
  onConfirm(): void | Promise<void>;
  onCancel(): void;
  danger?: boolean;
}

/** Focus starts on Cancel, so Enter never destroys anything by accident. */
export function ConfirmDialog({ title, message, confirmLabel, onConfirm, onCancel, danger = true }: ConfirmDialogProps) {
  const id = useId();
  const cancel = useRef<HTMLButtonElement>(null);
  return (
    <Dialog title={title} onCancel={onCancel} initialFocus={cancel} describedBy={`${id}-message`}>
      <div id={`${id}-message`} className="dialog-message">{message}</div>
      <div className="dialog-actions">
        <button type="button" className={danger ? 'danger' : 'primary'} onClick={() => void onConfirm()}>{confirmLabel}</button>
        <button type="button" ref={cancel} onClick={onCancel}>Cancel</button>
      </div>
    </Dialog>
  );
}
