/*
 * Runs in the page (added with page.evaluate). `__uiBench.measure(act, done)`
 * calls `act` (the input), waits until `done()` says the DOM shows the result
 * (checked right away, after every DOM mutation and every frame), then waits for
 * the next frame to be painted (requestAnimationFrame, then a task after it) and
 * returns the milliseconds since the input.
 */
(() => {
  if (window.__uiBench) return;
  const afterPaint = () => new Promise((ok) => requestAnimationFrame(() => setTimeout(ok, 0)));
  window.__uiBench = {
    afterPaint,
    measure(act, done, timeoutMs = 60000) {
      return new Promise((resolve, reject) => {
        let finished = false;
        let observer = null;
        const t0 = performance.now();
        const finish = () => {
          if (finished) return;
          finished = true;
          observer?.disconnect();
          afterPaint().then(() => resolve(performance.now() - t0));
        };
        const check = () => {
          if (finished) return;
          let ok = false;
          try { ok = done(); } catch { ok = false; }
          if (ok) return finish();
          if (performance.now() - t0 > timeoutMs) {
            finished = true;
            observer?.disconnect();
            reject(new Error('the expected update did not appear within ' + timeoutMs + ' ms'));
            return;
          }
          requestAnimationFrame(check);
        };
        observer = new MutationObserver(check);
        observer.observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true });
        act();
        check();
      });
    },
  };
})();
