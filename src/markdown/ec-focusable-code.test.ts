import type { Element } from 'hast';
import { describe, expect, it } from 'vitest';
import { pluginFocusableCode } from './ec-focusable-code';

const el = (tagName: string, children: Element[] = []): Element => ({
  type: 'element',
  tagName,
  properties: {},
  children,
});

describe('pluginFocusableCode', () => {
  it("makes every code block's pre focusable, and nothing else", () => {
    const pre = el('pre', [el('code')]);
    const figure = el('figure', [el('figcaption'), pre]);
    pluginFocusableCode().hooks.postprocessRenderedBlock({ renderData: { blockAst: figure } });
    expect(pre.properties).toEqual({ tabIndex: 0, role: 'region' });
    expect(figure.properties).toEqual({});
    expect((pre.children[0] as Element).properties).toEqual({});
  });
});
