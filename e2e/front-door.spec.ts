// The book's front door, in both locales: the home page offers learning paths and links every
// chapter and every lab (each lab link lands on a heading with its lab below it); the page-not-found
// page speaks both languages and puts the reader's first; the phone header shows the whole title;
// the convolution explorer also works in the Algorithms chapter; the browser probe in Tools answers.
import { expect, test, type Page } from '@playwright/test';
import { axeProblems, CHAPTERS, guard, hydratedLab } from './book';

const LOCALES = [
  {
    prefix: '',
    paths: 'Learning paths',
    why: 15,
    tryIt: 'Try it now',
    labs: 'Where the labs are',
    notFound: 'This page does not exist',
  },
  { prefix: 'zh-cn/', paths: '学习路线', why: 6, tryIt: '马上试试', labs: '实验在哪里', notFound: '这个页面不存在' },
];

/** The links (as absolute URLs) in the part of the page between a h2 and the next h2. */
async function linksInSection(page: Page, heading: string): Promise<string[]> {
  return page.evaluate((title) => {
    const h2 = [...document.querySelectorAll('main h2')].find((h) => h.textContent?.trim() === title);
    if (!h2) return [];
    // Starlight wraps each heading in a div.sl-heading-wrapper: walk the siblings of the wrapper
    let node = h2.closest('.sl-heading-wrapper') ?? h2;
    const links: string[] = [];
    while ((node = node.nextElementSibling as Element) && !node.matches('h2, .sl-heading-wrapper.level-h2')) {
      for (const a of node.querySelectorAll('a[href]')) links.push((a as HTMLAnchorElement).href);
    }
    return links;
  }, heading);
}

