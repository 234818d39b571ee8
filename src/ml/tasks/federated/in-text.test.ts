// The federated-averaging run the Outlook chapter quotes, in both locales: measured by
// `npm run bench -- --federated` (the lab in headless Chromium, WASM: 60,000 MNIST images, 10
// clients, half of them a round, one local epoch, batches of 32, SGD at 0.1, seed 1; IID, and labels
// dealt by Dirichlet splits with α = 0.1 and 0.5). Both texts must give the same figures, and change
// together when the bench is run again.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const MEASURED = {
  iid: { rounds: 24, epochsOfWork: 12, megabytes: 49, centralEpochs: 4 },
  dirichlet: { alpha: 0.1, roundsRun: 100, last: 94.8, centralEpochs: 5.3 },
  milder: { alpha: 0.5, rounds: 40, epochsOfWork: 20, megabytes: 81, centralEpochs: 4.3 },
} as const;

const read = (rel: string) =>
  readFileSync(new URL(`../../../../content/docs/${rel}`, import.meta.url), 'utf8').replace(/\s+/g, ' ');

describe.each(['', 'zh-cn/'])('the federated figures in %soutlook.mdx', (dir) => {
  const text = read(`${dir}outlook.mdx`);
  const zh = dir !== '';
  it('quotes the IID run', () => {
    const { rounds, epochsOfWork, megabytes, centralEpochs } = MEASURED.iid;
    expect(text).toContain(zh ? `第 ${rounds} 轮首次达到 97 %` : `reached 97 % after ${rounds} rounds`);
    expect(text).toContain(zh ? `相当于 ${epochsOfWork} 轮的样本量` : `${epochsOfWork} epochs' worth`);
    expect(text).toContain(`${megabytes} MB`);
    expect(text).toContain(zh ? `${centralEpochs} 轮就达到了 97 %` : `reached 97 % after ${centralEpochs} epochs`);
  });
  it('quotes the label-skewed run', () => {
    const { alpha, roundsRun, last, centralEpochs } = MEASURED.dirichlet;
    expect(text).toContain(`$\\alpha = ${alpha}$`);
    expect(text).toContain(zh ? `训练 ${roundsRun} 轮` : `after ${roundsRun} rounds`);
    expect(text).toContain(`${last} %`);
    expect(text).toContain(zh ? `${centralEpochs} 轮就达到了 97 %` : `97 % after ${centralEpochs} epochs`);
  });
  it('quotes the milder skew', () => {
    const { alpha, rounds, epochsOfWork, megabytes, centralEpochs } = MEASURED.milder;
    expect(text).toContain(`$\\alpha = ${alpha}$`);
    expect(text).toContain(zh ? `第 ${rounds} 轮达到 97 %` : `reached 97 % after ${rounds} rounds`);
    expect(text).toContain(zh ? `相当于本地训练了 ${epochsOfWork} 轮` : `about ${epochsOfWork} epochs' worth`);
    expect(text).toContain(`${megabytes} MB`);
    expect(text).toContain(zh ? `集中训练则是 ${centralEpochs} 轮` : `against ${centralEpochs} epochs centralised`);
  });
});
