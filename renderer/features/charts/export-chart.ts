/**
 * Chart export. The SVG on screen takes its colours from CSS custom properties
 * and stylesheets, which a standalone file does not have: the export copies
 * the computed value of each presentation property onto the element, adds the
 * namespaces, a title and a description, and a background in the theme's
 * colour. PNG draws that SVG on a canvas at 2x for sharp slides.
 */
import type { Platform } from '../../platform';

const SVG_NS = 'http://www.w3.org/2000/svg';
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';
const XLINK_NS = 'http://www.w3.org/1999/xlink';

/** The properties that decide how an SVG looks; copying all computed styles would bloat the file tenfold. */
const INLINED = [
  'fill', 'fill-opacity', 'stroke', 'stroke-width', 'stroke-dasharray', 'stroke-opacity', 'opacity',
  'font-family', 'font-size', 'font-weight', 'text-anchor', 'dominant-baseline', 'visibility', 'display',
] as const;

export interface SvgMeta { title: string; description: string }

export function chartSize(svg: SVGSVGElement): { width: number; height: number } {
  const w = Number(svg.getAttribute('width'));
  const h = Number(svg.getAttribute('height'));
  if (w > 0 && h > 0) return { width: w, height: h };
  const vb = svg.viewBox?.baseVal;
  if (vb && vb.width > 0 && vb.height > 0) return { width: vb.width, height: vb.height };
  const r = svg.getBoundingClientRect();
  return { width: Math.max(1, Math.round(r.width)), height: Math.max(1, Math.round(r.height)) };
}

/** A standalone SVG document of the chart, as text. */
export function serializeChartSvg(svg: SVGSVGElement, meta: SvgMeta): string {
  const doc = svg.ownerDocument;
  const view = doc.defaultView;
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const src = [svg, ...Array.from(svg.querySelectorAll('*'))];
  const dst = [clone, ...Array.from(clone.querySelectorAll('*'))];
  if (view) {
    src.forEach((el, i) => {
      const target = dst[i];
      if (!target) return;
      const cs = view.getComputedStyle(el);
      const decl: string[] = [];
      for (const prop of INLINED) {
        const value = cs.getPropertyValue(prop);
        // An unresolved var() (no stylesheet, e.g. a test DOM) would mean nothing in a file: keep the attribute.
        if (value && !value.includes('var(')) decl.push(`${prop}:${value}`);
      }
      if (decl.length) target.setAttribute('style', decl.join(';'));
      else target.removeAttribute('style');
    });
  }
  const { width, height } = chartSize(svg);
  clone.setAttributeNS(XMLNS_NS, 'xmlns', SVG_NS);
  clone.setAttributeNS(XMLNS_NS, 'xmlns:xlink', XLINK_NS);
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  if (!clone.getAttribute('viewBox')) clone.setAttribute('viewBox', `0 0 ${width} ${height}`);
  clone.setAttribute('role', 'img');
  clone.removeAttribute('tabindex');
  clone.removeAttribute('aria-hidden');
  // Recharts writes empty <title>/<desc> children; the file gets ours.
  for (const child of Array.from(clone.children)) {
    if (child.localName === 'title' || child.localName === 'desc') child.remove();
  }
  const title = doc.createElementNS(SVG_NS, 'title');
  title.setAttribute('id', 'chart-title');
  title.textContent = meta.title;
  const desc = doc.createElementNS(SVG_NS, 'desc');
  desc.setAttribute('id', 'chart-desc');
  desc.textContent = meta.description;
  clone.setAttribute('aria-labelledby', 'chart-title');
  clone.setAttribute('aria-describedby', 'chart-desc');
  const bg = doc.createElementNS(SVG_NS, 'rect');
  bg.setAttribute('width', '100%');
  bg.setAttribute('height', '100%');
  const bgColor = view ? backgroundOf(svg, view) : '';
  bg.setAttribute('fill', bgColor || '#ffffff');
  clone.insertBefore(bg, clone.firstChild);
  clone.insertBefore(desc, clone.firstChild);
  clone.insertBefore(title, clone.firstChild);
  const text = new (view?.XMLSerializer ?? XMLSerializer)().serializeToString(clone);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${text}`;
}

function backgroundOf(el: Element, view: Window): string {
  for (let cur: Element | null = el; cur; cur = cur.parentElement) {
    const v = view.getComputedStyle(cur).getPropertyValue('--chart-bg').trim();
    if (v && !v.includes('var(')) return v;
    const bg = view.getComputedStyle(cur).backgroundColor;
    if (bg && bg !== 'transparent' && bg !== 'rgba(0, 0, 0, 0)') return bg;
  }
  return '';
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
export function exportFileName(base: string, ext: 'svg' | 'png'): string {
  const slug = base.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80) || 'chart';
  return `${slug}.${ext}`;
}

export type ExportFormat = 'svg' | 'png';

export async function exportChart(platform: Platform, svg: SVGSVGElement, meta: SvgMeta & { fileBase: string }, format: ExportFormat): Promise<{ saved: boolean; name?: string }> {
  const text = serializeChartSvg(svg, meta);
  if (format === 'svg') {
    return platform.saveFile({
      suggestedName: exportFileName(meta.fileBase, 'svg'),
      bytes: new TextEncoder().encode(text),
      filters: [{ name: 'SVG image', extensions: ['svg'] }],
      mimeType: 'image/svg+xml',
      title: `Export ${meta.title}`,
    });
  }
  const bytes = await svgToPng(text, chartSize(svg), 2, svg.ownerDocument);
  return platform.saveFile({
    suggestedName: exportFileName(meta.fileBase, 'png'),
    bytes,
    filters: [{ name: 'PNG image', extensions: ['png'] }],
    mimeType: 'image/png',
    title: `Export ${meta.title}`,
  });
}
