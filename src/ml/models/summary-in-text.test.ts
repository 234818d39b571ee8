// The model-summary tables written in the chapters agree with the model the code builds: the
// math chapter's Keras-style table (both locales) and the practice chapter's per-line table.
import { SEQUENCE_PRESETS } from './sequence-presets';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { articleCnn, countParams, recurrentModel, summarise } from './build-model';

const read = (rel: string) => readFileSync(new URL(`../../../content/docs/${rel}`, import.meta.url), 'utf8');
const thousands = (n: number) => n.toLocaleString('en-US');
const rows = summarise(articleCnn([32, 32, 3]));

describe.each(['math/cases.mdx', 'zh-cn/math/cases.mdx'])('%s, worked case 1', (file) => {
  const lines = read(file).split('\n');
  it("lists every layer as Keras's model.summary() prints it", () => {
    for (const row of rows) {
      const line = lines.find((l) => l.startsWith(`| ${row.name} (`));
      expect(line, row.name).toBeDefined();
      const cells = line!.split('|').map((c) => c.trim());
      expect(cells[2]).toBe(`(None, ${row.outputShape.join(', ')})`);
      expect(cells[3]).toBe(thousands(row.params));
    }
    expect(read(file)).toContain(`**${thousands(countParams(articleCnn([32, 32, 3])))}**`);
  });
});

describe.each(['practice.mdx', 'zh-cn/practice.mdx'])('%s, the line-by-line table', (file) => {
  it('gives each line the shape and parameter count of the built model', () => {
    const tableRows = read(file)
      .split('\n')
      .filter((l) => /^\| `(Conv2D|MaxPooling2D|Flatten|Dense)\(/.test(l));
    expect(tableRows).toHaveLength(rows.length);
    tableRows.forEach((line, i) => {
      const cells = line.split('|').map((c) => c.trim());
      const row = rows[i]!;
      expect(cells[2]!.replace(/,/g, '')).toBe(row.outputShape.join(' × '));
      expect(cells[3]!.endsWith(row.params === 0 ? '0' : thousands(row.params)), `${cells[3]} vs ${row.params}`).toBe(
        true,
      );
    });
  });
});

describe.each(['algorithms.mdx', 'zh-cn/algorithms.mdx'])('%s, the row-by-row LSTM', (file) => {
  const text = read(file);
  const config = recurrentModel('lstm', 28, 28, 64, 10);
  it('lists the model the lab builds, with its parameter count', () => {
    // the lab takes its units from its preset; the text shows the same model in both libraries
    expect(text).toMatch(/<SequenceLab id="rnn-mnist-rows"/);
    expect(SEQUENCE_PRESETS['rnn-mnist-rows'].units).toBe(64);
    expect(text).toContain('LSTM(64)');
    expect(text).toContain('tf.layers.lstm({ units: 64,');
    expect(text).toContain(thousands(countParams(config)));
    expect(summarise(config).map((r) => r.outputShape)).toEqual([[28, 28], [64], [10]]);
  });
});
