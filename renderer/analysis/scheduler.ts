/**
 * When to recompute, and which answer to keep. Edits arrive on every keystroke;
 * the analysis runs once the input has been quiet for `delayMs`, and an answer
 * computed from an older input than the latest one asked for is dropped (a slow
 * worker run can finish after a newer synchronous one). Timers and the runner
 * are injected, so this is tested without real time or a real Worker.
 */

export interface Timers {
  set(callback: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export const realTimers: Timers = {
  set: (callback, ms) => setTimeout(callback, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Runs one analysis; `seq` lets a worker tag its answer. */
export type Runner<I, O> = (input: I, seq: number) => Promise<O>;

export interface SchedulerEvents<O> {
  /** A run finished and its input is still the latest one. */
  onResult(output: O, seq: number): void;
  /** The latest run failed (an older one failing is ignored like its result). */
  onError(error: unknown, seq: number): void;
  /** True while a change waits for the debounce or a run is in flight. */
  onPending(pending: boolean): void;
}

export interface SchedulerOptions<I, O> extends SchedulerEvents<O> {
  delayMs: number;
  /** Picks how to run an input (e.g. synchronously for small portfolios, in a worker for large ones). */
  runnerFor(input: I): Runner<I, O>;
  timers?: Timers;
}

export interface AnalysisScheduler<I> {
  /** A new input; runs after the quiet period, or now with `immediate` (first load). */
  schedule(input: I, immediate?: boolean): void;
  /** The sequence number of the latest input asked for. */
  readonly latestSeq: number;
  dispose(): void;
}

export function createScheduler<I, O>(options: SchedulerOptions<I, O>): AnalysisScheduler<I> {
  const timers = options.timers ?? realTimers;
  let seq = 0;
  let timer: unknown = null;
  let disposed = false;
  let pending = false;

  const setPending = (next: boolean) => {
    if (next === pending) return;
    pending = next;
    options.onPending(next);
  };

  const run = (input: I, mySeq: number) => {
    timer = null;
    let promise: Promise<O>;
    try {
      promise = options.runnerFor(input)(input, mySeq);
    } catch (error) {
      promise = Promise.reject(error);
    }
    promise.then(
      (output) => {
        if (disposed || mySeq !== seq) return;
        options.onResult(output, mySeq);
        setPending(false);
      },
      (error: unknown) => {
        if (disposed || mySeq !== seq) return;
        options.onError(error, mySeq);
        setPending(false);
      },
    );
  };

  return {
    schedule(input, immediate = false) {
      if (disposed) return;
      seq += 1;
      const mySeq = seq;
      if (timer !== null) timers.clear(timer);
      setPending(true);
      if (immediate) run(input, mySeq);
      else timer = timers.set(() => run(input, mySeq), options.delayMs);
    },
    get latestSeq() {
      return seq;
    },
    dispose() {
      disposed = true;
      if (timer !== null) timers.clear(timer);
      timer = null;
    },
  };
}
