import { family } from './family';

/**
 * UI strings of the transfer-learning lab (`src/components/labs/transfer/`): the article's CNN trained
 * on MNIST reused for Fashion-MNIST, frozen, fine-tuned and from scratch; English and 简体中文 side by
 * side. `families.ts` lists this family.
 */
export const transfer = family({
  en: {
    'transfer.title': 'Transfer learning: from digits to clothes',
    'transfer.static':
      'This lab trains the article’s CNN on MNIST in your browser (or takes the model you saved in the Practice chapter) and reuses it for Fashion-MNIST three ways: its convolutions frozen under a new head, its last block fine-tuned, and a model trained from scratch, each with 100, 1,000 and more labelled examples, and compares their test accuracy and training time.',
    'transfer.largest': 'Most labelled examples',
    'transfer.all': '{count} (all)',
    'transfer.useSaved': 'Use my Practice-chapter model',
    'transfer.useSavedHint':
      'The model you trained on MNIST in the Practice chapter and saved in this browser. Train instead trains the article’s CNN on MNIST here first.',
    'transfer.source.trained':
      'Source model: the article’s CNN, trained here on {examples} MNIST images for one epoch.',
    'transfer.source.saved': 'Source model: your Practice-chapter model, saved in this browser.',
    'transfer.source.acc': 'It scores {acc} on {tested} MNIST test images.',
    'transfer.strategy.frozen': 'Frozen base, new head',
    'transfer.strategy.finetune': 'Last block fine-tuned',
    'transfer.strategy.scratch': 'From scratch',
    'transfer.chart': 'Fashion-MNIST test accuracy against labelled examples',
    'transfer.chart.label':
      'Test accuracy on {tested} Fashion-MNIST test images of each strategy against the number of labelled training examples, on a logarithmic axis: {summary}',
    'transfer.chart.x': 'Labelled examples (log scale)',
    'transfer.chart.y': 'Test accuracy (%)',
    'transfer.chart.table': 'The numbers',
    'transfer.table': 'Test accuracy and training time',
    'transfer.table.caption':
      'Accuracy on the first {tested} Fashion-MNIST test images; each cell trains at least {steps} batches.',
    'transfer.strategy': 'Strategy',
    'transfer.examples': '{count} examples',
    'transfer.cell': '{acc} in {seconds} s',
    'transfer.pending': '…',
    'transfer.filters.source': 'First-layer filters learned on MNIST (what the frozen and fine-tuned models keep)',
    'transfer.filters.scratch': 'First-layer filters learned from scratch on {count} Fashion-MNIST images',
    'transfer.filters.label':
      'The first convolution layer’s 32 filters of the {which} model, each a 3×3 grey image (light = positive weight)',
    'transfer.filters.whichSource': 'MNIST',
    'transfer.filters.whichScratch': 'Fashion-MNIST from-scratch',
    'transfer.filters.note':
      'Both sets are small edge, stroke and blob detectors: such early filters are what transfers from digits to clothes.',
  },
  'zh-cn': {
    'transfer.title': '迁移学习：从数字到服饰',
    'transfer.static':
      '这个实验在你的浏览器里用 MNIST 训练原文的 CNN（也可以直接用你在“实践”一章保存的模型），再以三种方式把它用到 Fashion-MNIST 上：冻结卷积层、只训练新的分类头；微调最后一个卷积块；以及从头训练一个模型。每种方式分别用 100 个、1,000 个和更多带标签样本训练，比较测试准确率和训练时间。',
    'transfer.largest': '最多的带标签样本数',
    'transfer.all': '{count}（全部）',
    'transfer.useSaved': '使用我在“实践”一章训练的模型',
    'transfer.useSavedHint':
      '即你在“实践”一章用 MNIST 训练并保存在本浏览器中的模型。点“训练”则会先在这里用 MNIST 训练原文的 CNN。',
    'transfer.source.trained': '源模型：原文的 CNN，在这里用 {examples} 张 MNIST 图像训练了一轮。',
    'transfer.source.saved': '源模型：你在“实践”一章训练并保存在本浏览器中的模型。',
    'transfer.source.acc': '它在 {tested} 张 MNIST 测试图像上的准确率为 {acc}。',
    'transfer.strategy.frozen': '冻结卷积基座，新分类头',
    'transfer.strategy.finetune': '微调最后一个卷积块',
    'transfer.strategy.scratch': '从头训练',
    'transfer.chart': 'Fashion-MNIST 测试准确率与带标签样本数',
    'transfer.chart.label':
      '三种方式在 {tested} 张 Fashion-MNIST 测试图像上的准确率随带标签训练样本数的变化（横轴为对数刻度）：{summary}',
    'transfer.chart.x': '带标签样本数（对数刻度）',
    'transfer.chart.y': '测试准确率（%）',
    'transfer.chart.table': '具体数值',
    'transfer.table': '测试准确率与训练时间',
    'transfer.table.caption': '准确率在前 {tested} 张 Fashion-MNIST 测试图像上测得；每一格至少训练 {steps} 个批次。',
    'transfer.strategy': '方式',
    'transfer.examples': '{count} 个样本',
    'transfer.cell': '{acc}，用时 {seconds} 秒',
    'transfer.pending': '…',
    'transfer.filters.source': '在 MNIST 上学到的第一层滤波器（冻结和微调的模型保留的正是它们）',
    'transfer.filters.scratch': '在 {count} 张 Fashion-MNIST 图像上从头学到的第一层滤波器',
    'transfer.filters.label': '{which}模型第一层卷积的 32 个滤波器，每个都是一张 3×3 的灰度小图（越亮表示权重越大）',
    'transfer.filters.whichSource': 'MNIST ',
    'transfer.filters.whichScratch': '在 Fashion-MNIST 上从头训练的',
    'transfer.filters.note': '两组滤波器都是检测边缘、笔画和斑点的小模板：正是这种早期滤波器能从数字迁移到服饰。',
  },
});
