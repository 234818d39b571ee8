// The GAN labs' settings as the Mathematics chapter states them, tied to the presets the labs
// start from (presets.ts): if one changes without the other, this fails. Both locales; the chapter
// may be one page or split into several, so the page is found by the lab it shows.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DIGITS_PRESET, PRESETS, WATCHABLE_ITERATION_MS } from './presets';

const docs = fileURLToPath(new URL('../../../content/docs/', import.meta.url));

function pages(dir: string, skipLocales: boolean): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return skipLocales && name === 'zh-cn' ? [] : pages(path, skipLocales);
    return name.endsWith('.mdx') ? [path] : [];
  });
}
function pageWith(component: string, locale: '' | 'zh-cn'): string {
  const text = pages(join(docs, locale), locale === '')
    .map((path) => readFileSync(path, 'utf8').replace(/\s+/g, ' '))
    .find((t) => t.includes(`<${component} `) || t.includes(`<${component}/`));
  if (!text) throw new Error(`no ${locale || 'English'} page shows <${component}>`);
  return text;
}
const { converges, oscillation } = PRESETS;
const collapse = PRESETS['mode-collapse'];

/** `text` contains `phrase` (a failure names the phrase, not the whole page) */
const expectIn = (text: string, phrase: string) => expect(text.includes(phrase), `missing: ${phrase}`).toBe(true);

describe('the 2-D GAN lab and its text', () => {
  it('states the presets it trains, in both locales', () => {
    // the presets differ from "converges" only where the text says they do
    expect(collapse.config).toEqual(converges.config);
    expect(oscillation.schedule).toEqual(converges.schedule);
    expect(converges.config.dLearningRate).toBe(converges.config.gLearningRate);
    expect(oscillation.config.dLearningRate).toBe(oscillation.config.gLearningRate);
    expect(converges.schedule.dSteps).toBe(1);
    expect(converges.schedule.gSteps).toBe(1);
    expect(converges.schedule.loss).toBe('non-saturating');
    expect(collapse.schedule.gSteps).toBe(5);
    for (const locale of ['', 'zh-cn'] as const) {
      const text = pageWith('GanLab', locale);
      expectIn(text, `$${converges.config.dLearningRate}$`);
      expectIn(text, `$\\beta_1 = ${converges.config.beta1}$`);
      expectIn(text, `$${oscillation.config.dLearningRate}$`);
      expectIn(text, `$\\beta_1 = ${oscillation.config.beta1}$`);
      expectIn(text, locale ? '生成器走五步' : 'five steps per discriminator step');
      const rows = locale
        ? [
            `收敛，${converges.iterations} 轮迭代`,
            `模式崩溃，${collapse.iterations} 轮迭代`,
            `振荡，${oscillation.iterations} 轮迭代`,
          ]
        : [
            `converges, ${converges.iterations} iterations`,
            `mode collapse, ${collapse.iterations} iterations`,
            `oscillation, ${oscillation.iterations} iterations`,
          ];
      for (const row of rows) expectIn(text, `| ${row} |`);
      // the pace the text promises: at most 1000 / WATCHABLE_ITERATION_MS iterations a second
      expectIn(
        text,
        locale
          ? `每秒至多 ${1000 / WATCHABLE_ITERATION_MS} 次迭代`
          : `at most ${1000 / WATCHABLE_ITERATION_MS} iterations a second`,
      );
    }
  });
});

describe('the digits GAN lab and its text', () => {
  it('states its learning rate, β1, batch size, default length and seed, in both locales', () => {
    const c = DIGITS_PRESET.config;
    expect(c.dLearningRate).toBe(c.gLearningRate);
    for (const locale of ['', 'zh-cn'] as const) {
      const text = pageWith('GanDigitsLab', locale);
      expectIn(text, `$${c.dLearningRate}$`);
      expectIn(text, `$\\beta_1 = ${c.beta1}$`);
      const n = DIGITS_PRESET.iterations.toLocaleString('en');
      expectIn(text, locale ? `默认的 ${n} 轮` : `the default ${n} iterations`);
      // the lab's first seed is the measurement's
      expectIn(text, locale ? `随机种子 ${DIGITS_PRESET.seed}）` : `seed ${DIGITS_PRESET.seed})`);
      expectIn(
        text,
        locale ? `每批 ${DIGITS_PRESET.batchSize} 张真实图像` : `batches of ${DIGITS_PRESET.batchSize} real`,
      );
    }
  });
});
