// Readable math and diagrams on every page, on a phone and on a desktop (issue 15 point 3):
// - no display equation's box, tag included, runs past its container, and one whose content is
//   wider than its box scrolls inside it (overflow-x auto or scroll) and takes keyboard focus; on a
//   desktop none is that wide (long equations are broken into lines in the text);
// - every equation number (KaTeX's `\tag`) is wholly visible: inside the page, not clipped by a
//   scrolling box, and not overlapped by the equation;
// - no diagram label is drawn smaller than 12 px at 1280 px or 10 px at 360 px (font size × the
//   SVG's scale on screen), and a diagram wider than its box scrolls inside it, focusably.
// Each page is measured in one evaluate call per width, in one browser context per test: 1280 px
// in the light theme and 360 px in the dark one, so both SVGs of every diagram are measured.
import { expect, test, type Page } from '@playwright/test';
import { LOCALE_PREFIXES, PAGES } from './book';

interface Limits {
  /** smallest allowed rendered size of a diagram label, in CSS px */
  minLabelPx: number;
  /** whether a display equation may scroll at this width (on a phone) or must fit (on a desktop) */
  equationsMayScroll: boolean;
}

/** Runs in the page: one line per problem found. Self-contained (it is serialised into the page). */
function readabilityProblems(limits: Limits): string[] {
  const problems: string[] = [];
  const slack = 1; // sub-pixel rounding
  const describe = (el: Element): string => {
    const id = el.closest('[id]')?.id;
    const tex = el.querySelector('annotation')?.textContent?.replace(/\s+/g, ' ').trim().slice(0, 60);
    return `${id ? `#${id} ` : ''}${tex ? `“${tex}”` : el.textContent?.trim().slice(0, 40)}`;
  };
  const scrollsSideways = (el: Element): boolean => {
    const style = getComputedStyle(el);
    return (style.overflowX === 'auto' || style.overflowX === 'scroll') && el.getAttribute('tabindex') === '0';
  };
  const clips = (el: Element): boolean => getComputedStyle(el).overflowX !== 'visible';
  const inside = (a: DOMRect, b: DOMRect): boolean =>
    a.left >= b.left - slack && a.right <= b.right + slack && a.top >= b.top - slack && a.bottom <= b.bottom + slack;
  const overlap = (a: DOMRect, b: DOMRect): boolean =>
    Math.min(a.right, b.right) - Math.max(a.left, b.left) > slack &&
    Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > slack;
  // the page's width; any height (equations further down are measured where they are)
  const viewport = new DOMRect(0, -1e7, document.documentElement.clientWidth, 2e7);

  for (const display of document.querySelectorAll<HTMLElement>('.katex-display')) {
    if (display.getClientRects().length === 0) continue; // in a closed disclosure or hidden tab
    // on screen, so that what covers what can be asked of the browser
    display.scrollIntoView({ block: 'center' });
    const box = display.getBoundingClientRect();
    const container = display.parentElement!.getBoundingClientRect();
    const what = describe(display);
    if (box.right > container.right + slack || box.left < container.left - slack)
      problems.push(`equation ${what}: its box (${Math.round(box.width)} px) runs past its container`);
    if (box.right > viewport.right + slack) problems.push(`equation ${what}: runs past the page's right edge`);
    const hidden = display.scrollWidth - display.clientWidth;
    if (hidden > slack && !scrollsSideways(display))
      problems.push(`equation ${what}: ${hidden} px wider than its box, no scroll`);
    else if (hidden > slack && !limits.equationsMayScroll)
      problems.push(`equation ${what}: ${hidden} px wider than the column; break it into lines`);

    const tag = display.querySelector('.tag');
    if (!tag) continue;
    const tagBox = tag.getBoundingClientRect();
    if (!inside(tagBox, viewport)) problems.push(`equation ${what}: its number is off the page`);
    // clipped by a scrolling box on its containing-block chain (an absolutely positioned number
    // is not clipped by the static boxes between it and the positioned ancestor it hangs from)
    let outOfFlow = getComputedStyle(tag).position === 'absolute';
    for (let el = tag.parentElement; el && el !== document.body; el = el.parentElement) {
      const position = getComputedStyle(el).position;
      if (outOfFlow && position === 'static') continue;
      if (clips(el) && !inside(tagBox, el.getBoundingClientRect())) {
        problems.push(`equation ${what}: its number is cut off by ${el.tagName.toLowerCase()}.${el.className}`);
        break;
      }
      outOfFlow = position === 'absolute';
    }
    // and what the reader sees at its left edge, middle and right edge is the number itself
    for (const x of [tagBox.left + 2, (tagBox.left + tagBox.right) / 2, tagBox.right - 2]) {
      const hit = document.elementFromPoint(x, (tagBox.top + tagBox.bottom) / 2);
      if (!hit || !tag.contains(hit)) {
        problems.push(
          `equation ${what}: its number is hidden at x = ${Math.round(x)} by ${hit?.className ?? 'nothing'}`,
        );
        break;
      }
    }
    // what of the equation shows (clipped by its scrolling box) must not run under the number
    for (const part of display.querySelectorAll('.katex-html > .base')) {
      const r = part.getBoundingClientRect();
      const left = Math.max(r.left, box.left);
      const right = Math.min(r.right, box.right);
      if (right > left && overlap(new DOMRect(left, r.top, right - left, r.height), tagBox)) {
        problems.push(`equation ${what}: the equation runs under its number`);
        break;
      }
    }
  }

  for (const figure of document.querySelectorAll<HTMLElement>('figure.mermaid-diagram')) {
    const title = figure.querySelector('figcaption')?.textContent?.trim() ?? '(untitled diagram)';
    const svg = [...figure.querySelectorAll('svg')].find((s) => s.getClientRects().length > 0);
    if (!svg) {
      problems.push(`diagram “${title}”: no SVG is visible`);
      continue;
    }
    const svgBox = svg.getBoundingClientRect();
    const figBox = figure.getBoundingClientRect();
    if (figBox.right > viewport.right + slack) problems.push(`diagram “${title}”: runs past the page's right edge`);
    // the box it scrolls in, if any: the nearest ancestor inside the figure that clips
    let box: HTMLElement = figure;
    for (let el = svg.parentElement; el && el !== figure; el = el.parentElement)
      if (clips(el)) {
        box = el;
        break;
      }
    if (svgBox.width > box.clientWidth + slack && !scrollsSideways(box))
      problems.push(`diagram “${title}”: wider than its box (${Math.round(svgBox.width)} px), no scroll`);
    let smallest = Infinity;
    let smallestText = '';
    for (const text of svg.querySelectorAll<SVGGraphicsElement | HTMLElement>(
      'text, foreignObject span, foreignObject p',
    )) {
      if (!text.textContent?.trim()) continue;
      const fontPx = parseFloat(getComputedStyle(text).fontSize);
      // the SVG's user units to screen pixels (viewBox scaling and every transform on the way)
      const holder = text instanceof SVGGraphicsElement ? text : text.closest('foreignObject')!;
      const ctm = (holder as SVGGraphicsElement).getScreenCTM();
      if (!ctm) continue;
      const px = fontPx * Math.hypot(ctm.a, ctm.b);
      if (px < smallest) {
        smallest = px;
        smallestText = text.textContent.trim();
      }
    }
    if (smallest === Infinity) problems.push(`diagram “${title}”: no labels found`);
    else if (smallest < limits.minLabelPx - 0.05)
      problems.push(
        `diagram “${title}”: label “${smallestText.slice(0, 30)}” drawn at ${smallest.toFixed(1)} px (< ${limits.minLabelPx})`,
      );
  }
  return problems;
}

