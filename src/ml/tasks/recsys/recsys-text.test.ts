// The recommendation section quotes the model's size and the data's shape: both locales must agree
// with the built model's weights (model.ts) and with the questionnaire the pipeline keeps.
import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FFQ_FOODS } from './foods';
import { parameterCount, parseRecsysJob, RECSYS_SETTINGS } from './job';
import { buildModel, disposeModel, modelSize } from './model';

const USERS = 54;
const pages = {
  en: readFileSync('content/docs/applications.mdx', 'utf8'),
  'zh-cn': readFileSync('content/docs/zh-cn/applications.mdx', 'utf8'),
};

describe('the recommendation section', () => {
  it('quotes the weights of the built model with the lab default k, in both locales', async () => {
    await tf.setBackend('cpu');
    const job = parseRecsysJob({
      dataset: { kind: 'manifest', name: 'ratings-ffq', manifestUrl: 'http://x/' },
      ...RECSYS_SETTINGS,
    });
    const model = buildModel(job, USERS, FFQ_FOODS.length, 4);
    const size = modelSize(model);
    disposeModel(model);
    expect(size).toBe(parameterCount(USERS, FFQ_FOODS.length, RECSYS_SETTINGS.factors));
    for (const text of Object.values(pages)) {
      expect(text).toContain(`$k = ${RECSYS_SETTINGS.factors}$`);
      expect(text).toMatch(new RegExp(`${USERS}[\\s\\S]{0,30}${FFQ_FOODS.length}[\\s\\S]{0,40}\\b${size}\\b`));
      expect(text).toContain('U(k+1) + I(k+1) + 1');
    }
  });
});
