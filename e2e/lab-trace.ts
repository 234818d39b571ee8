/**
 * The worker's messages as a lab test sees them: with `?lab-trace` every lab dispatches each message
 * from its worker on `window` as a 'lab-message' event; `traceMessages` collects them from the first
 * request on, and the helpers below read the losses and the backends out of them.
 */
import type { Page } from '@playwright/test';

type Traced = { labMessages: Record<string, unknown>[] };

/** Collects the worker messages the labs dispatch on `window` with `?lab-trace`. */
export async function traceMessages(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen: unknown[] = [];
    (window as unknown as { labMessages: unknown[] }).labMessages = seen;
    window.addEventListener('lab-message', (e) => seen.push((e as CustomEvent).detail));
  });
}

/**
 * The losses the worker reported, in order: a classifier's or regression's batch loss, or a GAN's
 * discriminator loss (column 1 of each iteration's stats row, once per iteration).
 */
export async function losses(page: Page, kind: 'batch' | 'd' = 'batch'): Promise<number[]> {
  return page.evaluate((kind) => {
    const out: number[] = [];
    const iterations = new Set<number>();
    for (const m of (window as unknown as Traced).labMessages) {
      if (m.type === 'progress' && kind === 'batch') out.push(m.loss as number);
      if (m.type === 'gan-frame' && kind !== 'batch') {
        const stats = m.stats as Float32Array;
        for (let i = 0; i + 4 < stats.length; i += 5) {
          const value = stats[i + 1]!;
          if (Number.isFinite(value) && !iterations.has(stats[i]!)) out.push(value);
          iterations.add(stats[i]!);
        }
      }
    }
    return out;
  }, kind);
}

/** The backends the worker reported using, in order. */
export async function backends(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    (window as unknown as Traced).labMessages.filter((m) => m.type === 'backend').map((m) => m.backend as string),
  );
}

export const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
