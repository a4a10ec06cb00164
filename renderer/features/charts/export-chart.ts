/**
 * Chart export. The file is composed, not a copy of the screen: a header band
 * (title; subtitle with the product or scope and the as-of date), the chart
 * itself nested with padding, axis titles, a legend band drawn here from the
 * legend spec each chart supplies, and a footer naming the source and the
 * export date. Text widths are estimated conservatively (characters × font
 * size × 0.6) to wrap lines and widen the canvas, so no label is clipped.
 *
 * The SVG on screen takes its colours from CSS custom properties and
 * stylesheets, which a standalone file does not have: the export copies the
 * computed value of each presentation property onto the element and replaces
 * every remaining var(--chart-…) with a colour. In the "light" theme (the
 * default) those colours come from the light palette (palette.ts) whatever
 * the app shows; "shown" keeps the colours on screen. PNG draws that SVG on a
 * canvas at 1x or 2x.
 */
import type { Platform } from '../../platform';
import { formatDate } from '../../../shared/format';
import { todayIso } from '../../../shared/domain/dates';
import { showHidden } from '../../../shared/text/hygiene';
import { LIGHT_PALETTE, paletteOf, resolveChartVars, type ChartTheme } from './palette';

const SVG_NS = 'http://www.w3.org/2000/svg';
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';
const XLINK_NS = 'http://www.w3.org/1999/xlink';

/** The properties that decide how an SVG looks; copying all computed styles would bloat the file tenfold. */
const INLINED = [
  'fill', 'fill-opacity', 'stroke', 'stroke-width', 'stroke-dasharray', 'stroke-opacity', 'opacity',
  'font-family', 'font-size', 'font-weight', 'text-anchor', 'dominant-baseline', 'visibility', 'display',
] as const;
const COLOUR_ATTRS = ['fill', 'stroke', 'stop-color', 'flood-color', 'color', 'style'] as const;

export const EXPORT_FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";
/** Conservative width of a character in a sans-serif font, as a share of the font size. */
export const CHAR_WIDTH = 0.6;

/** How a legend entry is drawn; colours are CSS colours or var(--chart-…) references. */
export type LegendMark =
  | { kind: 'swatch'; color: string; outline?: string }
  | { kind: 'hatch'; color: string; angle?: number }
  | { kind: 'outline'; color: string; dash?: string; width?: number }
  | { kind: 'line'; color: string; dash?: string; width?: number }
  | { kind: 'marker'; color: string; dash?: string; width?: number }
  | { kind: 'symbol'; text: string; color?: string };

export interface LegendEntry { label: string; mark: LegendMark }

/** What each chart tells the exporter beyond its image. */
export interface ChartExportInfo {
  /** The product or scope the chart shows ("Nestwarm T3", "Portfolio: 40 products"). */
  scope: string;
  /** YYYY-MM-DD: the date the analysis is as of. */
  asOf: string;
  legend: LegendEntry[];
  axes: { x?: string; y?: string };
  /** The rule packs or data source ("rule packs EU CRA 2024.1", "engine fleet forecast"). */
  source: string;
}

export interface SvgMeta { title: string; description: string }

export interface ExportMeta extends SvgMeta, ChartExportInfo { fileBase: string }

/** "light": the light palette whatever the app theme; "shown": the colours on screen. */
export type ExportTheme = 'light' | 'shown';

export interface ComposeOptions {
  theme?: ExportTheme;
  /** YYYY-MM-DD; today by default. */
  exportedOn?: string;
}

export function chartSize(svg: SVGSVGElement): { width: number; height: number } {
  const w = Number(svg.getAttribute('width'));
  const h = Number(svg.getAttribute('height'));
  if (w > 0 && h > 0) return { width: w, height: h };
  const vb = svg.viewBox?.baseVal;
  if (vb && vb.width > 0 && vb.height > 0) return { width: vb.width, height: vb.height };
  const r = svg.getBoundingClientRect();
  return { width: Math.max(1, Math.round(r.width)), height: Math.max(1, Math.round(r.height)) };
}

export function textWidth(text: string, fontSize: number, weight: 'normal' | 'bold' = 'normal'): number {
  return [...text].length * fontSize * (weight === 'bold' ? CHAR_WIDTH * 1.1 : CHAR_WIDTH);
}

