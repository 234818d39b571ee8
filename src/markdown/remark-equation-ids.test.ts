import rehypeKatex from 'rehype-katex';
import rehypeStringify from 'rehype-stringify';
import remarkMath from 'remark-math';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { rehypeKeyboardScroll } from './rehype-keyboard-scroll';
import { equationId, equationTag, remarkEquationIds } from './remark-equation-ids';

describe('equation ids', () => {
  it('derives a stable id from the tag', () => {
    expect(equationTag('a = b \\tag{4.3}')).toBe('4.3');
    expect(equationTag('a = b')).toBeUndefined();
    expect(equationId('4.3')).toBe('eq-4-3');
    expect(equationId('A.1')).toBe('eq-a-1');
  });

  it('wraps a tagged display equation in a linkable div that survives KaTeX', async () => {
    const out = String(
      await unified()
        .use(remarkParse)
        .use(remarkMath)
        .use(remarkEquationIds)
        .use(remarkRehype)
        .use(rehypeKatex)
        .use(rehypeKeyboardScroll)
        .use(rehypeStringify)
        .process('$$\nE = mc^2 \\tag{1.2}\n$$\n\n$$\nx\n$$'),
    );
    expect(out).toMatch(/^<div class="equation" id="eq-1-2"><span class="katex-display" tabindex="0">/);
    expect(out).toContain('(1.2)');
    expect(out.match(/class="equation"/g)).toHaveLength(1);
  });
});
