// Crawl the built site from the home page: every internal link, stylesheet, script and image
// resolves with 200, and every #anchor names an element on its target page.
import { expect, test } from '@playwright/test';
import { PAGES } from './book';

test('every internal link and asset in the built pages resolves', async ({ page, request, baseURL }) => {
  test.setTimeout(180_000);
  const base = new URL(baseURL!);
  // The language picker is a <select>, not a link: start from each locale's home page.
  const toVisit = [base.href, new URL('zh-cn/', base).href];
  const visited = new Set<string>();
  const idsByPage = new Map<string, Set<string>>();
  const anchors: { from: string; target: string; id: string }[] = [];
  const problems: string[] = [];
  const checkedAssets = new Set<string>();

  while (toVisit.length > 0) {
    const url = toVisit.pop()!;
    if (visited.has(url)) continue;
    visited.add(url);
    const response = await page.goto(url);
    if (response?.status() !== 200) {
      problems.push(`${url}: status ${response?.status()}`);
      continue;
    }
    const found = await page.evaluate(() => ({
      links: [...document.querySelectorAll('a[href]')].map((a) => (a as HTMLAnchorElement).href),
      assets: [
        ...[...document.querySelectorAll('link[href]:not([rel="alternate"]):not([rel="canonical"])')].map(
          (l) => (l as HTMLLinkElement).href,
        ),
        ...[...document.querySelectorAll('script[src]')].map((s) => (s as HTMLScriptElement).src),
        ...[...document.querySelectorAll('img[src]')].map((i) => (i as HTMLImageElement).src),
      ],
      ids: [...document.querySelectorAll('[id]')].map((e) => e.id),
    }));
    idsByPage.set(url, new Set(found.ids));
    for (const href of found.links) {
      const target = new URL(href);
      if (target.origin !== base.origin) continue;
      if (!target.pathname.startsWith(base.pathname)) {
        problems.push(`${url}: link ${href} leaves the site's base path ${base.pathname}`);
        continue;
      }
      const pageUrl = `${target.origin}${target.pathname}`;
      if (target.hash.length > 1)
        anchors.push({ from: url, target: pageUrl, id: decodeURIComponent(target.hash.slice(1)) });
      if (!visited.has(pageUrl) && !toVisit.includes(pageUrl)) toVisit.push(pageUrl);
    }
    for (const asset of found.assets) {
      if (checkedAssets.has(asset) || new URL(asset).origin !== base.origin) continue;
      checkedAssets.add(asset);
      const status = (await request.get(asset)).status();
      if (status !== 200) problems.push(`${url}: asset ${asset} answered ${status}`);
    }
  }
  for (const { from, target, id } of anchors) {
    const ids = idsByPage.get(target);
    if (ids && !ids.has(id)) problems.push(`${from}: anchor #${id} is not an id on ${target}`);
  }
  expect(problems).toEqual([]);
  // The crawl reached every page of the book through links alone.
  for (const { path } of PAGES) expect(visited.has(new URL(path, base).href), `reached /${path}`).toBe(true);
});
