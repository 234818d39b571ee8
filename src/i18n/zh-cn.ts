import type { UiKey } from './en';

/** UI strings, 简体中文. `satisfies` makes a missing or extra key a type error. */
export const zhCN = {
  'sourceNotes.context': '在原处阅读',
  'sourceNotes.count.one': '1 处更正',
  'sourceNotes.count.other': '{n} 处更正',
  'hyper.field.learningRate': '学习率',
  'hyper.field.batchSize': '批量大小',
  'hyper.field.epochs': '训练轮数',
  'hyper.field.optimizer': '优化器',
  'hyper.field.seed': '随机种子',
  'hyper.error.required': '请填写{field}。',
  'hyper.error.not-a-number': '{field}必须是数字，例如 0.001。',
  'hyper.error.not-positive': '{field}必须大于 0。',
  'hyper.error.too-small': '{field}不能小于 {limit}。',
  'hyper.error.too-large': '{field}不能大于 {limit}。',
  'hyper.error.not-integer': '{field}必须是整数。',
  'hyper.error.unknown-option': '请从列表中选择一种优化器。',
} as const satisfies Record<UiKey, string>;
