// The figures the Practice chapter quotes next to its CNN labs, tied to the settings the labs start
// with and to the buttons that set the rest: if the text or the lab changes one number without the
// other, this fails. Both locales.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { en } from '../i18n/en';
import { zhCN } from '../i18n/zh-cn';
import { parseHyperparameters } from './hyperparameters';
import { CNN_LAB_DEFAULTS, CNN_RECIPES } from './lab-recipes';

const docs = fileURLToPath(new URL('../../content/docs/', import.meta.url));
/** curly apostrophes and bold marks do not change what a sentence says */
const plain = (text: string) => text.replace(/[’‘]/g, "'").replace(/\*\*/g, '').replace(/\s+/g, ' ');
const read = (path: string) => plain(readFileSync(join(docs, path), 'utf8'));
const grouped = (n: number) => n.toLocaleString('en');

/** Every .mdx file under a folder (the Mathematics chapter may be one page or several). */
function pages(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'zh-cn' ? [] : pages(path);
    return name.endsWith('.mdx') ? [path] : [];
  });
}
/** The text of the page that shows a component, in one locale. */
function pageWith(component: string, locale: '' | 'zh-cn'): string {
  const found = pages(join(docs, locale))
    .map((path) => plain(readFileSync(path, 'utf8')))
    .find((text) => text.includes(`<${component}`));
  if (!found) throw new Error(`no ${locale || 'English'} page shows <${component}>`);
  return found;
}

const LOCALES = [
  { name: 'en', practice: read('practice.mdx'), strings: en as Record<string, string> },
  { name: 'zh-cn', practice: read('zh-cn/practice.mdx'), strings: zhCN as Record<string, string> },
] as const;

/** `text` contains `phrase` (a failure names the phrase, not the whole page) */
const expectIn = (text: string, phrase: string) => expect(text.includes(phrase), `missing: ${phrase}`).toBe(true);

describe('the CNN labs and the figures in their text', () => {
  it('start from valid settings, and every recipe is valid', () => {
    for (const { hyper } of [CNN_LAB_DEFAULTS, ...CNN_RECIPES]) {
      const raw = Object.fromEntries(Object.entries(hyper).map(([k, v]) => [k, String(v)]));
      expect(parseHyperparameters(raw).ok).toBe(true);
    }
  });

  it('describe the lab defaults as they are (Practice)', () => {
    const d = CNN_LAB_DEFAULTS;
    const en = LOCALES[0].practice;
    expectIn(en, `constant learning rate of ${d.hyper.learningRate}, batches of ${d.hyper.batchSize},`);
    expectIn(en, `seed ${d.hyper.seed}, on a slice of ${grouped(d.examples)} training images`);
    expectIn(en, `scored on ${d.testImages} test images`);
    const zh = LOCALES[1].practice;
    expectIn(zh, `恒定学习率 ${d.hyper.learningRate}，每批 ${d.hyper.batchSize} 张图，随机种子 ${d.hyper.seed}`);
    expectIn(zh, `只取 ${grouped(d.examples)} 张训练图，并用 ${d.testImages} 张测试图评分`);
  });

  it("quote each recipe's figure beside the name of the button that sets it, in both locales", () => {
    for (const { practice, strings } of LOCALES) {
      for (const recipe of CNN_RECIPES) {
        expectIn(practice, plain(strings[`lab.recipe.${recipe.id}`]!));
        expectIn(practice, `${recipe.quoted} %`);
        expect(practice).toMatch(new RegExp(`(seed|种子) ${recipe.hyper.seed}`));
        expectIn(practice, grouped(recipe.examples));
        expectIn(practice, grouped(recipe.testImages));
        expect(recipe.hyper.epochs).toBe(1); // "one epoch" / "训练一轮"
      }
    }
  });

  it("put each Fashion-MNIST recipe's figure in the table row of its learning rate and schedule", () => {
    for (const { name, practice } of LOCALES) {
      const rows = practice
        .split(/\s(?=\|)/)
        .join(' ')
        .split(/\| (?=(?:constant|cosine|恒定|从))/);
      for (const recipe of CNN_RECIPES.filter((r) => r.dataset === 'fashion-mnist')) {
        const { learningRate, schedule } = recipe.hyper;
        const label =
          name === 'en'
            ? schedule === 'cosine'
              ? `cosine decay from ${learningRate}`
              : `constant ${learningRate}`
            : schedule === 'cosine'
              ? `从 ${learningRate} 余弦衰减`
              : `恒定 ${learningRate}`;
        const row = rows.find((r) => r.startsWith(label));
        expect(row, `${name}: a table row for ${label}`).toBeDefined();
        // the browser column (seed 42) is the first figure of the row
        expect(row!.match(/(\d+\.\d) %/)?.[1], `${name}: ${label}`).toBe(String(recipe.quoted));
      }
    }
  });

  it('say the "Why 2.3026?" pair trains on the lab default\'s slice of MNIST', () => {
    const examples = grouped(CNN_LAB_DEFAULTS.examples);
    expect(pageWith('ChanceLab', '')).toContain(`the same ${examples} MNIST digits with the same seed`);
    expect(pageWith('ChanceLab', 'zh-cn')).toContain(`同样的 ${examples} 张 MNIST 手写数字`);
  });
});
