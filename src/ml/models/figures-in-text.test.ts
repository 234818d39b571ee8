// The figures the chapters quote beside the recurrent labs are those of the settings the labs use:
// each chapter (both locales) quotes the accuracy of the lab's quick defaults and of the longer
// run that "Use the settings of the text" sets, with those runs' sizes, from SEQUENCE_PRESETS (the
// object the lab itself starts from); the forecaster's text quotes the errors of FORECAST_PRESETS,
// the settings the lab uses for each series; the race's table and sizes are RACE_SETTINGS and
// RACE_MEASURED, and its parameter counts those of the models the lab builds. A figure changed in
// one place and not the other fails.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { en } from '../../i18n/en';
import { zhCN } from '../../i18n/zh-cn';
import { channelsOf } from '../data/sequence-tasks';
import { FORECAST_PRESETS } from './forecast-presets';
import { countParams, recurrentModel } from './model-config';
import { RACE_MEASURED, RACE_SETTINGS } from './race-presets';
import { OVERFIT_MEASURED } from './remedies';
import { SEQUENCE_PRESETS, type SequenceLabId } from './sequence-presets';

const read = (rel: string) => readFileSync(new URL(`../../../content/docs/${rel}`, import.meta.url), 'utf8');
const thousands = (n: number) => n.toLocaleString('en-US');
const WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];

interface Locale {
  dir: string;
  percent: (v: number) => string;
  epochs: (n: number) => RegExp;
  button: string;
}
const LOCALES: Locale[] = [
  {
    dir: '',
    percent: (v) => `${(v * 100).toFixed(1)} %`,
    epochs: (n) => new RegExp(`\\b(${n}|${WORDS[n] ?? n}) epochs?\\b`, 'i'),
    button: en['seq.preset.text'],
  },
  {
    dir: 'zh-cn/',
    percent: (v) => `${(v * 100).toFixed(1)}%`,
    epochs: (n) => new RegExp(`${n} 轮`),
    button: zhCN['seq.preset.text'],
  },
];

/** The part of a page from the heading before `marker` to the next heading of any level. */
function sectionAround(text: string, marker: string): string {
  const at = text.indexOf(marker);
  expect(at, marker).toBeGreaterThanOrEqual(0);
  const heading = /^#{2,6} /gm;
  let start = 0;
  let end = text.length;
  for (const match of text.matchAll(heading)) {
    if (match.index < at) start = match.index;
    else {
      end = match.index;
      break;
    }
  }
  return text.slice(start, end);
}

const SEQUENCE_PAGES: { id: SequenceLabId; file: string }[] = [
  { id: 'rnn-mnist-rows', file: 'algorithms.mdx' },
  { id: 'rnn-speech', file: 'math/cases.mdx' },
];

describe.each(LOCALES.flatMap((locale) => SEQUENCE_PAGES.map((page) => ({ ...page, locale }))))(
  '$locale.dir$file: the $id lab',
  ({ id, file, locale }) => {
    const text = read(`${locale.dir}${file}`);
    const preset = SEQUENCE_PRESETS[id];
    const tag = text.match(new RegExp(`<SequenceLab id="${id}"[^>]*/>`))?.[0];
    const section = sectionAround(text, `<SequenceLab id="${id}"`);

    it('takes its settings from the presets, not from the page', () => {
      expect(tag).toBeDefined();
      for (const prop of ['dataset', 'units', 'epochs', 'batchSize', 'learningRate', 'standardise', 'examples'])
        expect(tag, prop).not.toMatch(new RegExp(`\\b${prop}=`));
    });

    it('quotes the accuracy of the quick defaults, with their sizes', () => {
      expect(section).toContain(locale.percent(preset.measured.defaults.acc));
      expect(section).toContain(thousands(preset.defaults.examples));
      expect(section).toContain(thousands(preset.defaults.testLimit));
      expect(section).toMatch(locale.epochs(preset.defaults.epochs));
    });

    it('quotes the accuracy of the settings of the text, and names the button that sets them', () => {
      expect(section).toContain(locale.percent(preset.measured.text.acc));
      expect(section).toContain(thousands(preset.text.examples));
      expect(section).toContain(thousands(preset.text.testLimit));
      expect(section).toMatch(locale.epochs(preset.text.epochs));
      expect(section).toContain(locale.button);
    });
  },
);

