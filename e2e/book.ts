/**
 * Shared helpers for the browser tests: the list of pages (from the same chapter list and content
 * check the unit tests use) and a guard that records console errors and off-site requests.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, type Locator, type Page } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { CHAPTERS, LOCALE_DIRS } from '../src/chapters';
import { checkBook, type PageSource } from '../src/markdown/content-check';

const docsDir = fileURLToPath(new URL('../content/docs/', import.meta.url));
const report = checkBook(docsDir, Object.values(LOCALE_DIRS).filter(Boolean));

/** Every page of the book, as paths relative to the base URL (no leading slash), with its source facts. */
export const PAGES: { path: string; source: PageSource }[] = [...report.pages.values()]
  .map((source) => ({ path: source.url.slice(1), source }))
  .sort((a, b) => a.path.localeCompare(b.path));

export const LOCALE_PREFIXES = Object.values(LOCALE_DIRS).map((d) => (d ? `${d}/` : ''));
export { CHAPTERS };

/** Hosts a page may talk to: only the local server the tests started. */
const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost']);

export interface PageGuard {
  errors: string[];
  offsite: string[];
}

/**
 * Records console errors, uncaught page errors, Content-Security-Policy violations and any request
 * that leaves the local server.
 */
export function guard(page: Page): PageGuard {
  const result: PageGuard = { errors: [], offsite: [] };
  // a Content-Security-Policy violation anywhere on the page counts as an error
  void page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline code'}`),
    );
  });
  page.on('console', (msg) => {
    if (msg.type() === 'error') result.errors.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (error) => result.errors.push(`pageerror: ${error.message}`));
  page.on('response', (response) => {
    if (response.status() >= 400) result.errors.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.protocol === 'data:' || url.protocol === 'blob:' || url.protocol === 'about:') return;
    if (!LOCAL_HOSTS.has(url.hostname)) result.offsite.push(request.url());
  });
  return result;
}

/**
 * Scrolls a lab (by its `data-lab` id) into view and waits until its island has hydrated: islands
 * load when they become visible, so other labs on the page may still be static HTML.
 */
export async function hydratedLab(page: Page, id: string): Promise<Locator> {
  const lab = page.locator(`[data-lab="${id}"]`);
  await lab.scrollIntoViewIfNeeded();
  await expect(page.locator(`astro-island[ssr]:has([data-lab="${id}"])`)).toHaveCount(0);
  return lab;
}

/**
 * Opens a page with a lab on the WASM backend, as the lab tests do: starts the page's guard first
 * (so it sees every error from the first request), then waits for the lab's island to hydrate.
 */
export async function openLab(page: Page, path: string, id: string): Promise<{ seen: PageGuard; lab: Locator }> {
  const seen = guard(page);
  await page.goto(path);
  return { seen, lab: await hydratedLab(page, id) };
}

/**
 * Scrolls through the whole page once (or only the part that `selector` covers), as a reader would:
 * islands hydrate when they become visible and Expressive Code measures its blocks as they are laid
 * out, so after one pass nothing in that part changes under axe while it checks contrast and
 * keyboard access. A check of one lab lays out only the lab: on a long chapter, scrolling the
 * whole page hydrates every other island too, which costs a busy 2-core machine tens of seconds.
 *
 * The pass stops scrolling after a minute whatever happens in the page. If the page does not
 * answer within `STALL_MS` the test fails at once (`answered`): on a loaded CI machine a page now
 * and then stops answering here, its timers and animation frames stopped and every browser process
 * idle, while it still answers the test runner's own queries.
 */
export async function renderWholePage(page: Page, selector?: string): Promise<void> {
  const rendered = page.evaluate(async (selector) => {
    // two frames, or 250 ms if the compositor is too busy to give them (a stalled frame must not
    // hold the test until its timeout, as it once did on a loaded CI machine)
    const frame = () =>
      new Promise((resolve) => {
        requestAnimationFrame(() => requestAnimationFrame(resolve));
        setTimeout(resolve, 250);
      });
    const start = window.scrollY;
    const parts = selector ? [...document.querySelectorAll(selector)] : [];
    let top = 0;
    let bottom = document.documentElement.scrollHeight;
    if (parts.length > 0) {
      const boxes = parts.map((part) => part.getBoundingClientRect());
      top = Math.max(0, Math.min(...boxes.map((box) => box.top)) + window.scrollY - window.innerHeight);
      bottom = Math.max(...boxes.map((box) => box.bottom)) + window.scrollY;
    }
    // a screen at a time; never a zero step (a viewport being resized can read 0 px high, and the
    // loop would then scroll to the same place until the test's timeout), never past a minute
    const until = performance.now() + 60_000;
    for (let y = top; y < bottom && performance.now() < until; y += Math.max(200, window.innerHeight)) {
      window.scrollTo(0, y);
      await frame();
    }
    window.scrollTo(0, start);
    await frame();
  }, selector);
  await answered(page, rendered, 'while being scrolled through');
}

