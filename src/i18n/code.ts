import { family } from './family';

/**
 * UI strings of "Copy as code" (`src/components/lab-kit/CopyCode.svelte`); English and 简体中文 side
 * by side. The generated code's comments are English in both locales, as code usually is.
 */
export const code = family({
  en: {
    'code.summary': 'Copy as code',
    'code.intro':
      'A complete script for the settings above: the same model, layer for layer, with the same optimizer, learning rate, loss, epochs and batch size. Where the script cannot fetch the lab’s data itself, it trains on random stand-ins of the same shape, and a comment shows where your data goes. The comments in the code are in English.',
    'code.language': 'Language',
    'code.tfjs': 'TensorFlow.js (JavaScript)',
    'code.keras': 'Keras (Python)',
    'code.copy': 'Copy',
    'code.copied': 'Copied to the clipboard.',
    'code.copyFailed': 'The browser did not allow copying: select the code below and copy it yourself.',
    'code.invalid': 'Correct the settings above to see the code.',
    'code.label': '{language} script',
  },
  'zh-cn': {
    'code.summary': '复制为代码',
    'code.intro':
      '与上面的设置完全对应的脚本：逐层相同的模型，相同的优化器、学习率、损失函数、训练轮数和批大小。脚本无法自行获取本实验的数据时，会用形状相同的随机数据代替，并用注释标明在哪里换成你自己的数据。代码中的注释是英文的。',
    'code.language': '语言',
    'code.tfjs': 'TensorFlow.js（JavaScript）',
    'code.keras': 'Keras（Python）',
    'code.copy': '复制',
    'code.copied': '已复制到剪贴板。',
    'code.copyFailed': '浏览器不允许复制：请选中下面的代码，自己复制。',
    'code.invalid': '请先改正上面的设置，才能看到代码。',
    'code.label': '{language} 脚本',
  },
});
