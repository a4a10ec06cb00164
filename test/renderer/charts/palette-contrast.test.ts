/**
 * The chart theme in charts.css, read as the browser would: every mark colour
 * has at least 3:1 contrast against the chart background (WCAG 1.4.11, non-text
 * contrast) in light, dark and print, or is one of the Okabe-Ito fills kept for
 * colour-blind safety whose marks are drawn with the --chart-edge outline.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DARK_PALETTE, LIGHT_PALETTE, OKABE_ITO } from '../../../renderer/features/charts';

const css = readFileSync(join(process.cwd(), 'renderer/features/charts/charts.css'), 'utf8');

/** The custom properties declared in the first block whose selector line matches. */
function block(selector: RegExp): Record<string, string> {
  const m = selector.exec(css);
  if (!m) throw new Error(`no block ${selector} in charts.css`);
  const body = css.slice(m.index + m[0].length, css.indexOf('}', m.index + m[0].length));
  const vars: Record<string, string> = {};
  for (const d of body.matchAll(/(--chart-[a-z0-9-]+)\s*:\s*([^;]+);/g)) {
    // `var(--bg, #ffffff)` resolves to the app theme; its fallback is the app's value.
    const value = d[2]!.trim();
    const fallback = /^var\(--[a-z-]+,\s*(#[0-9a-fA-F]{6})\)$/.exec(value);
    vars[d[1]!] = (fallback ? fallback[1]! : value).toLowerCase();
  }
  return vars;
}

function luminance(hex: string): number {
  const n = parseInt(hex.slice(1), 16);
  const [r, g, b] = [n >> 16, (n >> 8) & 255, n & 255].map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

const light = block(/^\.chart-frame \{/m);
// The app's dark background (app.css) under the system setting; the explicit theme sets it itself.
const darkSystem: Record<string, string> = { ...light, '--chart-bg': '#15181c', '--chart-fg': '#e8eaed', '--chart-muted': '#a8b0ba', ...block(/:root:not\(\[data-theme='light'\]\) \.chart-frame \{/) };
const darkExplicit: Record<string, string> = { ...light, ...block(/^\[data-theme='dark'\] \.chart-frame \{/m) };
const print: Record<string, string> = { ...light, ...block(/@media print \{\s*\.chart-frame \{/) };

/** Marks that are drawn filled or stroked and carry meaning. */
const MARKS = ['--chart-it', '--chart-ecosystem', '--chart-mechanical', '--chart-spare', '--chart-blocker', '--chart-mismatch', '--chart-sev-high', '--chart-sev-medium', '--chart-sev-low', '--chart-sev-none', '--chart-unknown', '--chart-supported', '--chart-without', '--chart-whatif'];
/** Fills under 3:1 on white that stay for colour-blind safety: their marks get the edge outline. */
const OUTLINED = new Set(['--chart-spare', '--chart-sev-medium', '--chart-sev-low']);

describe('chart palette', () => {
  it('uses Okabe-Ito hues for every categorical mark', () => {
    const hues = new Set(Object.values(OKABE_ITO).map((h) => h.toLowerCase()));
    for (const v of ['--chart-it', '--chart-ecosystem', '--chart-mechanical', '--chart-spare', '--chart-mismatch', '--chart-sev-high', '--chart-sev-medium', '--chart-sev-low', '--chart-sev-none']) {
      expect(hues.has(light[v]!), `${v} = ${light[v]}`).toBe(true);
      expect(hues.has(darkExplicit[v]!), `${v} (dark) = ${darkExplicit[v]}`).toBe(true);
    }
  });

  it('gives the exporter the same light and dark values as the stylesheet', () => {
    const lower = (o: Record<string, string>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, v.toLowerCase()]));
    expect(lower(LIGHT_PALETTE)).toEqual(light);
    expect(lower(DARK_PALETTE)).toEqual(darkExplicit);
  });

  it('keeps the system dark theme and the explicit dark theme identical', () => {
    for (const [k, v] of Object.entries(darkSystem)) if (k !== '--chart-bg' && k !== '--chart-fg' && k !== '--chart-muted') expect(darkExplicit[k], k).toBe(v);
  });

  for (const [name, theme] of [['light', light], ['dark (system)', darkSystem], ['dark (explicit)', darkExplicit], ['print', print]] as const) {
    it(`gives every mark 3:1 against the ${name} background, or an outline that has it`, () => {
      const bg = theme['--chart-bg']!;
      expect(bg).toMatch(/^#[0-9a-f]{6}$/);
      const failing: string[] = [];
      for (const v of MARKS) {
        const c = contrast(theme[v]!, bg);
        if (c >= 3) continue;
        if (OUTLINED.has(v) && contrast(theme['--chart-edge']!, bg) >= 3) continue;
        failing.push(`${v} ${theme[v]} on ${bg}: ${c.toFixed(2)}:1`);
      }
      expect(failing).toEqual([]);
      // Text and axis colours are held to the text threshold.
      expect(contrast(theme['--chart-fg'] ?? '#1a1d21', bg)).toBeGreaterThanOrEqual(4.5);
    });
  }
});