/** Greedy word wrap to `maxWidth`; a word longer than the line stays whole (the caller widens the canvas for it). */
export function wrapText(text: string, fontSize: number, maxWidth: number, weight: 'normal' | 'bold' = 'normal'): string[] {
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let cur = '';
  for (const w of words) {
    const next = cur ? `${cur} ${w}` : w;
    if (cur && textWidth(next, fontSize, weight) > maxWidth) {
      lines.push(cur);
      cur = w;
    } else cur = next;
  }
  if (cur) lines.push(cur);
  return lines.length ? lines : [''];
}

function longestWord(text: string, fontSize: number, weight: 'normal' | 'bold' = 'normal'): number {
  return Math.max(0, ...text.split(/\s+/).map((w) => textWidth(w, fontSize, weight)));
}

// --- 2D transforms, to find where a chart's labels land ---------------------------------

type Matrix = [number, number, number, number, number, number];
const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

function multiply(m: Matrix, n: Matrix): Matrix {
  return [m[0] * n[0] + m[2] * n[1], m[1] * n[0] + m[3] * n[1], m[0] * n[2] + m[2] * n[3], m[1] * n[2] + m[3] * n[3], m[0] * n[4] + m[2] * n[5] + m[4], m[1] * n[4] + m[3] * n[5] + m[5]];
}

export function parseTransform(value: string | null): Matrix {
  let m: Matrix = IDENTITY;
  if (!value) return m;
  for (const t of value.matchAll(/(matrix|translate|scale|rotate)\s*\(([^)]*)\)/g)) {
    const a = (t[2] ?? '').split(/[\s,]+/).filter(Boolean).map(Number);
    let n: Matrix = IDENTITY;
    if (t[1] === 'translate') n = [1, 0, 0, 1, a[0] ?? 0, a[1] ?? 0];
    else if (t[1] === 'scale') n = [a[0] ?? 1, 0, 0, a[1] ?? a[0] ?? 1, 0, 0];
    else if (t[1] === 'matrix' && a.length === 6) n = a as Matrix;
    else if (t[1] === 'rotate') {
      const r = ((a[0] ?? 0) * Math.PI) / 180;
      const [cx, cy] = [a[1] ?? 0, a[2] ?? 0];
      n = multiply(multiply([1, 0, 0, 1, cx, cy], [Math.cos(r), Math.sin(r), -Math.sin(r), Math.cos(r), 0, 0]), [1, 0, 0, 1, -cx, -cy]);
    }
    m = multiply(m, n);
  }
  return m;
}

