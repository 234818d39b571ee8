import { MAX_MODEL_JSON_BYTES, MAX_WEIGHTS_BYTES } from '../../ml/models/model-limits';

/**
 * A trained model's two files (model.json and model.weights.bin, from the worker's 'model-saved'
 * message) offered to the reader as downloads. Shared by every lab that saves a model.
 */
function offer(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function offerModelFiles(modelJson: string, weights: ArrayBuffer): void {
  offer('model.json', new Blob([modelJson], { type: 'application/json' }));
  offer('model.weights.bin', new Blob([weights], { type: 'application/octet-stream' }));
}

/**
 * What keeps chosen files from being a model, found before a byte is read: no model.json among
 * them, or a file over the size caps (the same as the worker's).
 */
export function modelFilesProblem(
  files: readonly Pick<File, 'name' | 'size'>[],
): { code: 'no-json' } | { code: 'too-large'; name: string; bytes: number; max: number } | undefined {
  for (const f of files) {
    const max = f.name.endsWith('.json') ? MAX_MODEL_JSON_BYTES : MAX_WEIGHTS_BYTES;
    if (f.size > max) return { code: 'too-large', name: f.name, bytes: f.size, max };
  }
  return files.some((f) => f.name.endsWith('.json')) ? undefined : { code: 'no-json' };
}

/** The files a reader opened (model.json and its weights) as the worker's load message wants them. */
export async function readModelFiles(
  files: readonly File[],
): Promise<{ modelJson: string; weights: Record<string, ArrayBuffer> }> {
  const json = files.find((f) => f.name.endsWith('.json'));
  const weights: Record<string, ArrayBuffer> = {};
  for (const f of files.filter((f) => f !== json)) weights[f.name] = await f.arrayBuffer();
  return { modelJson: json ? await json.text() : '', weights };
}
