import { ResponsiveContainer } from 'recharts';
import { useEffect, useState, type ReactElement } from 'react';

/**
 * A chart at a fixed width (tests, export, benchmarks) or filling its
 * container. ResponsiveContainer measures the DOM, which jsdom cannot, so
 * tests pass a width.
 */
export function Sized(props: { width?: number; height: number; children: (width: number | undefined) => ReactElement }) {
  if (props.width !== undefined) return props.children(props.width);
  return (
    <ResponsiveContainer width="100%" height={props.height} initialDimension={{ width: 720, height: props.height }}>
      {props.children(undefined)}
    </ResponsiveContainer>
  );
}

/** An id usable inside url(#...): React's ids contain characters that need escaping there. */
export function svgId(reactId: string, suffix: string): string {
  return `c${reactId.replace(/[^A-Za-z0-9_-]/g, '')}-${suffix}`;
}

/**
 * The width of an element, measured (ResizeObserver) for charts that lay out
 * their own labels and so need their width while rendering; `fallback` until
 * measured, and in environments without layout (jsdom).
 */
export function useElementWidth(fallback: number): [(el: HTMLDivElement | null) => void, number] {
  const [width, setWidth] = useState<number | null>(null);
  const [el, setEl] = useState<HTMLDivElement | null>(null);
  useEffect(() => {
    if (!el || typeof ResizeObserver !== 'function') return;
    const measure = () => {
      const w = Math.floor(el.getBoundingClientRect().width);
      if (w > 0) setWidth(w);
    };
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, [el]);
  return [setEl, width ?? fallback];
}
