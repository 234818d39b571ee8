import { describe, expect, it } from 'vitest';
import { countFlops } from './flops';
import { articleCnn, recurrentModel } from './model-config';

describe('countFlops', () => {
  it("counts the article's CNN on 28×28×1 as the hand count does", () => {
    // conv 3×3, 1 → 32 channels, 26×26 outputs:   26·26·32·9·1   =   194 688 multiply-adds
    // pool → 13×13×32; conv 3×3, 32 → 64, 11×11:   11·11·64·9·32  = 2 230 272
    // pool → 5×5×64 = 1600; dense 1600 → 64:       1600·64        =   102 400
    // dense 64 → 10:                                64·10          =       640
    const macs = 194_688 + 2_230_272 + 102_400 + 640;
    expect(macs).toBe(2_528_000);
    const count = countFlops(articleCnn([28, 28, 1]));
    expect(count.forwardMacs).toBe(macs);
    expect(count.forward).toBe(2 * macs);
    // forward + weight gradients + input gradients of every layer but the first convolution
    expect(count.training).toBe(2 * macs + 2 * macs + 2 * (macs - 194_688));
    expect(count.training).toBe(14_778_624);
  });

  it('counts the printed 32×32×3 model too (30·30·32·27 in the first layer)', () => {
    const { forwardMacs } = countFlops(articleCnn([32, 32, 3]));
    // 30·30·32·27 + 13·13·64·288 + 2304·64 + 640
    expect(forwardMacs).toBe(777_600 + 3_115_008 + 147_456 + 640);
  });

  it('refuses a model it does not count', () => {
    expect(() => countFlops(recurrentModel('lstm', 10, 4, 8, 4))).toThrow(/lstm/);
  });
});

describe('the FAQ quotes the count', () => {
  it("states the article's CNN's training FLOPs per example as countFlops gives them, in both locales", async () => {
    const { readFileSync } = await import('node:fs');
    const millions = countFlops(articleCnn([28, 28, 1])).training / 1e6;
    const en = readFileSync('content/docs/faq.mdx', 'utf8');
    const zh = readFileSync('content/docs/zh-cn/faq.mdx', 'utf8');
    expect(en).toContain(`about ${millions.toFixed(1)}\nmillion floating-point operations`);
    expect(zh).toContain(`约 ${Math.round((millions * 100) / 10) * 10} 万次浮点运算`);
  });
});
