// The exercises at the end of a chapter (src/components/exercises/): in both locales, a checked
// answer and a choice are refused with a hint and then accepted; an open question's model answer is
// behind a closed disclosure; a lab task is checked from the lab's own last run (data-last-run), so it
// fails before any run and after a run that misses the condition, and passes only after one that meets
// it; progress survives a reload and "Reset my answers" forgets it. The plane playground trains in
// about 5 s on the page, so the lab task costs little; one short CNN run (256 images, WASM) shows the
// same for the labs built on the kit's LabPanel, whose Reset clears the run the exercise reads; a tiny
// batch-size sweep (about 15 s) shows a task that reads a lab's own numbers (`extra`) refusing a run
// whose settings miss the task's.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { en } from '../src/i18n/en';
import { zhCN } from '../src/i18n/zh-cn';
import { guard, hydratedLab } from './book';

async function hydrated(page: Page, id: string): Promise<Locator> {
  const exercise = page.locator(`[data-exercise="${id}"]`);
  await exercise.scrollIntoViewIfNeeded();
  await expect(exercise.locator('astro-island[ssr]')).toHaveCount(0);
  return exercise;
}

/** a message's fixed beginning, before its first placeholder */
const head = (s: string) => s.split('{')[0]!.trim();

for (const { path, t, choice, wrongChoice } of [
  {
    path: 'core-concepts/',
    t: en,
    choice: 'A recurrent network whose cell has gates and a cell state',
    wrongChoice: 'A network for time series, where an RNN is for text',
  },
  {
    path: 'zh-cn/core-concepts/',
    t: zhCN,
    choice: '一种循环神经网络，它的单元带有门和细胞状态',
    wrongChoice: '专门处理时间序列的网络，而 RNN 专门处理文本',
  },
]) {
  test(`exercises check answers, choices and a lab's run, and keep progress (${path})`, async ({ page }) => {
    test.setTimeout(90_000);
    const seen = guard(page);
    await page.goto(path);
    expect(await page.locator('[data-exercise]').count()).toBeGreaterThanOrEqual(5);
    // every solution is in the page, closed
    for (const details of await page.locator('[data-exercise] details').all())
      await expect(details).not.toHaveAttribute('open');

    // a checked number: wrong (with a hint), then right in another form (thousands separator)
    const number = await hydrated(page, 'core-mlp-128');
    await expect(number).toHaveAttribute('data-exercise-kind', 'check');
    const answer = number.getByLabel(t['ex.answer']);
    await answer.fill('50890');
    await number.getByRole('button', { name: t['ex.check'] }).click();
    await expect(number.getByRole('status')).toHaveText(t['ex.wrong']);
    await expect(number.locator('.hint')).toContainText(head(t['ex.hint']));
    await expect(number.locator('[data-badge]')).toHaveText(t['ex.status.attempted']);
    await answer.fill('101,770');
    await number.getByRole('button', { name: t['ex.check'] }).click();
    await expect(number.getByRole('status')).toHaveText(t['ex.right']);
    await expect(number.locator('[data-badge]')).toHaveText(t['ex.status.solved']);

    // a choice: wrong, then right
    const pick = await hydrated(page, 'core-lstm-kind');
    await pick.getByRole('radio', { name: wrongChoice }).check();
    await pick.getByRole('button', { name: t['ex.check'] }).click();
    await expect(pick.getByRole('status')).toHaveText(t['ex.wrong']);
    await pick.getByRole('radio', { name: choice }).check();
    await pick.getByRole('button', { name: t['ex.check'] }).click();
    await expect(pick.getByRole('status')).toHaveText(t['ex.right']);

    // an open question: the model answer opens on request, and the reader marks it done
    const think = await hydrated(page, 'core-cold-start');
    await expect(think).toHaveAttribute('data-exercise-kind', 'think');
    await expect(think.locator('details > :not(summary)').first()).toBeHidden();
    await think.locator('details summary').click();
    await expect(think.locator('details > :not(summary)').first()).toBeVisible();
    await think.getByRole('button', { name: t['ex.thought'] }).click();
    await expect(think.locator('[data-badge]')).toHaveText(t['ex.status.solved']);

    // a lab task: no run yet, then a run that misses the condition, then one that meets it
    const task = await hydrated(page, 'core-plane-narrow');
    const checkRun = task.getByRole('button', { name: t['ex.checkRun'] });
    await checkRun.click();
    await expect(task.getByRole('status')).toHaveText(t['ex.noRun']);
    const lab = await hydratedLab(page, 'playground-plane');
    await lab.getByLabel(t['plane.width']).selectOption('4');
    await lab.getByLabel(t['plane.activation']).selectOption('relu');
    await lab.getByRole('button', { name: t['lab.train'], exact: true }).click();
    await expect(lab).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
    await checkRun.click();
    await expect(task.getByRole('status')).toContainText(head(t['ex.notMet']));
    await expect(task.locator('[data-badge]')).toHaveText(t['ex.status.attempted']);
    await lab.getByLabel(t['plane.activation']).selectOption('tanh');
    await lab.getByRole('button', { name: t['lab.train'], exact: true }).click();
    await expect(lab).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
    const run = JSON.parse((await lab.getAttribute('data-last-run'))!) as { testAcc: number };
    expect(run.testAcc).toBeGreaterThanOrEqual(0.9);
    await checkRun.click();
    await expect(task.getByRole('status')).toContainText(head(t['ex.met']));
    await expect(task.locator('[data-badge]')).toHaveText(t['ex.status.solved']);

    // progress survives a reload; "Reset my answers" forgets it
    await page.reload();
    const again = await hydrated(page, 'core-mlp-128');
    await expect(again.locator('[data-badge]')).toHaveText(t['ex.status.solved']);
    const progress = page.locator('[data-exercise-progress]');
    await progress.scrollIntoViewIfNeeded();
    await expect(progress).toContainText(/4/);
    await progress.getByRole('button', { name: t['ex.reset'] }).click();
    await expect(progress.getByRole('status')).toHaveText(t['ex.resetDone']);
    await expect(again.locator('[data-badge]')).toHaveCount(0);
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('exercise:')))).toEqual([]);

    expect(seen.errors).toEqual([]);
    expect(seen.offsite).toEqual([]);
  });
}

