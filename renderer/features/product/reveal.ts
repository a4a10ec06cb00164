/**
 * "Go to": the target is scrolled into view (page and any scroller around it),
 * briefly highlighted so the eye finds it, and focused by the caller. One
 * definition for the product fields and the grid.
 */
const HIGHLIGHT = 'goto-highlight';
const HIGHLIGHT_MS = 2000;

export function revealElement(el: Element): void {
  el.scrollIntoView?.({ block: 'center', inline: 'nearest' });
  el.classList.remove(HIGHLIGHT);
  // Restart the animation when the same target is asked for twice.
  void (el as HTMLElement).offsetWidth;
  el.classList.add(HIGHLIGHT);
  setTimeout(() => el.classList.remove(HIGHLIGHT), HIGHLIGHT_MS);
}

/** The grid's cursor cell once the grid has taken focus (a render or two after the request). */
export function revealGridCursor(grid: () => HTMLElement | null, framesLeft = 10): void {
  if (typeof requestAnimationFrame !== 'function') return;
  requestAnimationFrame(() => {
    const g = grid();
    const id = g?.getAttribute('aria-activedescendant');
    const cell = id ? document.getElementById(id) : null;
    if (cell) revealElement(cell);
    else if (framesLeft > 0) revealGridCursor(grid, framesLeft - 1);
  });
}
