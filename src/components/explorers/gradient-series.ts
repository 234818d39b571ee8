import type { GradientFlowResult } from '../../ml/explain/gradient-flow';

/** One curve of the gradient-flow explorer: which norm it is, of which network. */
export interface GradientSeries {
  key: 'rnn' | 'lstmH' | 'lstmC';
  values: number[];
  label: string;
  /** the state whose gradient norm it is: h (hidden) or c (the LSTM's cell) */
  of: 'h' | 'c';
}

/** The three curves of a result, named in the reader's language. */
export function gradientSeries(
  result: GradientFlowResult,
  names: Record<GradientSeries['key'], string>,
): GradientSeries[] {
  return [
    { key: 'rnn', values: result.rnn, label: names.rnn, of: 'h' },
    { key: 'lstmH', values: result.lstmH, label: names.lstmH, of: 'h' },
    { key: 'lstmC', values: result.lstmC, label: names.lstmC, of: 'c' },
  ];
}
