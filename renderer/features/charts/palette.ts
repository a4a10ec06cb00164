/**
 * Okabe-Ito colours (Okabe & Ito, "Color Universal Design", 2008): eight hues
 * that stay distinct for protanopia, deuteranopia and tritanopia. The charts
 * refer to them through CSS custom properties (charts.css) so the light and
 * dark themes can retune contrast; these constants are the single source of
 * the hex values and of which meaning gets which hue.
 */
import type { Severity } from '../../../shared/engine';
import type { TimelineGroup, WorstSeverity } from '../../../shared/charts';

export const OKABE_ITO = {
  black: '#000000',
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  bluishGreen: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  reddishPurple: '#CC79A7',
} as const;

/** CSS custom property names used by the charts. */
export const CHART_VARS = {
  fg: '--chart-fg',
  muted: '--chart-muted',
  bg: '--chart-bg',
  grid: '--chart-grid',
  group: { it: '--chart-it', ecosystem: '--chart-ecosystem', mechanical: '--chart-mechanical' } satisfies Record<TimelineGroup, string>,
  spare: '--chart-spare',
  blocker: '--chart-blocker',
  mismatch: '--chart-mismatch',
  severity: { high: '--chart-sev-high', medium: '--chart-sev-medium', low: '--chart-sev-low', none: '--chart-sev-none' } satisfies Record<WorstSeverity, string>,
  unknown: '--chart-unknown',
  supported: '--chart-supported',
  withoutSupport: '--chart-without',
  whatIf: '--chart-whatif',
  /** Outline that gives low-contrast fills (orange, sky blue on white) a 3:1 edge. */
  edge: '--chart-edge',
} as const;

export function cssVar(name: string): string {
  return `var(${name})`;
}

export const SEVERITY_LABEL: Record<WorstSeverity, string> = { high: 'High', medium: 'Medium', low: 'Low', none: 'No findings' };

export function severityColor(s: WorstSeverity | Severity): string {
  return cssVar(CHART_VARS.severity[s]);
}

export function groupColor(g: TimelineGroup): string {
  return cssVar(CHART_VARS.group[g]);
}

export type ChartTheme = 'light' | 'dark';

/**
 * The resolved value of every chart custom property, per theme: the same
 * values charts.css declares (the palette test compares them). The exporter
 * reads these, so a file is drawn in the light palette whatever the app shows.
 */
export const LIGHT_PALETTE: Record<string, string> = {
  '--chart-fg': '#1a1d21',
  '--chart-muted': '#555d68',
  '--chart-bg': '#ffffff',
  '--chart-grid': '#d5d9df',
  '--chart-it': '#0072B2',
  '--chart-ecosystem': '#CC79A7',
  '--chart-mechanical': '#009E73',
  '--chart-spare': '#E69F00',
  '--chart-blocker': '#D55E00',
  '--chart-mismatch': '#D55E00',
  '--chart-sev-high': '#D55E00',
  '--chart-sev-medium': '#E69F00',
  '--chart-sev-low': '#56B4E9',
  '--chart-sev-none': '#009E73',
  '--chart-unknown': '#7a7f87',
  '--chart-edge': '#555d68',
  '--chart-supported': '#0072B2',
  '--chart-without': '#D55E00',
  '--chart-whatif': '#000000',
  '--chart-heat-0': 'transparent',
  '--chart-heat-1': '#fbe3cf',
  '--chart-heat-2': '#f2b27f',
  '--chart-heat-3': '#e47f33',
  '--chart-heat-4': '#D55E00',
  '--chart-heat-fg-dark': '#1a1d21',
  '--chart-heat-fg-light': '#ffffff',
};

export const DARK_PALETTE: Record<string, string> = {
  ...LIGHT_PALETTE,
  '--chart-fg': '#e8eaed',
  '--chart-muted': '#a8b0ba',
  '--chart-bg': '#15181c',
  '--chart-grid': '#3a424c',
  '--chart-it': '#56B4E9',
  '--chart-whatif': '#f2f2f2',
  '--chart-unknown': '#9aa1ab',
  '--chart-edge': '#a8b0ba',
  '--chart-supported': '#56B4E9',
  '--chart-heat-1': '#4a2a12',
  '--chart-heat-2': '#7a3d0f',
  '--chart-heat-3': '#b0530c',
  '--chart-heat-4': '#E69F00',
  '--chart-heat-fg-dark': '#ffffff',
};

export function paletteOf(theme: ChartTheme): Record<string, string> {
  return theme === 'dark' ? DARK_PALETTE : LIGHT_PALETTE;
}

const HUE_NAMES: Record<string, string> = {
  '#000000': 'black', '#e69f00': 'orange', '#56b4e9': 'sky blue', '#009e73': 'bluish green', '#f0e442': 'yellow',
  '#0072b2': 'blue', '#d55e00': 'vermillion', '#cc79a7': 'reddish purple', '#f2f2f2': 'white', '#7a7f87': 'grey', '#9aa1ab': 'light grey',
  '#d5d9df': 'light grey', '#3a424c': 'dark grey',
};

/** The plain name of the colour a chart property has in a theme ("sky blue"), for descriptions. */
export function colourName(varName: string, theme: ChartTheme): string {
  const hex = (paletteOf(theme)[varName] ?? '').toLowerCase();
  return HUE_NAMES[hex] ?? hex;
}

/** Replaces every var(--chart-…) in a value by its colour in the theme (a fallback inside var() is used for others). */
export function resolveChartVars(value: string, palette: Record<string, string>): string {
  let out = value;
  for (let i = 0; i < 4 && out.includes('var('); i++) {
    out = out.replace(/var\(\s*(--[A-Za-z0-9-]+)\s*(?:,\s*([^()]*))?\)/g, (_m, name: string, fallback?: string) => palette[name] ?? fallback?.trim() ?? 'currentColor');
  }
  return out;
}
