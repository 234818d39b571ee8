import { describe, expect, it } from 'vitest';
import { collectSourceNotes, rebaseHref } from './source-notes';

describe('collectSourceNotes', () => {
  it('finds only "About the source" asides, with the heading above them', () => {
    const notes = collectSourceNotes(
      [
        '---',
        'title: T',
        '---',
        '',
        ':::caution[About the source]',
        'Before any heading.',
        ':::',
        '',
        '## 4.1 Convolution',
        '',
        ':::note[Not a correction]',
        'ignored',
        ':::',
        '',
        ':::caution[关于原文]',
        'The article says $x$ is **wrong**.',
        '',
        'Second paragraph.',
        ':::',
      ].join('\n'),
    );
    expect(notes.map(({ text, heading, line }) => ({ text, heading, line }))).toEqual([
      { text: 'Before any heading.', heading: undefined, line: 5 },
      {
        text: 'The article says x is wrong.\n\nSecond paragraph.',
        heading: { text: '4.1 Convolution', id: '41-convolution' },
        line: 15,
      },
    ]);
    expect(notes[0]!.html).toBe('<p>Before any heading.</p>');
  });

  it('renders the math, emphasis and code of an aside, with no TeX left in the visible text', () => {
    const [note] = collectSourceNotes(
      [
        ':::caution[About the source]',
        'Each of the $C_{\\text{out}} = 32$ kernels is a $3 \\times 3 \\times 3$ tensor, *not* `3x3`:',
        '',
        '$$',
        'P = (3 \\cdot 3 \\cdot 3 + 1) \\cdot 32',
        '$$',
        ':::',
      ].join('\n'),
    );
    const html = note!.html;
    expect(html.match(/class="katex"/g)).toHaveLength(3);
    expect(html).toContain('class="katex-display"');
    expect(html).toContain('<em>not</em>');
    expect(html).toContain('<code>3x3</code>');
    // what a reader sees: the HTML part of each formula, outside the MathML and its TeX annotation
    const visible = html
      .replace(/<span class="katex-mathml">[\s\S]*?<\/math><\/span>/g, '')
      .replace(/<[^>]+>/g, '')
      .replace(/&[a-z#0-9]+;/g, ' ');
    expect(visible).not.toMatch(/\\[a-z]+|[_^]\{|\$/i);
    expect(visible).toContain('×');
  });

  it('rewrites relative links for the page that shows the notes', () => {
    const [note] = collectSourceNotes(
      ':::caution[About the source]\nSee [(4.27)](../derivations/#eq-4-27), [above](#x) and [MDN](https://developer.mozilla.org/).\n:::',
      { rebase: { from: '/zh-cn/math/models/', to: '/zh-cn/about-the-source/' } },
    );
    expect(note!.html).toContain('href="../../zh-cn/math/derivations/#eq-4-27"');
    expect(note!.html).toContain('href="../../zh-cn/math/models/#x"');
    expect(note!.html).toContain('href="https://developer.mozilla.org/"');
  });
});

describe('rebaseHref', () => {
  it('keeps absolute and external links, and rebases relative ones', () => {
    expect(rebaseHref('../math/#eq-4-1', '/algorithms/', '/about-the-source/')).toBe('../math/#eq-4-1');
    expect(rebaseHref('/book/x/', '/a/', '/b/')).toBe('/book/x/');
    expect(rebaseHref('mailto:a@b.c', '/a/', '/b/')).toBe('mailto:a@b.c');
  });
});