function apply(m: Matrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

/** The transform from an element's own coordinates to those of `root` (transforms and nested svg x/y). */
export function matrixTo(el: Element, root: Element): Matrix {
  let m: Matrix = IDENTITY;
  for (let cur: Element | null = el; cur && cur !== root; cur = cur.parentElement) {
    let n = parseTransform(cur.getAttribute('transform'));
    if (cur.localName === 'svg') n = multiply([1, 0, 0, 1, Number(cur.getAttribute('x')) || 0, Number(cur.getAttribute('y')) || 0], n);
    m = multiply(n, m);
  }
  return m;
}

function inherited(el: Element, root: Element, attr: string, styleProp: string): string | null {
  for (let cur: Element | null = el; cur; cur = cur.parentElement) {
    const style = cur.getAttribute('style') ?? '';
    const m = new RegExp(`(?:^|;)\\s*${styleProp}\\s*:\\s*([^;]+)`).exec(style);
    if (m) return m[1]!.trim();
    const a = cur.getAttribute(attr);
    if (a) return a;
    if (cur === root) break;
  }
  return null;
}

function fontSizeOf(el: Element, root: Element): number {
  const v = inherited(el, root, 'font-size', 'font-size');
  const n = v ? parseFloat(v) : NaN;
  return Number.isFinite(n) && n > 0 ? n : 12;
}

/** A conservative box around every label of the chart, in the chart's coordinates. */
export function textExtents(root: Element): { minX: number; minY: number; maxX: number; maxY: number } | null {
  let box: { minX: number; minY: number; maxX: number; maxY: number } | null = null;
  for (const t of Array.from(root.querySelectorAll('text'))) {
    // A <title> child is a tooltip, not drawn; tspans with their own x are lines of their own.
    const parts = Array.from(t.childNodes).filter((n) => !(n.nodeType === 1 && (n as Element).localName === 'title'));
    const lines = parts.some((n) => n.nodeType === 1 && (n as Element).localName === 'tspan' && (n as Element).hasAttribute('x'))
      ? parts.map((n) => n.textContent ?? '')
      : [parts.map((n) => n.textContent ?? '').join('')];
    const content = lines.reduce((a, l) => ([...l].length > [...a].length ? l : a), '');
    if (!content.trim()) continue;
    const extraLines = Math.max(0, lines.filter((l) => l.trim()).length - 1);
    if (inherited(t, root, 'display', 'display') === 'none') continue;
    const fs = fontSizeOf(t, root);
    const x = parseFloat(t.getAttribute('x') ?? '0') || 0;
    const dyAttr = t.getAttribute('dy') ?? '';
    const dy = dyAttr.endsWith('em') ? parseFloat(dyAttr) * fs : parseFloat(dyAttr) || 0;
    const y = (parseFloat(t.getAttribute('y') ?? '0') || 0) + dy;
    const w = textWidth(content, fs);
    const anchor = inherited(t, root, 'text-anchor', 'text-anchor') ?? 'start';
    const x0 = anchor === 'end' ? x - w : anchor === 'middle' ? x - w / 2 : x;
    const m = matrixTo(t, root);
    const bottom = y + fs * 0.35 + extraLines * fs * 1.3;
    for (const [px, py] of [[x0, y - fs], [x0 + w, y - fs], [x0, bottom], [x0 + w, bottom]] as const) {
      const [ax, ay] = apply(m, px, py);
      box = box
        ? { minX: Math.min(box.minX, ax), minY: Math.min(box.minY, ay), maxX: Math.max(box.maxX, ax), maxY: Math.max(box.maxY, ay) }
        : { minX: ax, minY: ay, maxX: ax, maxY: ay };
    }
  }
  return box;
}

// --- theme -------------------------------------------------------------------------------

/** The theme the app shows: an explicit data-theme, else the system's colour scheme. */
export function currentTheme(doc: Document = document): ChartTheme {
  const explicit = doc.documentElement.getAttribute('data-theme');
  if (explicit === 'dark' || explicit === 'light') return explicit;
  const mq = doc.defaultView?.matchMedia?.('(prefers-color-scheme: dark)');
  return mq?.matches ? 'dark' : 'light';
}

/** The palette on screen, read from the frame's custom properties (the theme's table where they do not resolve). */
function shownPalette(frame: Element, view: Window | null): Record<string, string> {
  const base = paletteOf(currentTheme(frame.ownerDocument));
  if (!view) return base;
  const cs = view.getComputedStyle(frame);
  const out: Record<string, string> = { ...base };
  for (const name of Object.keys(LIGHT_PALETTE)) {
    const v = cs.getPropertyValue(name).trim();
    if (v && !v.includes('var(')) out[name] = v;
  }
  return out;
}

/** Runs `fn` with the palette's custom properties set on `frame`, so computed styles resolve in that palette. */
function withPalette<T>(frame: HTMLElement | SVGElement | null, palette: Record<string, string> | null, fn: () => T): T {
  if (!frame || !palette) return fn();
  const saved = Object.keys(palette).map((k) => [k, frame.style.getPropertyValue(k), frame.style.getPropertyPriority(k)] as const);
  for (const [k, v] of Object.entries(palette)) frame.style.setProperty(k, v, 'important');
  try {
    return fn();
  } finally {
    for (const [k, v, p] of saved) {
      if (v) frame.style.setProperty(k, v, p);
      else frame.style.removeProperty(k);
    }
  }
}

// --- composition -------------------------------------------------------------------------

/** The chart itself as a standalone, style-inlined element, its colours resolved in `palette`. */
function inlinedClone(svg: SVGSVGElement, palette: Record<string, string>, light: boolean): SVGSVGElement {
  const doc = svg.ownerDocument;
  const view = doc.defaultView;
  const frame = (svg.closest('.chart-frame') ?? svg.parentElement) as HTMLElement | null;
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const src = [svg, ...Array.from(svg.querySelectorAll('*'))];
  const dst = [clone, ...Array.from(clone.querySelectorAll('*'))];
  if (view) {
    withPalette(frame, light ? LIGHT_PALETTE : null, () => {
      src.forEach((el, i) => {
        const target = dst[i];
        if (!target) return;
        const cs = view.getComputedStyle(el);
        const decl: string[] = [];
        for (const prop of INLINED) {
          const value = cs.getPropertyValue(prop);
          // An unresolved var() (no stylesheet, e.g. a test DOM) is resolved below from the attribute.
          if (value && !value.includes('var(')) decl.push(`${prop}:${value}`);
        }
        if (decl.length) target.setAttribute('style', decl.join(';'));
        else target.removeAttribute('style');
      });
    });
  }
  for (const el of dst) {
    for (const a of COLOUR_ATTRS) {
      const v = el.getAttribute(a);
      if (v && v.includes('var(')) el.setAttribute(a, resolveChartVars(v, palette));
    }
    el.removeAttribute('tabindex');
  }
  // Text as the file carries it: control characters shown visibly (the serializer escapes markup).
  const walker = doc.createTreeWalker(clone, 4 /* NodeFilter.SHOW_TEXT */);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) n.nodeValue = showHidden(n.nodeValue ?? '');
  // Axis titles drawn on screen inside the chart: the file draws its own beside it.
  for (const el of Array.from(clone.querySelectorAll('.chart-axis-label'))) el.remove();
  // Recharts writes empty <title>/<desc> children; the file gets ours.
  for (const child of Array.from(clone.children)) {
    if (child.localName === 'title' || child.localName === 'desc') child.remove();
  }
  clone.removeAttribute('aria-hidden');
  clone.removeAttribute('role');
  clone.removeAttribute('style');
  return clone;
}

