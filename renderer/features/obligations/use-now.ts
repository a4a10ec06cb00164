import { useEffect, useState } from 'react';

/** The current time in ms, refreshed every `intervalMs` (a countdown's clock; no data is written). */
export function useNow(intervalMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(t);
  }, [intervalMs]);
  return now;
}

/**
 * A UTC time typed as "2026-10-24 09:30", "2026-10-24T09:30" or with seconds
 * and a trailing Z, as the stored instant "2026-10-24T09:30:00Z"; null when it
 * is not one of those shapes (the schema then says what is wrong).
 */
export function utcInstantFromInput(text: string): string | null {
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(:\d{2})?Z?$/i.exec(text.trim());
  return m ? `${m[1]}T${m[2]}${m[3] ?? ':00'}Z` : null;
}

/** A stored instant as typed: "2026-10-24 09:30". */
export function utcInstantToInput(iso: string | null): string {
  return iso ? `${iso.slice(0, 10)} ${iso.slice(11, 16)}` : '';
}
