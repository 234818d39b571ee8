import { family } from './family';

/**
 * UI strings of the Transformer race (`src/components/labs/attention/TransformerRaceLab*`): a
 * one-block Transformer and a bidirectional LSTM of similar size reverse or sort digit sequences
 * at equal training time; English and 简体中文 side by side.
 */
export const transformerRace = family({
  en: {
    'xrace.title': 'The Transformer race: attention against an LSTM',
    'xrace.intro':
      'Both models read a sequence of digits and write one digit per position. The Transformer (one block, one head, d = {d}, feed-forward {f}) has {tParams} weights; the bidirectional LSTM ({units} units each way) has {lParams}. They take turns on the same batches, and each gets the same seconds of its own training; every {every} of its steps it is tested on {test} sequences it never trained on.',
    'xrace.static':
      'With JavaScript, this lab trains a small Transformer and a bidirectional LSTM of about the same size, side by side for the same time, to reverse or sort sequences of digits, plots their test accuracy against seconds of training and shows the Transformer’s attention map.',
    'xrace.task': 'Task',
    'xrace.task.reverse': 'Reverse',
    'xrace.task.sort': 'Sort',
    'xrace.length': 'Sequence length',
    'xrace.budget': 'Seconds of training each',
    'xrace.seed': 'Seed',
    'xrace.error.integer': 'Enter a whole number from {min} to {max}.',
    'xrace.model.transformer': 'Transformer',
    'xrace.model.lstm': 'Bidirectional LSTM',
    'xrace.progress': 'Transformer {t} s, LSTM {l} s of {budget} s',
    'xrace.results': 'At equal training time',
    'xrace.col.model': 'Model',
    'xrace.col.params': 'Weights',
    'xrace.col.steps': 'Steps',
    'xrace.col.seconds': 'Training seconds',
    'xrace.col.token': 'Digits right',
    'xrace.col.sequence': 'Sequences all right',
    'xrace.chart': 'Test accuracy against training time',
    'xrace.chartLabel':
      'The share of test digits each model puts in the right place, at every test, against the seconds of its own training.',
    'xrace.seconds': 'training seconds',
    'xrace.percent': 'digits right (%)',
    'xrace.table': 'The numbers',
    'xrace.announce': '{seconds} s: {name} {acc} of digits right.',
    'xrace.fair':
      'The seconds are each model’s own training time on this device (its steps, not the tests). Both train in one background thread, batch by batch in turn, so they share the same conditions.',
    'xrace.map.title': 'Where the Transformer looks',
    'xrace.map.caption':
      'Attention weights of the trained Transformer for one test sequence: each row is an output position, each column an input position; the darker the cell, the more of that input the output takes.',
    'xrace.map.input': 'Input',
    'xrace.map.output': 'Output position (its digit)',
    'xrace.map.position': 'position {i}',
    'xrace.map.cell': '{p} of output {out} from input {in}',
    'xrace.map.summary': 'Input {input}; the Transformer wrote {output} (answer {answer}).',
    'xrace.map.reading': 'Strongest weight per output position: {list}.',
  },
  'zh-cn': {
    'xrace.title': 'Transformer 竞赛：注意力对阵 LSTM',
    'xrace.intro':
      '两个模型都读入一串数字，并在每个位置写出一个数字。Transformer（一个块、一个头，d = {d}，前馈层 {f}）有 {tParams} 个权重；双向 LSTM（每个方向 {units} 个单元）有 {lParams} 个。它们在同样的批次上轮流训练，各自获得相同秒数的训练时间；每训练 {every} 步，就在 {test} 条从未训练过的序列上测试一次。',
    'xrace.static':
      '启用 JavaScript 后，本实验让一个小 Transformer 和一个规模相近的双向 LSTM 在相同时间内并排学习反转或排序数字序列，画出测试准确率随训练秒数的变化，并展示 Transformer 的注意力图。',
    'xrace.task': '任务',
    'xrace.task.reverse': '反转',
    'xrace.task.sort': '排序',
    'xrace.length': '序列长度',
    'xrace.budget': '每个模型的训练秒数',
    'xrace.seed': '随机种子',
    'xrace.error.integer': '请输入 {min} 到 {max} 之间的整数。',
    'xrace.model.transformer': 'Transformer',
    'xrace.model.lstm': '双向 LSTM',
    'xrace.progress': 'Transformer {t} 秒，LSTM {l} 秒，共 {budget} 秒',
    'xrace.results': '训练时间相同时',
    'xrace.col.model': '模型',
    'xrace.col.params': '权重数',
    'xrace.col.steps': '步数',
    'xrace.col.seconds': '训练秒数',
    'xrace.col.token': '数字正确率',
    'xrace.col.sequence': '整条序列正确率',
    'xrace.chart': '测试准确率随训练时间的变化',
    'xrace.chartLabel': '每次测试时，各模型放对位置的测试数字所占比例，横轴为它自身的训练秒数。',
    'xrace.seconds': '训练秒数',
    'xrace.percent': '数字正确率（%）',
    'xrace.table': '具体数值',
    'xrace.announce': '{seconds} 秒：{name} 数字正确率 {acc}。',
    'xrace.fair':
      '秒数是每个模型在这台设备上自身的训练时间（只算训练步，不含测试）。两个模型在同一个后台线程里按批次轮流训练，条件相同。',
    'xrace.map.title': 'Transformer 在看哪里',
    'xrace.map.caption':
      '训练好的 Transformer 对一条测试序列的注意力权重：每一行是一个输出位置，每一列是一个输入位置；格子越深，这个输出从该输入取得的越多。',
    'xrace.map.input': '输入',
    'xrace.map.output': '输出位置（及其数字）',
    'xrace.map.position': '第 {i} 位',
    'xrace.map.cell': '输出 {out} 从输入 {in} 取 {p}',
    'xrace.map.summary': '输入 {input}；Transformer 写出 {output}（正确答案 {answer}）。',
    'xrace.map.reading': '每个输出位置权重最大的输入：{list}。',
  },
});
