import { ResponsiveContainer } from 'recharts';
import type { ReactElement } from 'react';

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