const PAD = 16;
const TITLE_FS = 18;
const SUBTITLE_FS = 13;
const AXIS_FS = 12;
const LEGEND_FS = 12;
const FOOTER_FS = 11;
const LEGEND_MARK_W = 26;
const LEGEND_GAP = 16;
const MIN_WIDTH = 480;

export interface ComposedSvg { text: string; width: number; height: number }

/** A standalone SVG document of the chart: header, chart, axis titles, legend and footer. */
export function composeChartSvg(svg: SVGSVGElement, meta: ExportMeta, options: ComposeOptions = {}): ComposedSvg {
  const doc = svg.ownerDocument;
  const view = doc.defaultView;
  const theme = options.theme ?? 'light';
  const frame = svg.closest('.chart-frame') ?? svg.parentElement ?? svg;
  const palette = theme === 'light' ? LIGHT_PALETTE : shownPalette(frame, view);
  const colour = (c: string | undefined, fallback = '--chart-fg'): string => resolveChartVars(c ?? `var(${fallback})`, palette);
  const fg = palette['--chart-fg'] ?? '#1a1d21';
  const muted = palette['--chart-muted'] ?? '#555d68';
  const bgColour = palette['--chart-bg'] ?? '#ffffff';
  const clean = (s: string) => showHidden(s).replace(/\s+/g, ' ').trim();
  const exportedOn = formatDate(options.exportedOn ?? todayIso());

  const chart = inlinedClone(svg, palette, theme === 'light');
  const { width: cw, height: ch } = chartSize(svg);
  // Where the chart's own labels reach beyond its box (long names, rotated headers).
  const ext = textExtents(chart);
  const over = {
    left: Math.ceil(Math.max(0, -(ext?.minX ?? 0))),
    top: Math.ceil(Math.max(0, -(ext?.minY ?? 0))),
    right: Math.ceil(Math.max(0, (ext?.maxX ?? 0) - cw)),
    bottom: Math.ceil(Math.max(0, (ext?.maxY ?? 0) - ch)),
  };
  const chartBoxW = cw + over.left + over.right;
  const chartBoxH = ch + over.top + over.bottom;

  const title = clean(meta.title);
  const subtitle = clean(`${meta.scope} · as of ${formatDate(meta.asOf)}`);
  const footer = clean(`Supportspan · ${meta.source} · exported ${exportedOn}`);
  const xTitle = meta.axes.x ? clean(meta.axes.x) : '';
  const yTitle = meta.axes.y ? clean(meta.axes.y) : '';
  const legend = meta.legend.map((e) => ({ ...e, label: clean(e.label) }));

  const yBand = yTitle ? AXIS_FS + 10 : 0;
  // Widest thing that cannot wrap: the chart, and every single word of the texts.
  const unbreakable = Math.max(
    chartBoxW + yBand,
    longestWord(title, TITLE_FS, 'bold'), longestWord(subtitle, SUBTITLE_FS), longestWord(footer, FOOTER_FS), longestWord(xTitle, AXIS_FS),
    ...legend.map((e) => LEGEND_MARK_W + longestWord(e.label, LEGEND_FS)),
  );
  const width = Math.ceil(Math.max(MIN_WIDTH, unbreakable + 2 * PAD));
  const inner = width - 2 * PAD;

  const root = doc.createElementNS(SVG_NS, 'svg');
  root.setAttributeNS(XMLNS_NS, 'xmlns', SVG_NS);
  root.setAttributeNS(XMLNS_NS, 'xmlns:xlink', XLINK_NS);
  root.setAttribute('role', 'img');
  root.setAttribute('aria-labelledby', 'chart-title');
  root.setAttribute('aria-describedby', 'chart-desc');
  root.setAttribute('font-family', EXPORT_FONT);
  const titleEl = doc.createElementNS(SVG_NS, 'title');
  titleEl.setAttribute('id', 'chart-title');
  titleEl.textContent = title;
  const descEl = doc.createElementNS(SVG_NS, 'desc');
  descEl.setAttribute('id', 'chart-desc');
  descEl.textContent = clean(meta.description);
  root.append(titleEl, descEl);
  const defs = doc.createElementNS(SVG_NS, 'defs');
  root.append(defs);
  const bg = doc.createElementNS(SVG_NS, 'rect');
  bg.setAttribute('class', 'export-background');
  bg.setAttribute('x', '0');
  bg.setAttribute('y', '0');
  bg.setAttribute('width', '100%');
  bg.setAttribute('height', '100%');
  bg.setAttribute('fill', bgColour);
  root.append(bg);

  const text = (parent: Element, cls: string, x: number, y: number, content: string, fs: number, fill: string, extra: Record<string, string> = {}) => {
    const t = doc.createElementNS(SVG_NS, 'text');
    t.setAttribute('class', cls);
    t.setAttribute('x', String(round(x)));
    t.setAttribute('y', String(round(y)));
    t.setAttribute('font-size', String(fs));
    t.setAttribute('fill', fill);
    for (const [k, v] of Object.entries(extra)) t.setAttribute(k, v);
    t.textContent = content;
    parent.append(t);
    return t;
  };
  const group = (cls: string) => {
    const g = doc.createElementNS(SVG_NS, 'g');
    g.setAttribute('class', cls);
    root.append(g);
    return g;
  };

  // Header band.
  let y = PAD;
  const header = group('export-header');
  for (const line of wrapText(title, TITLE_FS, inner, 'bold')) {
    y += TITLE_FS;
    text(header, 'export-title', PAD, y, line, TITLE_FS, fg, { 'font-weight': '700' });
    y += 4;
  }
  for (const line of wrapText(subtitle, SUBTITLE_FS, inner)) {
    y += SUBTITLE_FS + 2;
    text(header, 'export-subtitle', PAD, y, line, SUBTITLE_FS, muted);
  }
  y += 12;

  // The chart, nested: its labels that reach past its box get room on every side.
  const chartTop = y;
  const chartBandH = Math.max(chartBoxH, yTitle ? textWidth(yTitle, AXIS_FS) + 8 : 0);
  const chartX = PAD + yBand + over.left;
  const chartY = chartTop + over.top + (chartBandH - chartBoxH) / 2;
  chart.setAttribute('class', `${chart.getAttribute('class') ?? ''} export-chart`.trim());
  chart.setAttribute('x', String(round(chartX)));
  chart.setAttribute('y', String(round(chartY)));
  chart.setAttribute('width', String(cw));
  chart.setAttribute('height', String(ch));
  if (!chart.getAttribute('viewBox')) chart.setAttribute('viewBox', `0 0 ${cw} ${ch}`);
  chart.setAttribute('overflow', 'visible');
  root.append(chart);
  if (yTitle) {
    const g = group('export-axis-title export-axis-title--y');
    const cx = PAD + AXIS_FS;
    const cy = chartTop + chartBandH / 2;
    text(g, 'export-axis-title', 0, 0, yTitle, AXIS_FS, fg, { 'text-anchor': 'middle', transform: `translate(${round(cx)} ${round(cy)}) rotate(-90)` });
  }
  y = chartTop + chartBandH;
  if (xTitle) {
    const g = group('export-axis-title export-axis-title--x');
    for (const line of wrapText(xTitle, AXIS_FS, inner - yBand)) {
      y += AXIS_FS + 4;
      text(g, 'export-axis-title', PAD + yBand + Math.min(inner - yBand, chartBoxW) / 2, y, line, AXIS_FS, fg, { 'text-anchor': 'middle' });
    }
  }
  y += 12;

  // Legend band: entries flow in rows; a label too long for a row wraps.
  const lg = group('export-legend');
  let lx = PAD;
  let rowH = 0;
  let hatchN = 0;
  const rowTop = () => y;
  for (const e of legend) {
    const lines = wrapText(e.label, LEGEND_FS, inner - LEGEND_MARK_W);
    const w = LEGEND_MARK_W + Math.max(...lines.map((l) => textWidth(l, LEGEND_FS)));
    const h = lines.length * (LEGEND_FS + 4);
    if (lx > PAD && lx + w > PAD + inner) {
      y += rowH + 6;
      lx = PAD;
      rowH = 0;
    }
    const item = doc.createElementNS(SVG_NS, 'g');
    item.setAttribute('class', 'export-legend-entry');
    item.setAttribute('data-label', e.label);
    lg.append(item);
    drawMark(doc, item, defs, e.mark, lx, rowTop(), colour, () => `export-hatch-${hatchN++}`, fg);
    lines.forEach((l, i) => text(item, 'export-legend-label', lx + LEGEND_MARK_W, rowTop() + LEGEND_FS + i * (LEGEND_FS + 4), l, LEGEND_FS, fg));
    lx += w + LEGEND_GAP;
    rowH = Math.max(rowH, h);
  }
  y += rowH + 10;

  // Footer.
  const fgp = group('export-footer');
  for (const line of wrapText(footer, FOOTER_FS, inner)) {
    y += FOOTER_FS + 2;
    text(fgp, 'export-source', PAD, y, line, FOOTER_FS, muted);
  }
  const height = Math.ceil(y + PAD);
  root.setAttribute('width', String(width));
  root.setAttribute('height', String(height));
  root.setAttribute('viewBox', `0 0 ${width} ${height}`);
  const out = new (view?.XMLSerializer ?? XMLSerializer)().serializeToString(root);
  return { text: `<?xml version="1.0" encoding="UTF-8"?>\n${out}`, width, height };
}

