import { family } from './family';

/**
 * UI strings of the attention lab (`src/components/labs/lang/AttentionLab.svelte`): human dates
 * translated into ISO dates by an encoder–decoder with and without attention; English and 简体中文
 * side by side. `family` makes a missing or extra Chinese key a type error; `families.ts` lists it.
 */
export const dates = family({
  en: {
    'dates.title': 'Translating dates, with and without attention',
    'dates.static':
      'Two encoder–decoder networks learn to turn dates written by people (“3 May 2021”, “2021年5月3日”) into ISO dates (2021-05-03), one with attention and one without. Train both to compare them, then type a date of your own.',
    'dates.task':
      'Both models read dates in {formats} formats, English and Chinese, from 1950 to 2049, and write all ten characters of YYYY-MM-DD at once. They see the same training examples; {test} held-out days are never used for training, in any format.',
    'dates.attention': 'With attention, {params} parameters',
    'dates.plain': 'Without attention, {params} parameters',
    'dates.steps': 'Batches per epoch',
    'dates.steps.error': 'The batches per epoch must be a whole number from 1 to 2000, such as 100.',
    'dates.tested': 'Held-out test dates',
    'dates.tested.error': 'The test dates must be a whole number from 16 to 1000, such as 1000.',
    'dates.trainBoth': 'Train both',
    'dates.pauseBoth': 'Pause both',
    'dates.resumeBoth': 'Resume both',
    'dates.stopBoth': 'Stop both',
    'dates.resetBoth': 'Reset both',
    'dates.result': 'Exact match on {n} held-out test dates: with attention {attention}, without {plain}.',
    'dates.announce': 'Epoch {epoch}: {acc} of the validation dates translated exactly.',
    'dates.input': 'A date in any format, English or Chinese',
    'dates.input.error': 'Type a date, at most {max} characters.',
    'dates.translate': 'Translate',
    'dates.translate.wait': 'Train the models first (at least one epoch): then they can translate.',
    'dates.output': 'With attention: {attention} · without: {plain}',
    'dates.output.pending': '…',
    'dates.matrix.caption':
      'Attention while writing each output character (rows) over the input characters (columns): the darker the cell, the more weight. Each row adds up to 100 %.',
    'dates.matrix.output': 'Output',
    'dates.matrix.cell': '{p} of the attention of “{out}” on “{in}”',
    'dates.matrix.space': 'space',
    'dates.formats.title': 'Exact match on the test dates, by format',
    'dates.formats.format': 'Format (example)',
    'dates.formats.attention': 'With attention',
    'dates.formats.plain': 'Without',
  },
  'zh-cn': {
    'dates.title': '翻译日期：有注意力与无注意力',
    'dates.static':
      '两个编码器–解码器网络学习把人写的日期（“3 May 2021”“2021年5月3日”）转换成 ISO 日期（2021-05-03），一个有注意力，一个没有。两个一起训练来比较，然后输入你自己的日期。',
    'dates.task':
      '两个模型读取 1950 到 2049 年之间、{formats} 种中英文格式的日期，一次写出 YYYY-MM-DD 的全部十个字符。它们看到的训练样本相同；{test} 个留出的日子无论以哪种格式都不会用于训练。',
    'dates.attention': '有注意力，{params} 个参数',
    'dates.plain': '无注意力，{params} 个参数',
    'dates.steps': '每轮批次数',
    'dates.steps.error': '每轮批次数应为 1 到 2000 之间的整数，例如 100。',
    'dates.tested': '留出的测试日期数',
    'dates.tested.error': '测试日期数应为 16 到 1000 之间的整数，例如 1000。',
    'dates.trainBoth': '两个一起训练',
    'dates.pauseBoth': '两个一起暂停',
    'dates.resumeBoth': '两个一起继续',
    'dates.stopBoth': '两个一起停止',
    'dates.resetBoth': '两个一起重置',
    'dates.result': '{n} 个留出测试日期的完全匹配率：有注意力 {attention}，无注意力 {plain}。',
    'dates.announce': '第 {epoch} 轮：验证日期中有 {acc} 翻译得完全正确。',
    'dates.input': '任意格式的日期，中文或英文',
    'dates.input.error': '请输入一个日期，最多 {max} 个字符。',
    'dates.translate': '翻译',
    'dates.translate.wait': '请先训练模型（至少一轮），然后它们才能翻译。',
    'dates.output': '有注意力：{attention} · 无注意力：{plain}',
    'dates.output.pending': '……',
    'dates.matrix.caption':
      '写出每个输出字符（行）时对各输入字符（列）的注意力：颜色越深，权重越大。每一行加起来是 100 %。',
    'dates.matrix.output': '输出',
    'dates.matrix.cell': '写“{out}”时对“{in}”的注意力为 {p}',
    'dates.matrix.space': '空格',
    'dates.formats.title': '测试日期的完全匹配率（按格式）',
    'dates.formats.format': '格式（示例）',
    'dates.formats.attention': '有注意力',
    'dates.formats.plain': '无注意力',
  },
});
