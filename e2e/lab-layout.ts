/**
 * Layout checks for the labs' browser tests: no option of a select is cut ("Fastest availabl"), no
 * select runs off the page, and no caption, legend or axis label is cut or runs out of its lab.
 */
import type { Locator, Page } from '@playwright/test';

/** Every option of every select fits inside it, and every select inside the page. */
export async function cutSelects(page: Page, scope: string): Promise<string[]> {
  return page.evaluate((scope) => {
    const problems: string[] = [];
    const probe = document.createElement('span');
    probe.style.cssText = 'position:absolute;visibility:hidden;white-space:nowrap';
    document.body.append(probe);
    for (const select of document.querySelectorAll<HTMLSelectElement>(`${scope} select`)) {
      const style = getComputedStyle(select);
      probe.style.font = style.font;
      const room =
        select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 16; /* the arrow */
      for (const option of select.options) {
        probe.textContent = option.text;
        if (probe.getBoundingClientRect().width > room + 0.5)
          problems.push(
            `${select.name}: "${option.text}" needs ${probe.getBoundingClientRect().width} px, has ${room}`,
          );
      }
      if (select.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
        problems.push(`${select.name} runs off the page`);
    }
    probe.remove();
    return problems;
  }, scope);
}

/** Captions and axis labels that are cut: wider than their box, or running out of the lab. */
export async function cutCaptions(lab: Locator): Promise<string[]> {
  return lab.evaluate((root) => {
    const edge = root.getBoundingClientRect().right;
    return [...root.querySelectorAll<HTMLElement>('figcaption, caption, .x-axis, .y-axis, legend')]
      .filter((el) => el.getClientRects().length > 0)
      .filter((el) => el.scrollWidth > el.clientWidth + 1 || el.getBoundingClientRect().right > edge + 0.5)
      .map((el) => `${el.tagName.toLowerCase()}.${el.className}: "${el.textContent!.trim().slice(0, 40)}"`);
  });
}
