import { family } from './family';

/**
 * UI strings of the plane lab (`src/components/labs/playground/`); English and 简体中文 side by side.
 * `family` makes a missing or extra Chinese key a type error; `families.ts` lists this family.
 */
export const playground = family({
  en: {
    'plane.title': 'A neural network learns to separate two classes',
    'plane.dataset': 'Data',
    'plane.dataset.circles': 'disc and ring',
    'plane.dataset.moons': 'two moons',
    'plane.dataset.xor': 'XOR',
    'plane.dataset.spiral': 'two spirals',
    'plane.width': 'Hidden layers',
    'plane.widthOption': '2 × {n} units',
    'plane.activation': 'Activation',
    'plane.rate': 'Learning rate',
    'plane.error.rateRequired': 'Learning rate is required, such as 0.03.',
    'plane.error.rateNumber': 'Learning rate must be a number, such as 0.03.',
    'plane.error.ratePositive': 'Learning rate must be greater than 0, such as 0.03.',
    'plane.error.rateLarge': 'Learning rate must be at most 1; try 0.03.',
    'plane.error.diverged':
      'The loss stopped being a finite number: the learning rate is too large. Lower it and press Train again.',
    'plane.progress': 'Training progress',
    'plane.status': 'Step {steps} of {total}',
    'plane.eta': 'about {s} s left',
    'plane.ready': 'Ready: {params} weights, drawn at random. Press Train.',
    'plane.paused': 'Paused after {steps} steps.',
    'plane.stopped': 'Stopped after {steps} steps. Press Train to start again from new weights.',
    'plane.finished': 'Finished: {steps} steps, {accuracy} of the test points classified correctly.',
    'plane.trainLoss': 'Training loss',
    'plane.testAccuracy': 'Test accuracy',
    'plane.curveX': 'steps →',
    'plane.curveCaption': 'Training loss (binary cross-entropy) after every 10 steps.',
    'plane.canvasIdle': 'The plane with {dataset}: the network has not been trained yet.',
    'plane.canvasLabel':
      'The plane with {dataset} after {steps} training steps: coloured regions show which class the network predicts; test accuracy {accuracy}.',
    'plane.legend':
      'Filled dots: the 200 training points; rings: 200 test points the network never trains on. The background is the network’s answer everywhere in the plane: orange for one class, blue for the other, pale where it is unsure.',
  },
  'zh-cn': {
    'plane.title': '神经网络学习把两类点分开',
    'plane.dataset': '数据',
    'plane.dataset.circles': '圆盘与圆环',
    'plane.dataset.moons': '两个月牙',
    'plane.dataset.xor': '异或',
    'plane.dataset.spiral': '双螺旋',
    'plane.width': '隐藏层',
    'plane.widthOption': '2 层 × {n} 个单元',
    'plane.activation': '激活函数',
    'plane.rate': '学习率',
    'plane.error.rateRequired': '请填写学习率，例如 0.03。',
    'plane.error.rateNumber': '学习率必须是数字，例如 0.03。',
    'plane.error.ratePositive': '学习率必须大于 0，例如 0.03。',
    'plane.error.rateLarge': '学习率不能超过 1，可以试试 0.03。',
    'plane.error.diverged': '损失不再是有限的数：学习率太大了。调小后再按“训练”。',
    'plane.progress': '训练进度',
    'plane.status': '第 {steps} 步，共 {total} 步',
    'plane.eta': '大约还需 {s} 秒',
    'plane.ready': '已就绪：{params} 个权重，随机初始化。按“训练”开始。',
    'plane.paused': '已暂停，训练了 {steps} 步。',
    'plane.stopped': '已在第 {steps} 步停止。按“训练”会从新的权重重新开始。',
    'plane.finished': '训练完成：共 {steps} 步，测试点中有 {accuracy} 分类正确。',
    'plane.trainLoss': '训练损失',
    'plane.testAccuracy': '测试准确率',
    'plane.curveX': '训练步数 →',
    'plane.curveCaption': '每 10 步记录一次的训练损失（二元交叉熵）。',
    'plane.canvasIdle': '平面上的{dataset}：网络还没有训练。',
    'plane.canvasLabel':
      '平面上的{dataset}，训练 {steps} 步后：背景颜色表示网络在各处预测的类别；测试准确率 {accuracy}。',
    'plane.legend':
      '实心点是 200 个训练点，空心圆是网络从未用来训练的 200 个测试点。背景是网络在平面上每一处给出的答案：橙色是一类，蓝色是另一类，颜色越淡表示网络越拿不准。',
  },
});
