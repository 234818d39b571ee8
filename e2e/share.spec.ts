// "Copy link" on every lab and explorer: on each page that has labs, in both locales, every
// `[data-lab]` root gets a setting changed, its link copied (through the clipboard) and opened in a
// fresh page, which must land on that lab with the same setting; a malformed or outdated link gives
// its message and the lab keeps its defaults. No training: the links carry settings, not runs.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { guard, hydratedLab } from './book';

/**
 * What the test changes in each lab (a selector inside its root and a value other than the default).
 * A `[data-lab]` root missing here fails the test: a new lab must say how its link is checked.
 */
const CHANGES: Record<string, { selector: string; value: string }[]> = {
  'playground-plane': [
    { selector: 'select >> nth=0', value: 'moons' },
    { selector: 'input[inputmode="decimal"]', value: '0.1' },
  ],
  'cnn-conv-step': [{ selector: 'select >> nth=1', value: '2' }],
  'attention-step': [{ selector: 'select[name="query"]', value: '2' }],
  'rnn-step': [{ selector: 'select >> nth=0', value: 'step' }],
  'rnn-gradients': [{ selector: 'input[type="range"] >> nth=2', value: '70' }],
  'optim-paths': [{ selector: 'input[name="eta"]', value: '0.05' }],
  'optim-race': [{ selector: 'input[name="target"]', value: '95' }],
  'recsys-mf': [{ selector: 'input[name="factors"]', value: '5' }],
  'transformer-race': [
    { selector: 'select[name="task"]', value: 'sort' },
    { selector: 'input[name="budget"]', value: '45' },
  ],
  'rnn-mnist-rows': [
    { selector: 'select[name="cell"]', value: 'gru' },
    { selector: 'input[name="learningRate"]', value: '0.005' },
  ],
  'rnn-speech': [{ selector: 'select[name="cell"]', value: 'simpleRNN' }],
  // another series brings its own settings; the link must not let them override the reader's
  'lstm-forecast': [
    { selector: 'select[name="series"]', value: 'co2' },
    { selector: 'input[name="window"]', value: '17' },
    { selector: 'input[name="learningRate"]', value: '0.02' },
  ],
  'cnn-practice': [
    { selector: 'select[name="dataset"]', value: 'fashion-mnist' },
    { selector: 'input[name="epochs"]', value: '2' },
  ],
  'cnn-emoji': [{ selector: 'input[name="learningRate"]', value: '0.01' }],
  'cnn-cifar': [{ selector: 'select[name="optimizer"]', value: 'sgd' }],
  'cnn-chance-bug': [{ selector: 'input[name="seed"]', value: '7' }],
  'cnn-chance-fixed': [{ selector: 'input[name="batchSize"]', value: '64' }],
  'gan-digits': [{ selector: 'input[name="iterations"]', value: '123' }],
  'gan-2d': [
    { selector: 'select[name="target"]', value: 'moons' },
    { selector: 'input[name="gLearningRate"]', value: '0.004' },
  ],
  'lstm-race': [{ selector: 'input[name="length"]', value: '12' }],
  'lstm-race-rnn': [{ selector: 'input[name="learningRate"]', value: '0.02' }],
  'lstm-race-lstm': [{ selector: 'input[name="epochs"]', value: '3' }],
  'nlp-classify': [{ selector: 'input[name="learningRate"]', value: '0.02' }],
  'lstm-text': [{ selector: 'input[name="steps"]', value: '321' }],
  'attention-translate': [{ selector: 'input[name="steps"]', value: '77' }],
  'attention-translate-attention': [{ selector: 'input[name="learningRate"]', value: '0.02' }],
  'attention-translate-plain': [{ selector: 'input[name="epochs"]', value: '3' }],
  'init-explorer': [{ selector: 'select[name="scheme"]', value: 'glorot' }],
  overfit: [{ selector: 'input[name="epochs"]', value: '7' }],
  fairness: [{ selector: 'input[name="epochs"]', value: '3' }],
  quantize: [
    { selector: 'select[name="examples"]', value: '256' },
    { selector: 'input[name="epochs"]', value: '2' },
  ],
  'backend-race': [
    { selector: 'select[name="batch"]', value: '8' },
    { selector: 'select[name="window"]', value: '500' },
  ],
  federated: [
    { selector: 'select[name="split"]', value: 'iid' },
    { selector: 'input[name="clients"]', value: '15' },
  ],
  'batch-lab': [
    { selector: 'select[name="lrMode"]', value: 'fixed' },
    { selector: 'input[name="target"]', value: '95' },
  ],
  transfer: [
    { selector: 'select[name="largest"]', value: '5000' },
    { selector: 'input[name="epochs"]', value: '2' },
  ],
};

/** Every built page with a lab, and its labs' ids, read from the build the tests serve. */
function pagesWithLabs(): { path: string; labs: string[] }[] {
  if (!existsSync('dist')) return [];
  const found: { path: string; labs: string[] }[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === 'index.html') {
        const labs = [...readFileSync(full, 'utf8').matchAll(/data-lab="([a-z0-9-]+)"/g)].map((m) => m[1]!);
        if (labs.length > 0) found.push({ path: relative('dist', dir).replace(/\\/g, '/'), labs: [...new Set(labs)] });
      }
    }
  };
  walk('dist');
  return found.sort((a, b) => a.path.localeCompare(b.path));
}