async function measure(page: Page, path: string, limits: Limits): Promise<string[]> {
  await page.goto(path);
  await page.evaluate(() => document.fonts.ready);
  return (await page.evaluate(readabilityProblems, limits)).map((p) => `/${path}: ${p}`);
}

const SETUPS = [
  { width: 1280, height: 800, colorScheme: 'light', minLabelPx: 12, equationsMayScroll: false },
  { width: 360, height: 740, colorScheme: 'dark', minLabelPx: 10, equationsMayScroll: true },
] as const;

for (const setup of SETUPS) {
  for (const prefix of LOCALE_PREFIXES) {
    const pages = PAGES.filter(({ path }) =>
      prefix ? path.startsWith(prefix) : !LOCALE_PREFIXES.some((p) => p && path.startsWith(p)),
    );
    test(`equations and diagrams are readable at ${setup.width} px (${setup.colorScheme}, ${prefix || 'en'})`, async ({
      browser,
    }) => {
      test.setTimeout(30_000 + pages.length * 15_000);
      const context = await browser.newContext({
        viewport: { width: setup.width, height: setup.height },
        colorScheme: setup.colorScheme,
      });
      const page = await context.newPage();
      const problems: string[] = [];
      let displays = 0;
      let diagrams = 0;
      for (const { path } of pages) {
        problems.push(...(await measure(page, path, setup)));
        displays += await page.locator('.katex-display').count();
        diagrams += await page.locator('figure.mermaid-diagram').count();
      }
      await context.close();
      expect(problems, `${problems.length} problems:\n${problems.join('\n')}`).toEqual([]);
      // the checks ran on something: each locale has some 60 display equations and 9 diagrams
      expect(displays).toBeGreaterThan(40);
      expect(diagrams).toBeGreaterThan(5);
    });
  }
}
