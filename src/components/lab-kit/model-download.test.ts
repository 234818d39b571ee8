import { describe, expect, it } from 'vitest';
import { MAX_MODEL_JSON_BYTES, MAX_WEIGHTS_BYTES } from '../../ml/models/model-limits';
import { modelFilesProblem } from './model-download';

describe('modelFilesProblem', () => {
  it('takes model.json with its weights', () => {
    expect(
      modelFilesProblem([
        { name: 'model.json', size: 10 },
        { name: 'model.weights.bin', size: 10 },
      ]),
    ).toBeUndefined();
  });
  it('asks for model.json when only weights are chosen', () => {
    expect(modelFilesProblem([{ name: 'model.weights.bin', size: 10 }])).toEqual({ code: 'no-json' });
  });
  it('refuses a file over its cap, by name, before reading it', () => {
    expect(modelFilesProblem([{ name: 'model.json', size: MAX_MODEL_JSON_BYTES + 1 }])).toEqual({
      code: 'too-large',
      name: 'model.json',
      bytes: MAX_MODEL_JSON_BYTES + 1,
      max: MAX_MODEL_JSON_BYTES,
    });
    expect(
      modelFilesProblem([
        { name: 'model.json', size: 1 },
        { name: 'w.bin', size: MAX_WEIGHTS_BYTES + 1 },
      ]),
    ).toMatchObject({ code: 'too-large', name: 'w.bin' });
  });
});
