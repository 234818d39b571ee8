import { describe, expect, it } from 'vitest';
import { collectSourceNotes } from './source-notes';

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
    expect(notes).toEqual([
      { text: 'Before any heading.', heading: undefined, line: 5 },
      {
        text: 'The article says x is wrong.\n\nSecond paragraph.',
        heading: { text: '4.1 Convolution', id: '41-convolution' },
        line: 15,
      },
    ]);
  });
});
