/** UI strings of the book's own components, English. Keys are shared with every locale. */
export const en = {
  'sourceNotes.context': 'Read it in context',
  'sourceNotes.count.one': '1 correction',
  'sourceNotes.count.other': '{n} corrections',
  'hyper.field.learningRate': 'Learning rate',
  'hyper.field.batchSize': 'Batch size',
  'hyper.field.epochs': 'Epochs',
  'hyper.field.optimizer': 'Optimizer',
  'hyper.field.seed': 'Seed',
  'hyper.error.required': '{field} is required.',
  'hyper.error.not-a-number': '{field} must be a number, such as 0.001.',
  'hyper.error.not-positive': '{field} must be greater than 0.',
  'hyper.error.too-small': '{field} must be at least {limit}.',
  'hyper.error.too-large': '{field} must be at most {limit}.',
  'hyper.error.not-integer': '{field} must be a whole number.',
  'hyper.error.unknown-option': 'Choose one of the listed optimizers.',
} as const;

export type UiKey = keyof typeof en;
