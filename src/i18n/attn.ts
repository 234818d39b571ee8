import { family } from './family';

/**
 * UI strings of the attention explorer (`src/components/explorers/AttentionStep.svelte`), English and
 * 简体中文 side by side. `family` makes a missing or extra Chinese key a type error; `families.ts`
 * lists this family.
 */
export const attn = family({
  en: {
    'attnStep.title': 'One attention head, by hand',
    'attnStep.intro':
      'Four tokens, dₖ = 4. Edit any number of Q, K or V: the scores, the softmax and the output are recomputed at once.',
    'attnStep.tokens': 'the,cat,sat,down',
    'attnStep.q': 'Queries Q (one row per token)',
    'attnStep.k': 'Keys K',
    'attnStep.v': 'Values V',
    'attnStep.scores': 'Scores QKᵀ',
    'attnStep.scaled': 'Scaled scores QKᵀ/√dₖ',
    'attnStep.unscaled': 'Scores, not scaled',
    'attnStep.weights': 'Attention weights: softmax of each row',
    'attnStep.output': 'Output: weights · V',
    'attnStep.cell': '{matrix}, token “{token}”, column {col}',
    'attnStep.masked': 'hidden by the causal mask',
    'attnStep.causal': 'Causal mask: a token sees only itself and earlier tokens',
    'attnStep.scale': 'Divide the scores by √dₖ = 2',
    'attnStep.query': 'Written out for the query',
    'attnStep.rowNote':
      'Row “{token}”: the weights add up to {sum}; its output is the weighted sum of the value rows below.',
    'attnStep.invalid': '{cell}: enter a number between −99 and 99; the cell keeps its old value ({old}).',
    'attnStep.reset': 'Reset the numbers',
  },
  'zh-cn': {
    'attnStep.title': '手算一个注意力头',
    'attnStep.intro': '四个词元，dₖ = 4。修改 Q、K、V 中的任意数字，分数、softmax 和输出都会立即重新计算。',
    'attnStep.tokens': '猫,坐,在,垫',
    'attnStep.q': '查询 Q（每个词元一行）',
    'attnStep.k': '键 K',
    'attnStep.v': '值 V',
    'attnStep.scores': '分数 QKᵀ',
    'attnStep.scaled': '缩放后的分数 QKᵀ/√dₖ',
    'attnStep.unscaled': '分数（未缩放）',
    'attnStep.weights': '注意力权重：逐行 softmax',
    'attnStep.output': '输出：权重 · V',
    'attnStep.cell': '{matrix}，词元“{token}”，第 {col} 列',
    'attnStep.masked': '被因果掩码遮住',
    'attnStep.causal': '因果掩码：每个词元只看自己和前面的词元',
    'attnStep.scale': '分数除以 √dₖ = 2',
    'attnStep.query': '逐项写出的查询',
    'attnStep.rowNote': '“{token}”这一行：权重之和为 {sum}；它的输出是下面各值向量的加权和。',
    'attnStep.invalid': '{cell}：请输入 −99 到 99 之间的数；该格保留原值（{old}）。',
    'attnStep.reset': '恢复初始数字',
  },
});
