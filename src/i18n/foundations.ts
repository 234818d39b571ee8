import { family } from './family';

/**
 * UI strings of the foundations (the mathematics chapter's initialisation explorer and the
 * overfitting lab); English and 简体中文 side by side. `family` makes a missing or extra Chinese key
 * a type error; `families.ts` lists this family.
 */
export const foundations = family({
  en: {
    'init.title': 'Initialisation through depth: the spread of the activations, layer by layer',
    'init.depth': 'Depth (layers)',
    'init.width': 'Width (units per layer)',
    'init.activation': 'Activation',
    'init.activation.tanh': 'tanh',
    'init.activation.relu': 'ReLU',
    'init.scheme': 'Initialisation',
    'init.scheme.small': 'Too small (σ = 0.01)',
    'init.scheme.glorot': 'Glorot / Xavier (σ² = 2 / (n_in + n_out))',
    'init.scheme.he': 'He (σ² = 2 / n_in)',
    'init.scheme.large': 'Too large (σ = 1)',
    'init.run': 'Run',
    'init.error': 'Enter a whole number from {min} to {max}.',
    'init.chart': 'Standard deviation per layer (log scale)',
    'init.chart.label':
      'Standard deviation of the activations and of the gradient at each layer, from the input (layer 0) to layer {depth}, on a logarithmic axis',
    'init.series.activations': 'activations a_l',
    'init.series.gradients': 'gradient ∂L/∂a_l',
    'init.axis.layer': 'layer l',
    'init.table': 'The numbers',
    'init.readout':
      'σ = {sigma}. After {depth} layers the activations have standard deviation {act} (the input: 1), and the gradient reaching the input has {grad} (the output’s: 1).',
    'init.note': 'A random batch of {batch} inputs x ~ N(0, 1) and a random output gradient; biases 0.',
    'overfit.title': 'Overfitting on {n} digits, and its remedies',
    'overfit.task':
      'The article’s CNN (28 × 28 × 1, 121,930 parameters) learns from only the first {n} MNIST training images, {noise} % of them with a wrong label, as real data sets have some. After every epoch it is scored on those images (with the labels it learns from) and on {test} test images (with their true labels), both without dropout: the difference is the gap.',
    'overfit.remedies': 'Remedies',
    'overfit.weightDecay': 'Weight decay, decoupled from the loss (λ = {lambda})',
    'overfit.dropout': 'Dropout (rate {rate}) before each dense layer',
    'overfit.augment': 'Data augmentation: shift each image by up to {shift} pixels',
    'overfit.early': 'Early stopping (patience {patience}, {validation} held-out images), keeping the best epoch',
    'overfit.batchNorm': 'Batch normalisation after each hidden layer',
    'overfit.accuracy': 'Accuracy after each epoch',
    'overfit.accuracy.label': 'Training and test accuracy after each epoch, in per cent',
    'overfit.loss': 'Loss after each epoch',
    'overfit.loss.label': 'Training and test cross-entropy after each epoch',
    'overfit.train': 'training images',
    'overfit.test': 'test images',
    'overfit.epoch': 'epoch',
    'overfit.table': 'The numbers',
    'overfit.readout': 'Epoch {epoch}: training {train}, test {test}, a gap of {gap} points.',
    'overfit.stopped': 'Early stopping ended the run: the held-out accuracy had not improved for {patience} epochs.',
    'overfit.restored':
      'Early stopping put back the weights of epoch {epoch}, the best on the held-out images: training {train}, test {test}, a gap of {gap} points.',
    'overfit.measured':
      'Measured with these settings (seed 1, on WebAssembly), the gap at the end of the run was {none} points with no remedy; {weightDecay} with weight decay, {dropout} with dropout, {augment} with shifted images, {earlyStopping} with early stopping (the model of the epoch it put back) and {batchNorm} with batch normalisation. A gap below zero means the model agrees more often with the true test labels than with its own noisy training labels.',
  },
  'zh-cn': {
    'init.title': '初始化与深度：各层激活值的离散程度',
    'init.depth': '深度（层数）',
    'init.width': '宽度（每层单元数）',
    'init.activation': '激活函数',
    'init.activation.tanh': 'tanh',
    'init.activation.relu': 'ReLU',
    'init.scheme': '初始化方式',
    'init.scheme.small': '过小（σ = 0.01）',
    'init.scheme.glorot': 'Glorot / Xavier（σ² = 2 / (n_in + n_out)）',
    'init.scheme.he': 'He（σ² = 2 / n_in）',
    'init.scheme.large': '过大（σ = 1）',
    'init.run': '运行',
    'init.error': '请输入 {min} 到 {max} 之间的整数。',
    'init.chart': '各层的标准差（对数坐标）',
    'init.chart.label': '从输入（第 0 层）到第 {depth} 层，每层激活值与梯度的标准差，纵轴为对数坐标',
    'init.series.activations': '激活值 a_l',
    'init.series.gradients': '梯度 ∂L/∂a_l',
    'init.axis.layer': '第 l 层',
    'init.table': '具体数值',
    'init.readout':
      'σ = {sigma}。经过 {depth} 层后，激活值的标准差为 {act}（输入为 1）；回传到输入的梯度标准差为 {grad}（输出处为 1）。',
    'init.note': '一批 {batch} 个随机输入 x ~ N(0, 1)，输出端的梯度也随机生成；偏置均为 0。',
    'overfit.title': '只用 {n} 张数字图片时的过拟合及其对策',
    'overfit.task':
      '原文的 CNN（28 × 28 × 1，121,930 个参数）只用 MNIST 训练集的前 {n} 张图片学习，其中 {noise}% 的标签是错的——真实的数据集里多少都有这样的错。每轮结束后，分别在这些图片（按它学习时用的标签）和 {test} 张测试图片（按真实标签）上评估，都不使用 dropout，两者之差就是泛化差距。',
    'overfit.remedies': '对策',
    'overfit.weightDecay': '与损失解耦的权重衰减（λ = {lambda}）',
    'overfit.dropout': '每个全连接层之前加 dropout（比率 {rate}）',
    'overfit.augment': '数据增强：每张图片随机平移最多 {shift} 个像素',
    'overfit.early': '早停（耐心 {patience} 轮，留出 {validation} 张图片作验证），保留最好的一轮',
    'overfit.batchNorm': '每个隐藏层之后加批归一化',
    'overfit.accuracy': '每轮结束时的准确率',
    'overfit.accuracy.label': '每轮结束时训练集与测试集上的准确率（百分比）',
    'overfit.loss': '每轮结束时的损失',
    'overfit.loss.label': '每轮结束时训练集与测试集上的交叉熵',
    'overfit.train': '训练图片',
    'overfit.test': '测试图片',
    'overfit.epoch': '轮',
    'overfit.table': '具体数值',
    'overfit.readout': '第 {epoch} 轮：训练集 {train}，测试集 {test}，相差 {gap} 个百分点。',
    'overfit.stopped': '早停结束了训练：留出集上的准确率已连续 {patience} 轮没有提高。',
    'overfit.restored':
      '早停换回了第 {epoch} 轮的权重（它在留出图片上最好）：训练集 {train}，测试集 {test}，相差 {gap} 个百分点。',
    'overfit.measured':
      '用这些设置实测（种子 1，WebAssembly 后端），训练结束时的差距：不加任何对策为 {none} 个百分点；权重衰减为 {weightDecay}，dropout 为 {dropout}，平移图片为 {augment}，早停为 {earlyStopping}（按它换回的那一轮的模型计），批归一化为 {batchNorm}。差距为负，说明模型与测试图片真实标签的吻合程度，反而高于与它自己那些带噪声的训练标签的吻合程度。',
  },
});
