/**
 * The elements whose intersection marks the current section, as Starlight 0.37.7's selector
 * defines them:
 *   main :where(H)                                     the table-of-contents headings
 *   main :where(H, .sl-heading-wrapper) ~ *:not(:has(H))  what follows a heading or its wrapper
 *   main .sl-markdown-content > *:not(:has(H))         top-level blocks of the content
 *   main > *:not(:has(H))                              top-level blocks of main
 * Starlight asks the browser to match every element of the page against that selector, whose
 * `:has()` and sibling combinator make it slow on a long page (about 450 ms at Lighthouse's 4× CPU
 * slowdown on the math chapter, twice). The same set, gathered by walking from the headings and the
 * few hundred top-level blocks instead; e2e/toc.spec.ts checks on every page that it is the same.
 */
export function elementsToObserve(root: ParentNode, headingSelector: string): Element[] {
  const found = new Set<Element>();
  // each element's subtree is searched once, however many headings it follows
  const seen = new Set<Element>();
  const keep = (el: Element) => {
    if (seen.has(el)) return;
    seen.add(el);
    if (!el.querySelector(headingSelector)) found.add(el);
  };
  const headings = [...root.querySelectorAll(`main :where(${headingSelector})`)];
  for (const heading of headings) found.add(heading);
  for (const heading of headings) {
    const wrapper = heading.parentElement?.classList.contains('sl-heading-wrapper') ? heading.parentElement : null;
    for (const start of wrapper ? [heading, wrapper] : [heading]) {
      for (let el = start.nextElementSibling; el; el = el.nextElementSibling) keep(el);
    }
  }
  // wrappers without a table-of-contents heading (a deeper level) count as `.sl-heading-wrapper` too
  for (const wrapper of root.querySelectorAll('main .sl-heading-wrapper')) {
    for (let el = wrapper.nextElementSibling; el; el = el.nextElementSibling) keep(el);
  }
  for (const el of root.querySelectorAll('main .sl-markdown-content > *, main > *')) keep(el);
  return [...found];
}
