// Links that land (issue 15): on every page of both locales, at a desktop and a phone width, every
// entry of the table of contents and every link to an anchor on the same page brings its heading
// (or equation) to the top of the screen on the first click; old links into a chapter that was split
// into pages land on the page that now holds the heading; switching language keeps the section.
import { expect, test, type Page } from '@playwright/test';
import { answered, guard, PAGES } from './book';

/**
 * How far below the top of the reading area a target may land. The reading area starts under the
 * page's sticky chrome: the header (56–64 px) and, on a phone, the "On this page" bar (48 px), which
 * Starlight's scroll padding keeps clear of a heading.
 */
const MAX_TOP = 100;

interface Landing {
  top: number;
  atTop: boolean;
  atBottom: boolean;
}
declare global {
  interface Window {
    /** installed by `measureLandings`: where the element with `id` is now (see `landing`) */
    landingOf?: (id: string) => Landing;
  }
}

/**
 * Gives the page `window.landingOf(id)`: how far below the sticky chrome the element with `id` is
 * now, and whether the page could have scrolled any further. Installed before the page's own
 * scripts, so the one definition serves a single measurement and a batch of clicks alike.
 */
const measureLandings = (page: Page) =>
  page.addInitScript(() => {
    window.landingOf = (target: string) => {
      const element = document.getElementById(target);
      if (!element) return { top: Number.NaN, atTop: false, atBottom: false };
      const chrome = [document.querySelector('header.header'), document.querySelector('mobile-starlight-toc nav')]
        .map((e) => (e ? e.getBoundingClientRect() : undefined))
        .filter((r) => r && r.height > 0 && r.top <= 0.5)
        .reduce((bottom, r) => Math.max(bottom, r!.bottom), 0);
      const top = element.getBoundingClientRect().top - chrome;
      const atBottom = window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 2;
      // Starlight's "Overview" entry (#_top) means the top of the page, whose title sits under the
      // phone's header and table-of-contents bar
      const atTop = target === '_top' ? window.scrollY < 50 : window.scrollY === 0;
      return { top, atTop, atBottom };
    };
  });

/** Where the element with `id` is now (`measureLandings` must have been installed). */
const landing = (page: Page, id: string): Promise<Landing> => page.evaluate((target) => window.landingOf!(target), id);

const settle = (page: Page) =>
  answered(
    page,
    page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))),
    'after a link was followed',
  );

function expectLanded(where: Landing, label: string) {
  // a heading near either end of a page cannot reach the top: the page has scrolled as far as it goes
  const ok = where.top >= -2 && (where.top <= MAX_TOP || where.atBottom || (where.atTop && where.top < 300));
  expect(ok, `${label} landed ${Math.round(where.top)} px below the header`).toBe(true);
}

for (const { width, height, phone } of [
  { width: 1280, height: 800, phone: false },
  { width: 390, height: 844, phone: true },
]) {
  test(`table-of-contents entries and in-page links land at the top (${width} px)`, async ({ page }) => {
    test.setTimeout(600_000);
    const problems = guard(page);
    await measureLandings(page);
    await page.setViewportSize({ width, height });
    let clicked = 0;
    for (const { path } of PAGES) {
      await page.goto(path);
      // the table of contents: the desktop column, or the phone's drop-down
      const tocLinks = page.locator(phone ? 'mobile-starlight-toc nav a' : 'starlight-toc nav a');
      const hrefs = await tocLinks.evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
      for (const [i, href] of hrefs.entries()) {
        const id = decodeURIComponent(href.slice(1));
        if (phone) {
          const details = page.locator('mobile-starlight-toc details');
          if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open))) {
            await page.locator('mobile-starlight-toc summary').click();
          }
        }
        await tocLinks.nth(i).click();
        await settle(page);
        expectLanded(await landing(page, id), `/${path} table of contents → #${id}`);
        clicked += 1;
      }
      // links in the text to an anchor on the same page (equations, earlier sections, labs): each
      // followed from the top of the page, all in one round trip (a click's default action, as a
      // reader's, then two frames for the scroll to land); the landing measured as above
      const landed = await answered(
        page,
        page.evaluate(async () => {
          const frames = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
          const links = [
            ...document.querySelectorAll<HTMLAnchorElement>('.sl-markdown-content a[href^="#"]:not([role="tab"])'),
          ].filter((a) => a.checkVisibility());
          const out: (Landing & { href: string })[] = [];
          for (const link of links) {
            const href = link.getAttribute('href') ?? '';
            window.scrollTo(0, 0);
            link.click();
            await frames();
            out.push({ href, ...window.landingOf!(decodeURIComponent(href.slice(1))) });
          }
          return out;
        }),
        'while its links were followed',
      );
      for (const { href, ...where } of landed) {
        expectLanded(where, `/${path} link in the text → ${href}`);
        clicked += 1;
      }
    }
    expect(clicked).toBeGreaterThan(200);
    expect(problems.errors).toEqual([]);
  });
}

test('old links into the split Mathematics chapter land on the page that now holds them', async ({ page }) => {
  const problems = guard(page);
  await measureLandings(page);
  for (const [from, to, id] of [
    ['math/#case-3-image-generation', 'math/cases/', 'case-3-image-generation'],
    ['math/#eq-4-36', 'math/derivations/', 'eq-4-36'],
    ['zh-cn/math/#案例三图像生成', 'zh-cn/math/cases/', '案例三图像生成'],
  ] as const) {
    await page.goto(from);
    await expect(page).toHaveURL(new RegExp(`${to.replace(/\//g, '\\/')}#`));
    await settle(page);
    expectLanded(await landing(page, id), `${from} → ${to}`);
  }
  expect(problems.errors).toEqual([]);
});

for (const { width, from, to } of [
  { width: 1280, from: 'practice/', to: 'zh-cn/practice/' },
  { width: 390, from: 'zh-cn/math/derivations/', to: 'math/derivations/' },
]) {
  test(`switching language keeps the reader's section (${from} → ${to}, ${width} px)`, async ({ page }) => {
    const problems = guard(page);
    await measureLandings(page);
    await page.setViewportSize({ width, height: 800 });
    await page.goto(from);
    // the chapter's section headings, not the headings inside a lab's own markup
    const headings = page.locator('.sl-markdown-content :is(h2, h3, h4)[id]:not(astro-island *)');
    await headings.nth(4).evaluate((h) => h.scrollIntoView({ block: 'start' }));
    await page.mouse.wheel(0, 150); // the reader has read a little into the section
    await settle(page);
    // the section the reader is in: the last heading at or above the top of the reading area (far
    // blocks skip layout until near, so where a scroll lands depends on what has been laid out)
    const index = await headings.evaluateAll((all) => {
      const line = (document.querySelector('header.header')?.getBoundingClientRect().bottom ?? 0) + 80;
      return all.findLastIndex((h) => h.getBoundingClientRect().top <= line);
    });
    expect(index).toBeGreaterThan(0);
    // on a phone the picker is in the menu
    if (width < 800) await page.locator('starlight-menu-button button').click();
    const picker = page.locator('starlight-lang-select select').locator('visible=true').first();
    await picker.selectOption({ index: from.startsWith('zh-cn') ? 0 : 1 });
    await expect(page).toHaveURL(new RegExp(`${to.replace(/\//g, '\\/')}#.+`));
    const id = decodeURIComponent(new URL(page.url()).hash.slice(1));
    // the same section: the translated page's heading of the same index
    expect(await headings.nth(index).getAttribute('id')).toBe(id);
    await settle(page);
    expectLanded(await landing(page, id), `${from} → ${to}`);
    expect(problems.errors).toEqual([]);
  });
}
