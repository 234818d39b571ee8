import { family } from './family';

/**
 * UI strings of the character-level LSTM that writes (`src/components/labs/lang/CharLab.*`); English
 * and 简体中文 side by side. `family` makes a missing or extra Chinese key a type error.
 */
export const chargen = family({
  en: {
    'chargen.title': 'An LSTM that writes, one character at a time',
    'chargen.static':
      'This lab trains a character-level LSTM in your browser on Moby-Dick or on Tang five-character quatrains ({enParams} or {zhParams} parameters) and prints what it writes as it learns. It needs JavaScript.',
    'chargen.corpus': 'Text to learn',
    'chargen.corpus.moby-dick': 'Moby-Dick (English, lower case)',
    'chargen.corpus.quatrains': 'Tang five-character quatrains (五言绝句)',
    'chargen.layers': 'LSTM layers',
    'chargen.units': 'Units per layer',
    'chargen.steps': 'Training steps',
    'chargen.seed': 'Seed',
    'chargen.plan':
      'The first Train downloads {kb} kB of text; each step trains on {batch} windows of {length} characters. The model has {params} parameters.',
    'chargen.downloading': 'the text',
    'chargen.progress': 'Step {step} of {total} · {rate} steps/s',
    'chargen.temperature': 'Temperature',
    'chargen.temperature.hint':
      'Low: the model’s safest guesses, often repeated. 1: its own probabilities. High: bolder, and more misspelt.',
    'chargen.seedText': 'Start the text with',
    'chargen.seedText.hint': 'Characters the model has not seen are left out.',
    'chargen.sampleAgain': 'Sample again',
    'chargen.sampleAgain.hint': 'Writes again from the model as it stands now, without training it.',
    'chargen.samples': 'What the model wrote as it trained',
    'chargen.samples.none': 'Press Train: a first sample, from the untrained model, appears at once.',
    'chargen.samples.step': 'after {step} steps',
    'chargen.samples.again': 'sampled again after {step} steps at temperature {temperature}',
    'chargen.scores': 'Validation loss, bits per character (lower is better)',
    'chargen.scores.model': 'This LSTM, on the validation text',
    'chargen.scores.unigram': 'Unigram baseline: each character’s frequency, no context',
    'chargen.scores.bigram': 'Bigram baseline: the character before, and nothing more',
    'chargen.scores.none': '—',
    'chargen.scores.explain':
      'All three are scored on the same {chars} validation characters, text the model never trains on (other chapters, other poems). The baselines are counted from the training text.',
    'chargen.chart.loss': 'Loss in bits per character',
    'chargen.chart.train': 'training (this step’s batch)',
    'chargen.chart.validation': 'validation (every 100 steps)',
    'chargen.chart.lossLabel':
      'Loss in bits per character against training steps: the training batches as a line, the validation text as dots, the bigram baseline as a horizontal line',
    'chargen.chart.xAxis': 'training steps',
    'chargen.chart.step': 'Step',
    'chargen.metrics.loss': 'Training loss (bits per character)',
    'chargen.metrics.validation': 'Validation loss (bits per character)',
    'chargen.bigram': 'bigram baseline',
    'chargen.announce':
      'Training finished: {model} bits per character on the validation text; the bigram baseline is {bigram}.',
  },
  'zh-cn': {
    'chargen.title': '一个会写字的 LSTM：一次一个字符',
    'chargen.static':
      '这个实验在浏览器里用《白鲸记》或唐代五言绝句训练一个字符级 LSTM（分别有 {enParams} 和 {zhParams} 个参数），并在学习过程中打印它写出的文字。需要启用 JavaScript。',
    'chargen.corpus': '学习的文本',
    'chargen.corpus.moby-dick': '《白鲸记》（英文，小写）',
    'chargen.corpus.quatrains': '唐代五言绝句',
    'chargen.layers': 'LSTM 层数',
    'chargen.units': '每层单元数',
    'chargen.steps': '训练步数',
    'chargen.seed': '随机种子',
    'chargen.plan':
      '第一次点“训练”会下载 {kb} kB 文本；每一步用 {batch} 个长 {length} 个字符的片段训练。模型共有 {params} 个参数。',
    'chargen.downloading': '文本',
    'chargen.progress': '第 {step} 步，共 {total} 步 · 每秒 {rate} 步',
    'chargen.temperature': '温度',
    'chargen.temperature.hint': '低：模型最稳妥的猜测，常常重复；1：按模型自己的概率；高：更大胆，错字也更多。',
    'chargen.seedText': '文本开头',
    'chargen.seedText.hint': '模型没见过的字符会被略去。',
    'chargen.sampleAgain': '重新采样',
    'chargen.sampleAgain.hint': '用模型当前的样子重新写一段，不再训练。',
    'chargen.samples': '模型在训练中写出的文字',
    'chargen.samples.none': '点“训练”：未经训练的模型会立刻写出第一段样本。',
    'chargen.samples.step': '训练 {step} 步后',
    'chargen.samples.again': '训练 {step} 步后以温度 {temperature} 重新采样',
    'chargen.scores': '验证损失，单位：比特/字符（越低越好）',
    'chargen.scores.model': '这个 LSTM，在验证文本上',
    'chargen.scores.unigram': '一元基线：只看每个字符的频率，不看上下文',
    'chargen.scores.bigram': '二元基线：只看前一个字符',
    'chargen.scores.none': '—',
    'chargen.scores.explain':
      '三者都在同样的 {chars} 个验证字符上评分，这些文本模型从不用来训练（别的章节、别的诗）。两个基线的频率都从训练文本中统计。',
    'chargen.chart.loss': '损失（比特/字符）',
    'chargen.chart.train': '训练（当前这一批）',
    'chargen.chart.validation': '验证（每 100 步）',
    'chargen.chart.lossLabel': '损失（比特/字符）随训练步数的变化：训练批次为折线，验证文本为圆点，二元基线为水平线',
    'chargen.chart.xAxis': '训练步数',
    'chargen.chart.step': '步数',
    'chargen.metrics.loss': '训练损失（比特/字符）',
    'chargen.metrics.validation': '验证损失（比特/字符）',
    'chargen.bigram': '二元基线',
    'chargen.announce': '训练结束：验证文本上每字符 {model} 比特；二元基线为 {bigram}。',
  },
});