describe('the presets', () => {
  it.each(Object.entries(SEQUENCE_PRESETS))('%s: a default run a reader can watch finish', (_, preset) => {
    expect(preset.measured.defaults.minutes).toBeGreaterThan(0);
    expect(preset.measured.defaults.minutes).toBeLessThanOrEqual(2);
    expect(preset.measured.text.minutes).toBeGreaterThanOrEqual(preset.measured.defaults.minutes);
    expect(preset.defaults.seed).toBe(preset.text.seed);
  });
});

describe.each(LOCALES)('$dir applications.mdx: the forecaster', (locale) => {
  const text = read(`${locale.dir}applications.mdx`);
  const section = sectionAround(text, '<ForecastLab');
  const after = section.slice(section.indexOf('<ForecastLab'));

  it.each(Object.entries(FORECAST_PRESETS))('quotes the test errors of the %s settings', (_, preset) => {
    const { measured, settings } = preset;
    for (const value of [measured.lstm, measured.lastValue, measured.linear]) expect(after).toContain(value.toFixed(2));
    expect(after).toMatch(locale.epochs(settings.epochs));
    expect(after).toContain(`${settings.seed}`);
  });

  it('speaks of what the book measured, not of how it was built', () => {
    expect(section).not.toMatch(/npm run|bench|build machine|构建机|src\//);
  });
});

describe.each(LOCALES)('$dir math/derivations.mdx: the long-memory race', (locale) => {
  const section = sectionAround(read(`${locale.dir}math/derivations.mdx`), '<RaceLab');
  const r = RACE_SETTINGS;
  /** "100 %", "99.8 %" (en), "100%", "99.8%" (zh) */
  const rounded = (v: number) => locale.percent(v).replace('.0', '');

  it('has one table row per measured distance, with both accuracies', () => {
    for (const row of RACE_MEASURED)
      expect(section).toContain(`| ${row.length} | ${rounded(row.rnn)} | ${rounded(row.lstm)} |`);
    expect(section).toContain(rounded(1 / r.symbols));
  });

  it("states the lab's sizes and settings", () => {
    const channels = channelsOf({ length: r.length, symbols: r.symbols });
    const params = (cell: 'simpleRNN' | 'lstm', units: number) =>
      thousands(countParams(recurrentModel(cell, r.length, channels, units, r.symbols)));
    for (const text of [
      params('simpleRNN', r.rnnUnits),
      params('lstm', r.lstmUnits),
      thousands(r.train),
      thousands(r.test),
      `b_f = ${r.forgetBias}`,
      `${r.seed}`,
      `${r.length}`,
    ])
      expect(section, text).toContain(text);
    expect(section).toMatch(locale.epochs(r.epochs));
    expect(section).not.toMatch(/npm run|bench|build machine|构建机|src\//);
  });
});

// the overfitting lab: its note (OVERFIT_MEASURED) and the practice chapter's table, seed 1
describe.each(LOCALES)('the overfitting table, $dir', ({ dir }) => {
  const text = read(`${dir}practice.mdx`);
  const rows = text.split('\n').filter((line) => line.startsWith('| '));
  const names = dir
    ? {
        none: '无',
        weightDecay: '权重衰减',
        dropout: 'Dropout',
        augment: '平移图片',
        earlyStopping: '早停',
        batchNorm: '批归一化',
      }
    : {
        none: 'None',
        weightDecay: 'Weight decay',
        dropout: 'Dropout',
        augment: 'Shifted images',
        earlyStopping: 'Early stopping',
        batchNorm: 'Batch normalisation',
      };

  it.each(Object.entries(OVERFIT_MEASURED))('quotes the gap of %s that the note does', (remedy, gap) => {
    const row = rows.find((line) => line.startsWith(`| ${names[remedy as keyof typeof names]}`));
    expect(row, remedy).toBeDefined();
    // seed 1's gap is the row's third number
    expect(row!.split('|')[4]!.trim()).toBe(gap.toFixed(1).replace('-', '−'));
  });
});
