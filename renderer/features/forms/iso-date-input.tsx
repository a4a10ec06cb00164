/**
 * A day typed as YYYY-MM-DD, the one way the app writes dates. The browser's
 * date picker shows the system locale's order (mm/dd/yyyy beside ISO dates
 * everywhere else) and cannot be typed into the same way on every platform, so
 * this is a text box: the value is passed on as typed (never converted), and a
 * text that is not a real day is named at the field when the user leaves it.
 */
import { useId, useState, type InputHTMLAttributes } from 'react';
import { parseDayDate } from '../../../shared/domain/dates';

export interface IsoDateInputProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'type' | 'value' | 'onChange'> {
  value: string;
  onChange: (text: string) => void;
  /** A problem the owner found (e.g. a date out of range): shown like the input's own. */
  error?: string | null;
}

/** Why a typed day is not one, or null when it is (or is empty: emptiness is the owner's to judge). */
export function isoDateProblem(text: string): string | null {
  const t = text.trim();
  if (t === '') return null;
  const r = parseDayDate(t);
  return r.ok ? null : r.reason;
}

export function IsoDateInput({ value, onChange, error, onBlur, className, ...rest }: IsoDateInputProps) {
  const errorId = useId();
  const [left, setLeft] = useState(false);
  const own = left ? isoDateProblem(value) : null;
  const problem = error ?? own;
  const describedBy = [rest['aria-describedby'], problem ? errorId : null].filter(Boolean).join(' ') || undefined;
  return (
    <>
      <input
        {...rest}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        spellCheck={false}
        placeholder={rest.placeholder ?? 'YYYY-MM-DD'}
        maxLength={10}
        size={11}
        className={['iso-date', className].filter(Boolean).join(' ')}
        value={value}
        onChange={(e) => {
          setLeft(false);
          onChange(e.target.value);
        }}
        onBlur={(e) => {
          setLeft(true);
          onBlur?.(e);
        }}
        aria-invalid={problem ? true : rest['aria-invalid']}
        aria-describedby={describedBy}
      />
      {problem && !error && (
        <span id={errorId} className="field-error iso-date-error" role="alert">
          {problem}
        </span>
      )}
    </>
  );
}
