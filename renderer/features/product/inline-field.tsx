/**
 * A form field saved the moment it is left (blur or Enter). The person's text is
 * kept until it is valid or they press Escape: a refused value is shown with the
 * reason, nothing is written, and the stored value is never replaced by a guess.
 */
import { useState, type KeyboardEvent, type ReactNode } from 'react';
import type { ParseResult } from '../grid/grid-types';
import { describeWriteError } from './save-status';

export interface InlineFieldProps {
  id: string;
  label: string;
  /** The stored value as text. */
  value: string;
  parse(text: string): ParseResult;
  onCommit(value: unknown): Promise<unknown>;
  /** Called when the person starts changing the text: the stored value the edit is based on. */
  onStart?(): void;
  hint?: ReactNode;
  placeholder?: string;
  multiline?: boolean;
  inputMode?: 'text' | 'numeric' | 'decimal';
  className?: string;
}

export function InlineField({ id, label, value, parse, onCommit, onStart, hint, placeholder, multiline, inputMode, className }: InlineFieldProps) {
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const text = draft ?? value;

  const commit = async () => {
    if (draft === null) return;
    const parsed = parse(draft);
    if (!parsed.ok) {
      setError(parsed.reason);
      return;
    }
    if (draft === value) {
      setDraft(null);
      setError(null);
      return;
    }
    try {
      await onCommit(parsed.value);
      setDraft(null);
      setError(null);
    } catch (e) {
      setError(describeWriteError(e));
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement | HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && (!multiline || event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void commit();
    } else if (event.key === 'Escape' && draft !== null) {
      event.preventDefault();
      setDraft(null);
      setError(null);
    }
  };

  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    value: text,
    placeholder,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy,
    onBlur: () => void commit(),
    onKeyDown,
  } as const;

  return (
    <div className={`field inline-field${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>{label}</label>
      {multiline ? (
        <textarea {...common} rows={3} onChange={(e) => { if (draft === null) onStart?.(); setDraft(e.target.value); setError(null); }} />
      ) : (
        <input {...common} inputMode={inputMode} onChange={(e) => { if (draft === null) onStart?.(); setDraft(e.target.value); setError(null); }} />
      )}
      {hint && <p id={`${id}-hint`} className="field-hint">{hint}</p>}
      {error && (
        <p id={`${id}-error`} className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
