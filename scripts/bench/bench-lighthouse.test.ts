import { describe, expect, it } from 'vitest';
import {
  BUDGETS,
  budgetProblems,
  calibratedSlowdown,
  hostCalibration,
  mainThreadCpuShare,
  measurePage,
  medianRow,
} from './bench-lighthouse.mjs';

const good = {
  kind: 'chapter with islands',
  locale: 'en',
  path: 'practice/',
  performance: 99,
  accessibility: 100,
  'best-practices': 100,
  seo: 100,
  totalBlockingTimeMs: 40,
  largestContentfulPaintMs: 1500,
  benchmarkIndex: 1500,
  failedAudits: [] as string[],
  runs: 1,
};

describe('budgetProblems', () => {
  it('passes a page within every budget', () => {
    expect(budgetProblems([good])).toEqual([]);
  });

  it('allows the documented tolerance and no more', () => {
    const tbt = BUDGETS.totalBlockingTimeMs.max + BUDGETS.totalBlockingTimeMs.tolerance;
    expect(budgetProblems([{ ...good, totalBlockingTimeMs: tbt }])).toEqual([]);
    expect(budgetProblems([{ ...good, totalBlockingTimeMs: tbt + 1 }])).toEqual([
      `practice/: totalBlockingTimeMs ${tbt + 1} > 100 (tolerance 50)`,
    ]);
    expect(budgetProblems([{ ...good, performance: 93 }])).toEqual([]);
    expect(budgetProblems([{ ...good, performance: 92 }])).toHaveLength(1);
    // accessibility, best practices and SEO have no tolerance
    expect(budgetProblems([{ ...good, accessibility: 99 }])).toEqual([
      'practice/: accessibility 99 < 100 (tolerance 0)',
    ]);
  });
});

describe('medianRow', () => {
  it('takes the median of each number and keeps audits that failed in most runs', () => {
    const row = medianRow([
      { ...good, totalBlockingTimeMs: 600, performance: 88, failedAudits: ['total-blocking-time', 'dom-size'] },
      { ...good, totalBlockingTimeMs: 30, performance: 100, failedAudits: ['dom-size'] },
      { ...good, totalBlockingTimeMs: 70, performance: 98, failedAudits: [] },
    ]);
    expect(row).toMatchObject({ totalBlockingTimeMs: 70, performance: 98, runs: 3, path: 'practice/' });
    expect(row.failedAudits).toEqual(['dom-size']);
  });

  it('averages the middle two of an even count and refuses no runs', () => {
    expect(
      medianRow([
        { ...good, totalBlockingTimeMs: 10 },
        { ...good, totalBlockingTimeMs: 21 },
      ]).totalBlockingTimeMs,
    ).toBe(16);
    expect(() => medianRow([])).toThrow();
  });
});

describe('measurePage', () => {
  const page = { kind: 'home', locale: 'en', path: '' };
  const runner = (values: number[]) => {
    let i = 0;
    const calls: number[] = [];
    const run = async () => {
      calls.push(i);
      return { ...good, path: '', totalBlockingTimeMs: values[i++]! };
    };
    return { run, calls };
  };

  it('runs once when the first run meets the budgets, or when not checking', async () => {
    const ok = runner([20, 900, 900, 900, 900]);
    expect((await measurePage(ok.run, page, { check: true })).totalBlockingTimeMs).toBe(20);
    expect(ok.calls).toHaveLength(1);
    const unchecked = runner([900, 20, 20, 20, 20]);
    expect((await measurePage(unchecked.run, page)).totalBlockingTimeMs).toBe(900);
    expect(unchecked.calls).toHaveLength(1);
  });

  it('judges a page that missed by the median of five runs: noisy moments pass, a regression does not', async () => {
    const noisy = runner([900, 40, 300, 60, 80]);
    const once = await measurePage(noisy.run, page, { check: true });
    expect(noisy.calls).toHaveLength(5);
    expect(once).toMatchObject({ totalBlockingTimeMs: 80, runs: 5 });
    expect(budgetProblems([once])).toEqual([]);

    const slow = runner([900, 400, 700, 120, 650]);
    const regression = await measurePage(slow.run, page, { check: true });
    expect(regression.totalBlockingTimeMs).toBe(650);
    expect(budgetProblems([regression])).toHaveLength(1);
  });
});