const STALLED = Symbol('stalled');

/**
 * `work` (a `page.evaluate` in flight), or an error as soon as the page has not answered for
 * `STALL_MS`, saying how much CPU each of the browser's processes used in the next 5 s. On a loaded
 * CI machine a page now and then stops answering altogether (its timers and animation frames stop;
 * every process idle); without this the test waits out its whole timeout.
 */
export async function answered<T>(page: Page, work: Promise<T>, what: string): Promise<T> {
  // the page may still answer after the test has failed; that late answer is not an error
  work.catch(() => {});
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stalled = new Promise<typeof STALLED>((resolve) => {
    timer = setTimeout(() => resolve(STALLED), STALL_MS);
  });
  const outcome = await Promise.race([work, stalled]);
  clearTimeout(timer);
  if (outcome === STALLED) {
    throw new Error(
      `${page.url()} did not answer for ${STALL_MS / 1000} s ${what}; ${await pageState(page)}; ${await processCpu(page)}`,
    );
  }
  return outcome as T;
}

/** How long `answered` waits for a page that stops answering (renderWholePage's own pass ends after 60 s). */
export const STALL_MS = 90_000;

/**
 * What a stalled page says of itself when asked directly, for a stalled test's message: whether it
 * thinks it is visible, and whether a timer of 0 ms and an animation frame still come within 2 s.
 */
async function pageState(page: Page): Promise<string> {
  const asked = page.evaluate(async () => {
    const within = (start: (done: () => void) => void) =>
      new Promise<string>((resolve) => {
        start(() => resolve('yes'));
        // a page whose timers stopped never gets here either: the test side's own limit below says so
        setTimeout(() => resolve('no'), 2000);
      });
    const [timer, frame] = await Promise.all([
      within((done) => setTimeout(done, 0)),
      within((done) => requestAnimationFrame(() => done())),
    ]);
    return `visibility ${document.visibilityState}, focus ${document.hasFocus()}, a timer fires: ${timer}, an animation frame comes: ${frame}`;
  });
  asked.catch(() => {});
  const limit = new Promise<string>((resolve) =>
    setTimeout(() => resolve('the page did not answer a question about its own state within 5 s'), 5000),
  );
  return Promise.race([asked, limit]);
}

/** CPU seconds each of the page's browser processes used in the next 5 s, for a stalled test's message. */
async function processCpu(page: Page): Promise<string> {
  const browser = page.context().browser();
  if (!browser) return 'no browser to ask';
  try {
    const cdp = await browser.newBrowserCDPSession();
    type Info = { processInfo: { type: string; id: number; cpuTime: number }[] };
    const before = (await cdp.send('SystemInfo.getProcessInfo')) as Info;
    await new Promise((resolve) => setTimeout(resolve, 5000));
    const after = (await cdp.send('SystemInfo.getProcessInfo')) as Info;
    await cdp.detach();
    const was = new Map(before.processInfo.map((p) => [p.id, p.cpuTime]));
    return `CPU seconds in the next 5 s: ${after.processInfo
      .map((p) => `${p.type} ${p.id}: ${(p.cpuTime - (was.get(p.id) ?? 0)).toFixed(2)}`)
      .join(', ')}`;
  } catch (error) {
    return `the browser's processes could not be read (${String(error)})`;
  }
}

/**
 * axe's serious and critical violations on the page (or inside `selector`; only `rules` when given), one line each, after
 * laying out every block and letting Expressive Code's debounced ResizeObserver (~250 ms after
 * layout) settle which code blocks stay focusable. `exclude` leaves subtrees out, `disable` rules out;
 * `render: false` when the page was laid out by an earlier call.
 */
export async function axeProblems(
  page: Page,
  selector?: string,
  rules?: string[],
  exclude: string[] = [],
  { disable = [], render = true }: { disable?: string[]; render?: boolean } = {},
): Promise<string[]> {
  if (render) await renderWholePage(page, selector);
  await page.waitForFunction(
    (selector) =>
      [...document.querySelectorAll<HTMLElement>(`${selector ?? ''} .expressive-code pre`.trim())].every(
        (pre) => pre.scrollWidth <= pre.clientWidth || pre.hasAttribute('tabindex'),
      ),
    selector,
  );
  const builder = new AxeBuilder({ page });
  if (selector) builder.include(selector);
  if (rules) builder.withRules(rules);
  for (const part of exclude) builder.exclude(part);
  if (disable.length > 0) builder.disableRules(disable);
  const results = await builder.analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(' | ')}`,
    );
}

/**
 * Chromium's network emulation for `page` (and its workers): a link of `bitsPerSecond` down and up
 * with 20 ms latency. Returns a function that lifts it again.
 */
export async function emulateLink(page: Page, bitsPerSecond: number): Promise<() => Promise<void>> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 20,
    downloadThroughput: bitsPerSecond / 8,
    uploadThroughput: bitsPerSecond / 8,
  });
  return async () => {
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });
  };
}
