import { describe, expect, it } from 'vitest';
import { fileName, RUN_LOG_FORMAT, RUN_LOG_VERSION, runLog, tableCsv } from './exports';

describe('tableCsv', () => {
  it('writes the header row and each row, quoting what needs it', () => {
    const csv = tableCsv(
      ['Samples seen', 'Loss (kept 1: Optimizer sgd, "fast")'],
      [{ cells: ['1,024', '0.5'] }, { cells: ['2048', ''] }],
    );
    expect(csv).toBe('Samples seen,"Loss (kept 1: Optimizer sgd, ""fast"")"\r\n"1,024",0.5\r\n2048,\r\n');
  });
});

describe('fileName', () => {
  it('is a slug of the lab and what it holds', () => {
    expect(fileName('cnn-practice', 'Loss', 'csv')).toBe('cnn-practice-loss.csv');
    expect(fileName('gan-2d', 'D(x) and D(G(z))', 'svg')).toBe('gan-2d-d-x-and-d-g-z.svg');
    expect(fileName('x', '损失', 'png')).toBe('x.png');
  });
});

describe('runLog', () => {
  it('records the settings, epochs, curves, backend, speed, date, lab and format', () => {
    const log = runLog({
      labId: 'cnn-practice',
      state: 'done',
      settings: { learningRate: 0.01 },
      epochs: [{ epoch: 1, testLoss: 0.3, testAcc: NaN }],
      curves: { loss: [{ x: 32, y: 2.1 }] },
      backend: 'wasm',
      samplesPerSec: 812.5,
      date: new Date('2026-01-02T03:04:05Z'),
    });
    expect(log).toEqual({
      format: RUN_LOG_FORMAT,
      version: RUN_LOG_VERSION,
      lab: 'cnn-practice',
      date: '2026-01-02T03:04:05.000Z',
      state: 'done',
      backend: 'wasm',
      samplesPerSec: 812.5,
      settings: { learningRate: 0.01 },
      epochs: [{ epoch: 1, testLoss: 0.3, testAcc: null }],
      curves: { loss: [[32, 2.1]] },
    });
    expect(JSON.parse(JSON.stringify(log))).toEqual(log);
  });
});