test("a lab task is checked from a LabPanel lab's own last run (the CNN at a learning rate that is too large)", async ({
  page,
}) => {
  test.setTimeout(90_000);
  const seen = guard(page);
  await page.goto('practice/?lab-backend=wasm');
  const task = await hydrated(page, 'practice-too-large');
  const checkRun = task.getByRole('button', { name: en['ex.checkRun'] });
  await checkRun.click();
  await expect(task.getByRole('status')).toHaveText(en['ex.noRun']);
  const lab = await hydratedLab(page, 'cnn-practice');
  await expect(lab).not.toHaveAttribute('data-last-run');
  await lab.getByRole('textbox').first().fill('1');
  await lab.locator('select[name="examples"]').selectOption('256');
  await lab.getByRole('button', { name: en['lab.train'], exact: true }).click();
  await expect(lab).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  const run = JSON.parse((await lab.getAttribute('data-last-run'))!) as Record<string, unknown>;
  expect(run).toMatchObject({ outcome: 'done', backend: 'wasm', settings: { learningRate: 1 } });
  expect(run.testAcc).toBeLessThanOrEqual(0.2);
  await checkRun.click();
  await expect(task.getByRole('status')).toContainText(head(en['ex.met']));
  // Reset clears the lab's run, and with it what the exercise can check
  await lab.getByRole('button', { name: en['lab.reset'] }).click();
  await expect(lab).not.toHaveAttribute('data-last-run');
  expect(seen.errors).toEqual([]);
  expect(seen.offsite).toEqual([]);
});

test("the FAQ's batch task reads each batch size's own seconds to the target, and a target below 97 % does not count", async ({
  page,
}) => {
  test.setTimeout(90_000);
  const seen = guard(page);
  await page.goto('faq/?lab-backend=wasm');
  const task = await hydrated(page, 'faq-batch-sooner');
  const checkRun = task.getByRole('button', { name: en['ex.checkRun'] });
  await checkRun.click();
  await expect(task.getByRole('status')).toHaveText(en['ex.noRun']);
  // a tiny sweep (batches 16 and 32, one epoch of 1,000 digits) to a target of 50 %
  const lab = await hydratedLab(page, 'batch-lab');
  for (const b of [64, 128, 256]) await lab.locator(`input[name="batch-${b}"]`).uncheck();
  await lab.locator('select[name="examples"]').selectOption('1000');
  await lab.locator('input[name="epochs"]').fill('1');
  await lab.locator('input[name="target"]').fill('50');
  await lab.getByRole('button', { name: en['lab.train'], exact: true }).click();
  await expect(lab).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  const run = JSON.parse((await lab.getAttribute('data-last-run'))!) as {
    settings: Record<string, unknown>;
    extra: Record<string, number>;
  };
  expect(run.settings.target).toBe(0.5);
  for (const b of [16, 32]) {
    const row = lab.locator(`tr[data-batch="${b}"]`);
    if ((await row.getAttribute('data-outcome')) === 'reached') {
      expect(run.extra[`steps${b}`]).toBe(Number(await row.getAttribute('data-steps')));
      expect(run.extra[`seconds${b}`]).toBeGreaterThan(0);
    } else expect(run.extra).not.toHaveProperty(`seconds${b}`);
  }
  await checkRun.click();
  await expect(task.getByRole('status')).toContainText(head(en['ex.notMet']));
  await expect(task.getByRole('status')).toContainText('target: 0.5');
  expect(seen.errors).toEqual([]);
  expect(seen.offsite).toEqual([]);
});
