import { family } from './family';

/**
 * UI strings of the compression lab (`src/components/labs/compress/`): int8 quantisation and magnitude
 * pruning of a trained CNN; English and 简体中文 side by side. `families.ts` lists this family.
 */
export const compress = family({
  en: {
    'compress.title': 'Compress a trained CNN: int8 quantisation and pruning',
    'compress.static':
      'This lab trains the article’s CNN on MNIST in your browser (or takes the model you saved in the Practice chapter), stores its weights as 8-bit integers and prunes it, and measures the test accuracy of each version.',
    'compress.useSaved': 'Use my Practice-chapter model',
    'compress.useSavedHint':
      'The model you trained on MNIST in the Practice chapter and saved in this browser. Train instead trains the article’s CNN here.',
    'compress.source.trained':
      'Model: the article’s CNN, trained here on {examples} MNIST images for {epochs} epoch(s).',
    'compress.source.saved': 'Model: your Practice-chapter model, saved in this browser.',
    'compress.working': 'Quantising and pruning the trained model…',
    'compress.summary': 'Size and test accuracy',
    'compress.summary.caption': 'Weights only (biases stay 32-bit); accuracy on the first {tested} MNIST test images.',
    'compress.format': 'Format',
    'compress.size': 'Size',
    'compress.ratio': 'Smaller by',
    'compress.accuracy': 'Test accuracy',
    'compress.change': 'Change',
    'compress.points': '{change} points',
    'compress.row.float32': 'float32 (as trained)',
    'compress.row.tensor': 'int8, one scale per tensor',
    'compress.row.channel': 'int8, one scale per channel',
    'compress.layers': 'Error of each layer’s weights',
    'compress.layer': 'Layer',
    'compress.weights': 'Weights',
    'compress.err.tensor': 'Relative error, per tensor',
    'compress.err.channel': 'Relative error, per channel',
    'compress.histogram': 'Weights of {layer} and the int8 grid',
    'compress.histogram.label':
      'Histogram of the {count} weights of layer {layer}, from {lo} to {hi}; the ticks below mark the 255 values int8 can store with one scale for the tensor, one every {step}.',
    'compress.histogram.note':
      'Bars: how many weights fall in each interval. Ticks: the values int8 can store (one every {step}); every weight is moved to the nearest tick.',
    'compress.prune': 'Magnitude pruning',
    'compress.prune.caption':
      'The smallest weights of each layer set to zero; “fine-tuned”: then {steps} batches of training with the zeros kept.',
    'compress.sparsity': 'Weights removed',
    'compress.pruned': 'Pruned',
    'compress.tuned': 'Pruned and fine-tuned',
  },
  'zh-cn': {
    'compress.title': '压缩一个训练好的 CNN：int8 量化与剪枝',
    'compress.static':
      '本实验在浏览器中用 MNIST 训练原文的 CNN（或者使用你在“实践”一章保存的模型），把它的权重存成 8 位整数并进行剪枝，然后测出每个版本的测试准确率。',
    'compress.useSaved': '使用我在“实践”一章训练的模型',
    'compress.useSavedHint':
      '即你在“实践”一章用 MNIST 训练并保存在本浏览器中的模型。点击“训练”则在这里训练原文的 CNN。',
    'compress.source.trained': '模型：原文的 CNN，在这里用 {examples} 张 MNIST 图像训练了 {epochs} 轮。',
    'compress.source.saved': '模型：你在“实践”一章训练并保存在本浏览器中的模型。',
    'compress.working': '正在量化并剪枝训练好的模型……',
    'compress.summary': '大小与测试准确率',
    'compress.summary.caption': '只计权重（偏置仍为 32 位）；准确率在前 {tested} 张 MNIST 测试图像上测得。',
    'compress.format': '格式',
    'compress.size': '大小',
    'compress.ratio': '压缩比',
    'compress.accuracy': '测试准确率',
    'compress.change': '变化',
    'compress.points': '{change} 个百分点',
    'compress.row.float32': 'float32（训练所得）',
    'compress.row.tensor': 'int8，每个张量一个缩放因子',
    'compress.row.channel': 'int8，每个通道一个缩放因子',
    'compress.layers': '各层权重的误差',
    'compress.layer': '层',
    'compress.weights': '权重数',
    'compress.err.tensor': '相对误差（按张量）',
    'compress.err.channel': '相对误差（按通道）',
    'compress.histogram': '{layer} 的权重与 int8 网格',
    'compress.histogram.label':
      '{layer} 层 {count} 个权重的直方图，范围从 {lo} 到 {hi}；下方的刻度标出整个张量共用一个缩放因子时 int8 能表示的 255 个值，间隔为 {step}。',
    'compress.histogram.note':
      '柱子：落在每个区间里的权重个数。刻度：int8 能表示的值（间隔 {step}）；每个权重都被移到最近的刻度上。',
    'compress.prune': '按幅值剪枝',
    'compress.prune.caption': '把每层中绝对值最小的权重置零；“微调后”：再训练 {steps} 个批次，被剪掉的权重保持为零。',
    'compress.sparsity': '剪掉的权重',
    'compress.pruned': '剪枝后',
    'compress.tuned': '剪枝并微调后',
  },
});
