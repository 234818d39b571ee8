import { describe, expect, it } from 'vitest';
import { checkImageFiles, labelOf, MAX_IMAGE_BYTES, photoAsDigit, rgbaToBytes, splitImages } from './own-images';

const file = (path: string, type = 'image/png', size = 100) => ({ name: path.split('/').pop()!, path, type, size });

describe('own images', () => {
  it('labels by sub-folder, else by the start of the name', () => {
    expect(labelOf(file('pets/cat/01.png'))).toBe('cat');
    expect(labelOf({ name: 'Dog_07.jpg', path: '' })).toBe('dog');
    expect(labelOf({ name: 'cat3.png', path: 'pets/cat3.png' })).toBe('cat');
    expect(labelOf({ name: '123.png', path: '' })).toBe('');
  });
  it('keeps images with labels, sorted classes, and leaves out system files', () => {
    const r = checkImageFiles([file('p/b/1.png'), file('p/a/2.jpg', 'image/jpeg'), file('p/a/.DS_Store', '')]);
    expect(r.ok && r.classes).toEqual(['a', 'b']);
    expect(r.ok && r.files.length).toBe(2);
  });
  it('names the file that is not an image, too large, or without a label', () => {
    expect(checkImageFiles([file('p/a/1.png'), file('p/b/notes.txt', 'text/plain')])).toEqual({
      ok: false,
      problem: { code: 'not-image', name: 'notes.txt' },
    });
    expect(checkImageFiles([file('p/a/big.png', 'image/png', MAX_IMAGE_BYTES + 1)])).toMatchObject({
      ok: false,
      problem: { code: 'too-large', name: 'big.png' },
    });
    expect(checkImageFiles([{ name: '1.png', path: '', type: 'image/png', size: 1 }])).toEqual({
      ok: false,
      problem: { code: 'no-label', name: '1.png' },
    });
    expect(checkImageFiles([file('p/a/1.png'), file('p/a/2.png')])).toEqual({
      ok: false,
      problem: { code: 'classes', count: 1 },
    });
  });
  it('turns RGBA into grey or colour bytes, and a light photo into a dark digit', () => {
    expect([...rgbaToBytes([255, 0, 0, 255, 10, 20, 30, 255], 3)]).toEqual([255, 0, 0, 10, 20, 30]);
    expect([...rgbaToBytes([255, 255, 255, 255, 0, 0, 0, 255], 1)]).toEqual([255, 0]);
    expect([...photoAsDigit(Uint8Array.from([255, 255, 255, 0]))]).toEqual([0, 0, 0, 1]);
    expect([...photoAsDigit(Uint8Array.from([0, 0, 0, 255]))]).toEqual([0, 0, 0, 1]);
  });
  it('holds out about a fifth of each class, and keeps a training image of each', () => {
    const labels = Uint8Array.from([0, 0, 0, 0, 0, 1, 1, 2]);
    const images = Uint8Array.from(labels.keys(), (i) => i);
    const { train, test } = splitImages(images, labels, [1, 1, 1], 3);
    expect([...test.labels].sort()).toEqual([0, 1]);
    expect(new Set(train.labels)).toEqual(new Set([0, 1, 2]));
    expect(train.labels.length + test.labels.length).toBe(8);
    // each image travels with its label
    for (const part of [train, test]) part.labels.forEach((l, k) => expect(labels[part.images[k]!]).toBe(l));
  });
});