for (const { prefix, paths, why, tryIt, labs } of LOCALES) {
  test(`home page (${prefix || 'en'}): learning paths, every chapter and every lab linked`, async ({ page }) => {
    const seen = guard(page);
    await page.goto(prefix);
    const main = page.locator('main');

    // a picture of what is inside, described
    const hero = page.locator('.hero img');
    await expect(hero).toBeVisible();
    expect((await hero.getAttribute('alt'))!.length).toBeGreaterThan(40);

    // "Try it now" comes right after the opening section
    const h2s = await main.locator('h2').allTextContents();
    expect(h2s.indexOf(tryIt)).toBe(1);

    // at least three learning paths, each an ordered list of links with a line on why
    const pathLinks = await linksInSection(page, paths);
    const lists = page.locator('main h3 + ol, main .sl-heading-wrapper:has(h3) + ol');
    expect(await lists.count()).toBeGreaterThanOrEqual(3);
    for (const list of await lists.all()) {
      const items = list.locator('li');
      expect(await items.count()).toBeGreaterThanOrEqual(4);
      for (const item of await items.all()) {
        await expect(item.locator('a')).not.toHaveCount(0);
        // the link and its reason
        expect((await item.textContent())!.trim().length).toBeGreaterThan(
          (await item.locator('a').first().textContent())!.trim().length + why,
        );
      }
    }
    expect(pathLinks.length).toBeGreaterThanOrEqual(15);

    // every chapter is linked from the page's text
    const hrefs = await main.locator('a[href]').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    const base = page.url(); // the home page of this locale
    for (const slug of CHAPTERS) {
      expect(
        hrefs.some((h) => h === `${base}${slug}/` || h.startsWith(`${base}${slug}/#`)),
        `a link to ${slug}`,
      ).toBe(true);
    }

    // every lab link lands on a heading that has a lab after it, before the next heading of its rank
    const labLinks = await linksInSection(page, labs);
    expect(labLinks.length).toBeGreaterThanOrEqual(14);
    const labsSeen = new Set<string>();
    for (const link of labLinks) {
      const url = new URL(link);
      const other = await page.context().newPage();
      await other.goto(url.href);
      const lab = await other.evaluate(
        (id) => {
          const heading = document.getElementById(id);
          if (!heading || !/^H[2-6]$/.test(heading.tagName)) return `no heading #${id}`;
          const rank = Number(heading.tagName[1]);
          const all = [...document.querySelectorAll('main h2, main h3, main h4, main h5, main h6, main [data-lab]')];
          for (const el of all.slice(all.indexOf(heading) + 1)) {
            if (el.hasAttribute('data-lab')) return el.getAttribute('data-lab')!;
            if (el.closest('[data-lab]')) continue; // a lab's own title
            if (Number(el.tagName[1]) <= rank) break;
          }
          return `no lab under #${id}`;
        },
        decodeURIComponent(url.hash.slice(1)),
      );
      expect(lab, link).not.toMatch(/^no /);
      labsSeen.add(`${url.pathname}:${lab}`);
      await other.close();
    }
    // no two links to the same lab
    expect(labsSeen.size).toBe(labLinks.length);

    expect(seen.errors).toEqual([]);
    expect(seen.offsite).toEqual([]);
  });

  test(`page not found (${prefix || 'en'}) speaks the reader's language first`, async ({ page }) => {
    const seen = guard(page);
    const response = await page.goto(`${prefix}no-such-page/`);
    expect(response?.status()).toBe(404);
    await expect(page.locator('h1')).toHaveCount(1);
    const sections = page.locator('[data-not-found] section');
    await expect(sections).toHaveCount(2);
    const first = LOCALES.find((l) => l.prefix === prefix)!;
    const firstHeading = await page.evaluate(() => {
      const shown = [...document.querySelectorAll('[data-not-found] section')].sort(
        (a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top,
      );
      return shown[0]?.querySelector('h2')?.textContent;
    });
    expect(firstHeading).toBe(first.notFound);
    await expect(page.locator('html')).toHaveAttribute('lang', prefix ? 'zh-CN' : 'en');
    // each half links its own home page and every chapter
    for (const { prefix: p } of LOCALES) {
      const section = page.locator(`[data-not-found] section[data-locale="${p ? 'zh-cn' : 'en'}"]`);
      const hrefs = await section
        .locator('a')
        .evaluateAll((as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
      for (const slug of ['', ...CHAPTERS.map((c) => `${c}/`)]) expect(hrefs).toContain(`/${p}${slug}`);
    }
    expect(await axeProblems(page)).toEqual([]);
    await page.locator('[data-not-found] section[data-locale="zh-cn"] a').first().click();
    await expect(page).toHaveURL(/\/zh-cn\/$/);
    // the only failures are the missing page's own 404 status (as a response and as its console line)
    expect(seen.errors.filter((e) => !/^HTTP 404: .*\/no-such-page\/$|status of 404 \(Not Found\)$/.test(e))).toEqual(
      [],
    );
    expect(seen.errors.filter((e) => e.startsWith('HTTP'))).toHaveLength(1);
  });
}

for (const width of [360, 390]) {
  for (const { prefix } of LOCALES) {
    test(`the header shows the whole title at ${width} px (${prefix || 'en'})`, async ({ page }) => {
      await page.setViewportSize({ width, height: 800 });
      await page.goto(`${prefix}background/`);
      const title = page.locator('.site-title');
      const header = page.locator('header.header');
      const fits = await title.evaluate((el) => {
        const span = el.querySelector('span') ?? el;
        const wrapper = el.closest('.title-wrapper') as HTMLElement;
        const header = el.closest('header') as HTMLElement;
        const text = span.getBoundingClientRect();
        const box = wrapper.getBoundingClientRect();
        const bar = header.getBoundingClientRect();
        return {
          clipped: span.scrollWidth > span.clientWidth + 1 || text.right > box.right + 1,
          inside: text.top >= bar.top - 1 && text.bottom <= bar.bottom + 1,
        };
      });
      expect(fits).toEqual({ clipped: false, inside: true });
      // nothing to its right is covered: the search button starts after the title ends
      const titleBox = (await title.boundingBox())!;
      const search = (await header.locator('button[data-open-modal], site-search button').first().boundingBox())!;
      expect(titleBox.x + titleBox.width).toBeLessThanOrEqual(search.x + 1);
    });
  }
}

for (const { prefix } of LOCALES) {
  test(`the convolution explorer works in the Algorithms chapter too (${prefix || 'en'})`, async ({ page }) => {
    const seen = guard(page);
    await page.goto(`${prefix}algorithms/`);
    const lab = await hydratedLab(page, 'cnn-conv-step');
    // under the CNN section, before the RNN section
    const section = await lab.evaluate((el) => {
      const headings = [...document.querySelectorAll('main h3')].filter(
        (h) => !h.closest('[data-lab]') && h.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING,
      );
      return headings.at(-1)?.id;
    });
    expect(section).toBe(prefix ? '卷积神经网络cnn' : 'convolutional-neural-networks-cnn');
    const cells = lab.getByRole('gridcell');
    await expect(cells).toHaveCount(16);
    await cells.first().focus();
    await page.keyboard.press('End');
    await expect(cells.nth(15)).toHaveAttribute('aria-selected', 'true');
    // its labels point at elements of its own, and no id on the page is used twice
    const ids = await page.evaluate(() => [...document.querySelectorAll('[id]')].map((e) => e.id));
    expect(ids.length).toBe(new Set(ids).size);
    const labelled = await lab
      .locator('[aria-labelledby]')
      .evaluateAll((els) =>
        els.flatMap((e) => e.getAttribute('aria-labelledby')!.split(' ')).filter((id) => !document.getElementById(id)),
      );
    expect(labelled).toEqual([]);
    expect(await axeProblems(page, '[data-lab="cnn-conv-step"]')).toEqual([]);
    expect(seen.errors).toEqual([]);
  });

  test(`the browser probe answers without loading TensorFlow.js (${prefix || 'en'})`, async ({ page }) => {
    const seen = guard(page);
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(`${prefix}tools-and-resources/`);
    const probe = page.locator('[data-probe="browser"]');
    await probe.scrollIntoViewIfNeeded();
    await expect(probe).toHaveAttribute('data-state', 'done');
    await expect(probe.locator('tbody tr')).toHaveCount(7);
    // the served book is cross-origin isolated, so its answers match the page's own
    const truth = await page.evaluate(() => ({ isolated: crossOriginIsolated, cores: navigator.hardwareConcurrency }));
    const yes = prefix ? '支持' : 'Yes';
    expect(truth.isolated).toBe(true);
    await expect(probe.locator('[data-feature="isolated"] td').first()).toHaveText(yes);
    await expect(probe.locator('[data-feature="threads"] td').first()).toHaveText(yes);
    await expect(probe.locator('[data-feature="cores"] td').first()).toHaveText(String(truth.cores));
    await expect(probe.locator('.verdict')).not.toBeEmpty();
    expect(requests.filter((url) => /tfjs|\.wasm(\?|$)/.test(url))).toEqual([]);
    expect(await axeProblems(page, '[data-probe="browser"]')).toEqual([]);
    // on a 360-px phone the table fits its box: no sideways scrolling
    await page.setViewportSize({ width: 360, height: 800 });
    expect(await probe.evaluate((el) => el.querySelector('table')!.scrollWidth <= el.clientWidth)).toBe(true);
    expect(seen.errors).toEqual([]);
    expect(seen.offsite).toEqual([]);
  });
}
