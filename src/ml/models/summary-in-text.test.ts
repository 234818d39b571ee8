// The model-summary tables written in the chapters agree with the model the code builds: the
// math chapter's Keras-style table (both locales) and the practice chapter's per-line table; the
// practice chapter explains the MNIST model's total beside the article's, and the GRU's count is the
// one TensorFlow.js builds, next to Keras's reset_after=True count.
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

describe.each(['practice.mdx', 'zh-cn/practice.mdx'])("%s, the MNIST lab beside the article's model", (file) => {
  it('states the 28×28×1 total next to the 32×32×3 one, with the layers that differ', () => {
    const text = read(file);
    const at = text.indexOf('<CnnLab />');
    // the paragraph that introduces the lab: among the last few before it (a short invitation to
    // compare runs may stand between them)
    const paragraphs = text.slice(0, at).trimEnd().split(/\n\n+/).slice(-3);
    const total = thousands(countParams(articleCnn([28, 28, 1])));
    const before = paragraphs.find((p) => p.includes(total)) ?? paragraphs.at(-1)!;
    const mnist = summarise(articleCnn([28, 28, 1]));
    const colour = summarise(articleCnn([32, 32, 3]));
    expect(before).toContain(total);
    expect(before).toContain(thousands(countParams(articleCnn([32, 32, 3]))));
    // the layers whose counts change: the first convolution and the first dense layer
    for (const i of [0, 5]) {
      expect(before).toContain(thousands(mnist[i]!.params));
      expect(before).toContain(thousands(colour[i]!.params));
    }
    expect(before).toContain(`5 × 5 × 64 = ${thousands(mnist[4]!.outputShape[0]!)}`);
    expect(before).toContain(`6 × 6 × 64 = ${thousands(colour[4]!.outputShape[0]!)}`);
  });
});

describe.each(['math/derivations.mdx', 'zh-cn/math/derivations.mdx'])('%s, the GRU', (file) => {
  it("gives the count TensorFlow.js builds and Keras's reset_after=True count", () => {
    const text = read(file);
    const [D, H] = [28, 64];
    const gru = summarise(recurrentModel('gru', D, D, H, 10))[1]!.params; // after the reshape
    expect(gru).toBe(3 * H * (D + H + 1));
    expect(text).toContain('$3H(D + H + 1)$');
    expect(text).toContain('$3H(D + H + 2)$');
    expect(text).toContain(thousands(gru));
    expect(text).toContain(thousands(3 * H * (D + H + 2)));
  });
});