describe('calibratedSlowdown', () => {
  it("keeps Lighthouse's 4× on a host as fast as its reference or faster", () => {
    expect(calibratedSlowdown(2000)).toBe(4);
    expect(calibratedSlowdown(2600)).toBe(4);
  });

  it('slows a slower host down less, never below 1×, and falls back to 4× without a measure', () => {
    expect(calibratedSlowdown(1500)).toBe(3);
    expect(calibratedSlowdown(1000)).toBe(2);
    expect(calibratedSlowdown(1234)).toBe(2.5);
    expect(calibratedSlowdown(300)).toBe(1);
    expect(calibratedSlowdown(0)).toBe(4);
    expect(calibratedSlowdown(Number.NaN)).toBe(4);
  });
});

describe("calibratedSlowdown with the main thread's CPU share", () => {
  it('multiplies CPU time, not wall time, by the slowdown, down to half', () => {
    expect(calibratedSlowdown(2500, 1)).toBe(4);
    expect(calibratedSlowdown(2500, 0.6)).toBe(2.4);
    expect(calibratedSlowdown(1711, 0.6)).toBe(2.1);
    // a share under half is a host too busy to measure on, not a faster phone
    expect(calibratedSlowdown(2500, 0.2)).toBe(2);
    // an unmeasured share changes nothing; a share over 1 is clamped
    expect(calibratedSlowdown(2500)).toBe(4);
    expect(calibratedSlowdown(2500, Number.NaN)).toBe(4);
    expect(calibratedSlowdown(2500, 1.3)).toBe(4);
  });
});

describe('mainThreadCpuShare', () => {
  const meta = (pid: number, tid: number, name: string) => ({ ph: 'M', name: 'thread_name', pid, tid, args: { name } });
  const task = (pid: number, tid: number, dur: number, tdur?: number) => ({
    ph: 'X',
    name: 'RunTask',
    pid,
    tid,
    dur,
    tdur,
  });
  const parse = (pid: number, tid: number) => ({ ph: 'X', name: 'ParseHTML', pid, tid, dur: 100 });

  it('takes the long tasks of the renderer main thread that parsed the page', () => {
    const events = [
      meta(1, 1, 'CrBrowserMain'),
      meta(2, 7, 'CrRendererMain'), // about:blank's renderer
      meta(3, 9, 'CrRendererMain'), // the page's
      meta(3, 10, 'Compositor'),
      parse(2, 7),
      parse(3, 9),
      parse(3, 9),
      task(1, 1, 50_000, 5_000), // the browser's own tasks do not count
      task(2, 7, 40_000, 40_000),
      task(3, 10, 40_000, 1_000),
      task(3, 9, 40_000, 20_000),
      task(3, 9, 20_000, 15_000),
      task(3, 9, 5_000, 100), // under 10 ms: never blocks, not counted
    ];
    expect(mainThreadCpuShare(events)).toBeCloseTo(35 / 60);
  });

  it('is undefined without a page or without thread times', () => {
    expect(mainThreadCpuShare([])).toBeUndefined();
    expect(mainThreadCpuShare([meta(3, 9, 'CrRendererMain'), parse(3, 9), task(3, 9, 40_000)])).toBeUndefined();
  });
});

describe('hostCalibration', () => {
  it('takes the medians of the probes and the slowdown they give', () => {
    expect(
      hostCalibration([
        { benchmarkIndex: 1800, cpuShare: 0.55 },
        { benchmarkIndex: 2600, cpuShare: 0.62 },
        { benchmarkIndex: 2400, cpuShare: 0.7 },
      ]),
    ).toEqual({ benchmarkIndex: 2400, cpuShare: 0.62, cpuSlowdownMultiplier: 2.5 });
  });

  it('falls back to the benchmark index alone when no share was measured', () => {
    expect(hostCalibration([{ benchmarkIndex: 1000 }, { benchmarkIndex: 1000 }])).toEqual({
      benchmarkIndex: 1000,
      cpuShare: undefined,
      cpuSlowdownMultiplier: 2,
    });
  });
});