const PAGES = pagesWithLabs();
const pageUrl = (path: string) => `${path ? `${path}/` : ''}?lab-backend=wasm`;

async function change(lab: Locator, selector: string, value: string) {
  const control = lab.locator(selector);
  if ((await control.evaluate((e) => e.tagName)) === 'SELECT') await control.selectOption(value);
  else {
    await control.fill(value);
    await control.dispatchEvent('change');
  }
}

async function copiedLink(page: Page, id: string): Promise<string> {
  const share = page.locator(`[data-share="${id}"]`);
  await share.locator('button.copy-link').click();
  await expect(share.locator('[aria-live="polite"]')).not.toBeEmpty();
  return page.evaluate(() => navigator.clipboard.readText());
}

test('every lab and explorer has one Copy link, and the pages with labs are found', () => {
  const ids = new Set(PAGES.flatMap((p) => p.labs));
  expect(PAGES.length).toBeGreaterThanOrEqual(18);
  expect([...ids].filter((id) => !CHANGES[id])).toEqual([]);
});

for (const { path, labs } of PAGES) {
  test(`links restore every lab's settings: /${path}`, async ({ page, context }) => {
    test.setTimeout(120_000);
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const seen = guard(page);
    await page.goto(pageUrl(path));
    const links: { id: string; link: string }[] = [];
    for (const id of labs) {
      const lab = await hydratedLab(page, id);
      await expect(lab.locator(`[data-share="${id}"]`)).toHaveCount(1);
      for (const { selector, value } of CHANGES[id]!) await change(lab, selector, value);
      const link = await copiedLink(page, id);
      expect(link).toContain(`#lab=${id}&v=1&`);
      links.push({ id, link });
    }

    const other = await context.newPage();
    const seenOther = guard(other);
    for (const { id, link } of links) {
      await other.goto('about:blank');
      await other.goto(link);
      const lab = other.locator(`[data-lab="${id}"]`);
      // the page lands on the lab (which then hydrates by itself)
      await expect(lab).toBeInViewport({ ratio: 0.05 });
      await expect(other.locator(`astro-island[ssr]:has([data-lab="${id}"])`)).toHaveCount(0);
      for (const { selector, value } of CHANGES[id]!)
        await expect(lab.locator(selector), `${id} ${selector}`).toHaveValue(value);
      await expect(lab.locator(`[data-share="${id}"] p.note`)).toBeVisible();
    }
    expect([...seen.errors, ...seenOther.errors]).toEqual([]);
    expect([...seen.offsite, ...seenOther.offsite]).toEqual([]);
  });
}

test('a malformed or outdated link says so, and the lab keeps its defaults', async ({ page }) => {
  const seen = guard(page);
  await page.goto(
    'practice/?lab-backend=wasm#lab=cnn-practice&v=1&learningRate=abc&epochs=2&optimizer=adamw&nonsense=1',
  );
  const lab = await hydratedLab(page, 'cnn-practice');
  const problem = lab.locator('[data-share="cnn-practice"] [role="alert"]');
  await expect(problem).toContainText('This link’s settings could not all be used');
  await expect(problem).toContainText('Learning rate “abc”');
  await expect(problem).toContainText('Optimizer “adamw”');
  await expect(problem).not.toContainText('nonsense');
  await expect(lab.locator('input[name="learningRate"]')).toHaveValue('0.001');
  await expect(lab.locator('select[name="optimizer"]')).toHaveValue('adam');
  await expect(lab.locator('input[name="epochs"]')).toHaveValue('2');

  // where the browser refuses to copy, the link is shown to copy by hand
  await page.evaluate(() => {
    navigator.clipboard.writeText = () => Promise.reject(new Error('denied'));
  });
  await lab.locator('[data-share="cnn-practice"] button.copy-link').press('Enter');
  const manual = lab.locator('[data-share="cnn-practice"] input[readonly]');
  await expect(manual).toBeFocused();
  await expect(manual).toHaveValue(/\/practice\/\?lab-backend=wasm#lab=cnn-practice&v=1&epochs=2$/);

  await page.goto('about:blank');
  await page.goto('zh-cn/math/models/#lab=rnn-step&v=99&preset=step');
  const stepper = await hydratedLab(page, 'rnn-step');
  await expect(stepper.locator('[data-share="rnn-step"] [role="alert"]')).toContainText('此链接来自本书的另一个版本');
  await expect(stepper.locator('select').first()).toHaveValue('pulse');

  // a drawn 2-D target travels as compact points; a broken list is refused
  await page.goto('about:blank');
  await page.goto('math/derivations/?lab-backend=wasm#lab=gan-2d&v=1&target=drawn&points=0,1.5;1.2,-0.4;-1,-1;0.5,0.5');
  const gan = await hydratedLab(page, 'gan-2d');
  await expect(gan.locator('select[name="target"]')).toHaveValue('drawn');
  await expect(gan.getByText('4 points drawn.')).toBeVisible();
  await page.goto('about:blank');
  await page.goto('math/derivations/?lab-backend=wasm#lab=gan-2d&v=1&target=drawn&points=0,1;9,x');
  const gan2 = await hydratedLab(page, 'gan-2d');
  await expect(gan2.locator('[data-share="gan-2d"] [role="alert"]')).toContainText('Drawn points “0,1;9,x”');
  expect(seen.errors).toEqual([]);
  expect(seen.offsite).toEqual([]);
});
