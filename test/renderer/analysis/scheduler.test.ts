import { describe, expect, it } from 'vitest';
import { createScheduler, type Runner, type Timers } from '../../../renderer/analysis/scheduler';

/** Manual clock: callbacks run only when the test advances time. */
function manualTimers() {
  let now = 0;
  let next = 1;
  const due = new Map<number, { at: number; callback: () => void }>();
  const timers: Timers = {
    set(callback, ms) {
      const id = next++;
      due.set(id, { at: now + ms, callback });
      return id;
    },
    clear(handle) {
      due.delete(handle as number);
    },
  };
  return {
    timers,
    advance(ms: number) {
      now += ms;
      for (const [id, t] of [...due].sort((a, b) => a[1].at - b[1].at)) {
        if (t.at <= now) {
          due.delete(id);
          t.callback();
        }
      }
    },
    get scheduled() {
      return due.size;
    },
  };
}

/** A runner whose runs finish when the test says so, in any order. */
function deferredRunner() {
  const runs: { input: string; seq: number; resolve(v: string): void; reject(e: Error): void }[] = [];
  const run: Runner<string, string> = (input, seq) => new Promise((resolve, reject) => runs.push({ input, seq, resolve, reject }));
  return { run, runs };
}

const flush = () => new Promise<void>((r) => setTimeout(r, 0));

function setup(delayMs = 200) {
  const clock = manualTimers();
  const runner = deferredRunner();
  const results: [string, number][] = [];
  const errors: [string, number][] = [];
  const pending: boolean[] = [];
  const scheduler = createScheduler<string, string>({
    delayMs,
    timers: clock.timers,
    runnerFor: () => runner.run,
    onResult: (o, seq) => results.push([o, seq]),
    onError: (e, seq) => errors.push([(e as Error).message, seq]),
    onPending: (p) => pending.push(p),
  });
  return { clock, runner, results, errors, pending, scheduler };
}

describe('analysis scheduler', () => {
  it('runs once, with the last input, after the input has been quiet for the delay', async () => {
    const { clock, runner, results, pending, scheduler } = setup(200);
    scheduler.schedule('a');
    clock.advance(150);
    scheduler.schedule('ab');
    clock.advance(150);
    scheduler.schedule('abc');
    expect(runner.runs).toHaveLength(0);
    expect(pending).toEqual([true]);
    clock.advance(199);
    expect(runner.runs).toHaveLength(0);
    clock.advance(1);
    expect(runner.runs.map((r) => r.input)).toEqual(['abc']);
    runner.runs[0]!.resolve('result of abc');
    await flush();
    expect(results).toEqual([['result of abc', 3]]);
    expect(pending).toEqual([true, false]);
  });

  it('drops a result whose input is older than the latest one, even when it arrives last', async () => {
    const { clock, runner, results, pending, scheduler } = setup(100);
    scheduler.schedule('old');
    clock.advance(100);
    scheduler.schedule('new');
    clock.advance(100);
    expect(runner.runs.map((r) => r.input)).toEqual(['old', 'new']);
    runner.runs[1]!.resolve('new result');
    await flush();
    runner.runs[0]!.resolve('old result');
    await flush();
    expect(results).toEqual([['new result', 2]]);
    expect(pending.at(-1)).toBe(false);
  });

  it('keeps pending while a newer change waits, so a finished older run does not clear it', async () => {
    const { clock, runner, results, pending, scheduler } = setup(100);
    scheduler.schedule('one');
    clock.advance(100);
    scheduler.schedule('two');
    runner.runs[0]!.resolve('one result');
    await flush();
    expect(results).toEqual([]);
    expect(pending).toEqual([true]);
    clock.advance(100);
    runner.runs[1]!.resolve('two result');
    await flush();
    expect(results).toEqual([['two result', 2]]);
    expect(pending).toEqual([true, false]);
  });

  it('runs at once when asked (first load) and reports errors of the latest run only', async () => {
    const { runner, results, errors, scheduler, clock } = setup(100);
    scheduler.schedule('first', true);
    expect(runner.runs.map((r) => r.input)).toEqual(['first']);
    scheduler.schedule('second');
    runner.runs[0]!.reject(new Error('old failure'));
    await flush();
    expect(errors).toEqual([]);
    clock.advance(100);
    runner.runs[1]!.reject(new Error('engine failed'));
    await flush();
    expect(errors).toEqual([['engine failed', 2]]);
    expect(results).toEqual([]);
  });

  it('a runner that throws synchronously is reported as an error, not thrown at the caller', async () => {
    const errors: string[] = [];
    const scheduler = createScheduler<string, string>({
      delayMs: 0,
      runnerFor: () => () => {
        throw new Error('bad input');
      },
      onResult: () => undefined,
      onError: (e) => errors.push((e as Error).message),
      onPending: () => undefined,
    });
    expect(() => scheduler.schedule('x', true)).not.toThrow();
    await flush();
    expect(errors).toEqual(['bad input']);
  });

  it('after dispose, nothing runs and no result is delivered', async () => {
    const { clock, runner, results, scheduler } = setup(100);
    scheduler.schedule('a', true);
    scheduler.schedule('b');
    scheduler.dispose();
    clock.advance(1000);
    expect(runner.runs.map((r) => r.input)).toEqual(['a']);
    expect(clock.scheduled).toBe(0);
    runner.runs[0]!.resolve('a result');
    await flush();
    expect(results).toEqual([]);
  });

  it('picks the runner per input (worker for large, synchronous for small)', async () => {
    const used: string[] = [];
    const results: string[] = [];
    const scheduler = createScheduler<number, string>({
      delayMs: 0,
      runnerFor: (size) => (size > 5000 ? async () => (used.push('worker'), 'w') : async () => (used.push('sync'), 's')),
      onResult: (o) => results.push(o),
      onError: () => undefined,
      onPending: () => undefined,
    });
    scheduler.schedule(10, true);
    await flush();
    scheduler.schedule(10_000, true);
    await flush();
    expect(used).toEqual(['sync', 'worker']);
    expect(results).toEqual(['s', 'w']);
  });
});
