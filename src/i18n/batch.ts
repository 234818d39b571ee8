import { family } from './family';

/**
 * UI strings of the batch-size sweep (`src/components/labs/batch/`): one network trained on MNIST
 * once per batch size, timed to a target accuracy; English and 简体中文 side by side.
 */
export const batch = family({
  en: {
    'batch.title': 'Batch size against time to target',
    'batch.task':
      'One network (784 → 128 → 10, {params} weights) learns MNIST once for each batch size you pick, every time from the same initial weights and the same shuffles of the data, with SGD and momentum. About every {every} training examples it is tested on {test} test images; a batch size stops at the first test that reaches the target, or when its budget of epochs is spent.',
    'batch.static':
      'With JavaScript, this lab trains the same small network on MNIST with several batch sizes, one after another, and measures for each the examples per second and the steps, epochs and seconds it needs to reach a test accuracy you choose.',
    'batch.summary.waiting':
      'Once you have run the sweep, this line quotes your own result: which batch size reached the target soonest on this device, and whether its steps fell as the linear-scaling rule expects.',
    'batch.summary.best':
      'On this device, batches of {batch} reached {target} soonest: {seconds} s of training, {steps} steps at {rate} examples a second.',
    'batch.summary.none':
      'No batch size reached {target} within its budget on this device: raise the epochs or lower the target.',
    'batch.summary.linear':
      'From batch {small} to batch {large} ({batchRatio}× larger) the steps to target fell {stepRatio}×, close to the 1/B of perfect scaling: these batches are below the critical batch size.',
    'batch.summary.flat':
      'From batch {small} to batch {large} ({batchRatio}× larger) the steps to target fell only {stepRatio}×: past the critical batch size, larger batches stop saving steps in proportion.',
    'batch.sizes': 'Batch sizes (one to seven)',
    'batch.lrMode': 'Learning rate',
    'batch.lrMode.linear': 'Scaled linearly: η = η₀ · B / {base}',
    'batch.lrMode.fixed': 'Fixed: η = η₀ at every batch size',
    'batch.learningRate': 'η₀ (at batch {base})',
    'batch.momentum': 'Momentum',
    'batch.epochs': 'Epochs at most per batch size',
    'batch.examples': 'Training examples',
    'batch.seed': 'Seed',
    'batch.target': 'Target test accuracy (%)',
    'batch.error.range': 'Enter a number from {min} to {max}.',
    'batch.error.integer': 'Enter a whole number from {min} to {max}.',
    'batch.error.none': 'Choose at least one batch size.',
    'batch.progress':
      'Batch size {batch} ({index} of {count}): {examples} of at most {budget} examples, {rate} examples/s',
    'batch.progress.done': 'Swept {count} batch sizes',
    'batch.results': 'Per batch size, to {target}',
    'batch.col.batch': 'Batch size',
    'batch.col.lr': 'η',
    'batch.col.rate': 'Examples/s',
    'batch.col.steps': 'Steps to target',
    'batch.col.epochs': 'Epochs to target',
    'batch.col.seconds': 'Seconds to target',
    'batch.col.acc': 'Last test accuracy',
    'batch.notReached': 'not reached in {epochs} epochs',
    'batch.diverged': 'diverged (the loss is no longer finite)',
    'batch.running': 'training…',
    'batch.waiting': 'waiting',
    'batch.stepsChart': 'Steps to target',
    'batch.stepsLabel': 'Steps to the target accuracy against the batch size, both on logarithmic scales',
    'batch.timeChart': 'Seconds to target',
    'batch.timeLabel': 'Seconds of training to the target accuracy against the batch size, both on logarithmic scales',
    'batch.axis': 'batch size (log₂ scale)',
    'batch.steps': 'steps',
    'batch.seconds': 'seconds',
    'batch.series': 'to target',
    'batch.table': 'The numbers',
    'batch.note':
      'Seconds count the training steps only, not the tests. Steps are known to about one test interval (every {every} examples).',
    'batch.announce': 'Batch size {batch}: {outcome}.',
  },
  'zh-cn': {
    'batch.title': '批量大小与达到目标的时间',
    'batch.task':
      '同一个网络（784 → 128 → 10，共 {params} 个权重）按你选的每个批量大小各在 MNIST 上训练一次，每次都从相同的初始权重出发、按相同的顺序打乱数据，用带动量的 SGD。大约每训练 {every} 个样本，就在 {test} 张测试图片上测一次；某个批量大小一旦有一次测试达到目标、或用完它的轮数预算，就结束，换下一个。',
    'batch.static':
      '启用 JavaScript 后，这个实验会用几种批量大小依次在 MNIST 上训练同一个小网络，测出每种批量每秒处理的样本数，以及达到你设定的测试准确率所需的步数、轮数和秒数。',
    'batch.summary.waiting':
      '运行一遍扫描后，这一行会引用你自己的结果：在这台设备上哪个批量大小最快达到目标，以及步数是否像线性缩放规则预期的那样下降。',
    'batch.summary.best':
      '在这台设备上，批量 {batch} 最快达到 {target}：训练 {seconds} 秒，共 {steps} 步，每秒 {rate} 个样本。',
    'batch.summary.none': '在这台设备上，没有哪个批量大小在预算内达到 {target}：请增加轮数或降低目标。',
    'batch.summary.linear':
      '批量从 {small} 增大到 {large}（{batchRatio} 倍），达到目标的步数减少为 1/{stepRatio}，接近理想缩放的 1/B：这些批量仍低于临界批量大小。',
    'batch.summary.flat':
      '批量从 {small} 增大到 {large}（{batchRatio} 倍），达到目标的步数只减少为 1/{stepRatio}：超过临界批量大小后，更大的批量不再按比例节省步数。',
    'batch.sizes': '批量大小（一到七个）',
    'batch.lrMode': '学习率',
    'batch.lrMode.linear': '线性缩放：η = η₀ · B / {base}',
    'batch.lrMode.fixed': '固定：每个批量大小都用 η = η₀',
    'batch.learningRate': 'η₀（批量 {base} 时）',
    'batch.momentum': '动量',
    'batch.epochs': '每个批量大小最多训练的轮数',
    'batch.examples': '训练样本数',
    'batch.seed': '随机种子',
    'batch.target': '目标测试准确率（%）',
    'batch.error.range': '请输入 {min} 到 {max} 之间的数。',
    'batch.error.integer': '请输入 {min} 到 {max} 之间的整数。',
    'batch.error.none': '请至少选择一个批量大小。',
    'batch.progress':
      '批量 {batch}（第 {index} 个，共 {count} 个）：已训练 {examples} 个样本，最多 {budget} 个，每秒 {rate} 个',
    'batch.progress.done': '已扫描 {count} 个批量大小',
    'batch.results': '各批量大小达到 {target} 的情况',
    'batch.col.batch': '批量大小',
    'batch.col.lr': 'η',
    'batch.col.rate': '样本/秒',
    'batch.col.steps': '达到目标的步数',
    'batch.col.epochs': '达到目标的轮数',
    'batch.col.seconds': '达到目标的秒数',
    'batch.col.acc': '最近一次测试准确率',
    'batch.notReached': '{epochs} 轮内未达到',
    'batch.diverged': '发散（损失不再是有限值）',
    'batch.running': '训练中…',
    'batch.waiting': '等待中',
    'batch.stepsChart': '达到目标的步数',
    'batch.stepsLabel': '达到目标准确率所需步数与批量大小的关系，两轴均为对数刻度',
    'batch.timeChart': '达到目标的秒数',
    'batch.timeLabel': '达到目标准确率所需训练秒数与批量大小的关系，两轴均为对数刻度',
    'batch.axis': '批量大小（log₂ 刻度）',
    'batch.steps': '步数',
    'batch.seconds': '秒',
    'batch.series': '达到目标',
    'batch.table': '具体数值',
    'batch.note': '秒数只计训练步骤，不含测试。步数的精度约为一个测试间隔（每 {every} 个样本）。',
    'batch.announce': '批量 {batch}：{outcome}。',
  },
});