function drawMark(doc: Document, parent: Element, defs: Element, mark: LegendMark, x: number, top: number, colour: (c: string | undefined, fallback?: string) => string, nextId: () => string, fg: string): void {
  const el = (name: string, attrs: Record<string, string | number>) => {
    const e = doc.createElementNS(SVG_NS, name);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
    parent.append(e);
    return e;
  };
  const mid = top + LEGEND_FS / 2 + 1;
  const w = LEGEND_MARK_W - 8;
  switch (mark.kind) {
    case 'swatch':
      el('rect', { x, y: mid - 6, width: w, height: 12, fill: colour(mark.color), stroke: colour(mark.outline, '--chart-edge'), 'stroke-width': 1 });
      break;
    case 'hatch': {
      const id = nextId();
      const p = doc.createElementNS(SVG_NS, 'pattern');
      p.setAttribute('id', id);
      p.setAttribute('patternUnits', 'userSpaceOnUse');
      p.setAttribute('width', '5');
      p.setAttribute('height', '5');
      p.setAttribute('patternTransform', `rotate(${mark.angle ?? 45})`);
      const line = doc.createElementNS(SVG_NS, 'line');
      for (const [k, v] of Object.entries({ x1: 0, y1: 0, x2: 0, y2: 5, stroke: colour(mark.color), 'stroke-width': 2.5 })) line.setAttribute(k, String(v));
      p.append(line);
      defs.append(p);
      el('rect', { x, y: mid - 6, width: w, height: 12, fill: `url(#${id})`, stroke: colour(mark.color), 'stroke-width': 1 });
      break;
    }
    case 'outline':
      el('rect', { x: x + 1, y: mid - 5, width: w - 2, height: 10, fill: 'none', stroke: colour(mark.color), 'stroke-width': mark.width ?? 2, ...(mark.dash ? { 'stroke-dasharray': mark.dash } : {}) });
      break;
    case 'line':
      el('line', { x1: x, y1: mid, x2: x + w, y2: mid, stroke: colour(mark.color), 'stroke-width': mark.width ?? 2, ...(mark.dash ? { 'stroke-dasharray': mark.dash } : {}) });
      break;
    case 'marker':
      el('line', { x1: x + w / 2, y1: mid - 7, x2: x + w / 2, y2: mid + 7, stroke: colour(mark.color), 'stroke-width': mark.width ?? 2, ...(mark.dash ? { 'stroke-dasharray': mark.dash } : {}) });
      break;
    case 'symbol': {
      const t = el('text', { x: x + w / 2, y: top + LEGEND_FS, 'font-size': LEGEND_FS, 'text-anchor': 'middle', fill: mark.color ? colour(mark.color) : fg, class: 'export-legend-symbol' });
      t.textContent = mark.text;
      break;
    }
  }
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

/** Rasterises an SVG document at `scale` times its size. */
export async function svgToPng(svgText: string, size: { width: number; height: number }, scale = 2, doc: Document = document): Promise<Uint8Array> {
  const img = new Image();
  // A data: URL (allowed by the app's CSP for images) keeps the canvas untainted, so toBlob works.
  img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svgText)}`;
  await img.decode();
  const canvas = doc.createElement('canvas');
  canvas.width = Math.round(size.width * scale);
  canvas.height = Math.round(size.height * scale);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('this display cannot draw a PNG (no 2D canvas)');
  ctx.scale(scale, scale);
  ctx.drawImage(img, 0, 0, size.width, size.height);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (!blob) throw new Error('the PNG could not be encoded');
  return new Uint8Array(await blob.arrayBuffer());
}

/** A file name from a chart title: lower case, kebab, no characters a file system refuses. */
export function exportFileName(base: string, ext: 'svg' | 'png', suffix = ''): string {
  const slug = base.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80) || 'chart';
  return `${slug}${suffix}.${ext}`;
}

/** SVG, or PNG at 1x or 2x the composed size. */
export type ExportFormat = 'svg' | 'png-1x' | 'png-2x';

export async function exportChart(platform: Platform, svg: SVGSVGElement, meta: ExportMeta, format: ExportFormat, options: ComposeOptions = {}): Promise<{ saved: boolean; name?: string }> {
  const composed = composeChartSvg(svg, meta, options);
  if (format === 'svg') {
    return platform.saveFile({
      suggestedName: exportFileName(meta.fileBase, 'svg'),
      bytes: new TextEncoder().encode(composed.text),
      filters: [{ name: 'SVG image', extensions: ['svg'] }],
      mimeType: 'image/svg+xml',
      title: `Export ${meta.title}`,
    });
  }
  const scale = format === 'png-2x' ? 2 : 1;
  const bytes = await svgToPng(composed.text, composed, scale, svg.ownerDocument);
  return platform.saveFile({
    suggestedName: exportFileName(meta.fileBase, 'png', scale === 2 ? '@2x' : ''),
    bytes,
    filters: [{ name: 'PNG image', extensions: ['png'] }],
    mimeType: 'image/png',
    title: `Export ${meta.title}`,
  });
}

/** The source line's rule packs: "rule packs EU Cyber Resilience Act 2024.1, …". */
export function rulePacksSource(packs: readonly { title: string; version: string }[]): string {
  if (packs.length === 0) return 'no rule packs (engineering rules only)';
  return `rule packs ${packs.map((p) => `${p.title} ${p.version}`).join(', ')}`;
}
