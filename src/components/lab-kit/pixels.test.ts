import { describe, expect, it } from 'vitest';
import { fillFilters, fillImage, fillTiles, filterGrid, tileGrid } from './pixels';

/** a pixel's RGBA bytes, as the canvas reads them */
const bytes = (pixels: Uint32Array, i: number) => [...new Uint8Array(pixels.buffer, i * 4, 4)];

describe('fillImage', () => {
  it('writes grey values as opaque grey pixels, scaled, rounded and clamped', () => {
    const pixels = new Uint32Array(4);
    fillImage(pixels, [0, 0.5, 1, 2], 1, 255);
    expect([0, 1, 2, 3].map((i) => bytes(pixels, i))).toEqual([
      [0, 0, 0, 255],
      [128, 128, 128, 255],
      [255, 255, 255, 255],
      [255, 255, 255, 255],
    ]);
  });
  it('writes RGB bytes of the image at `index`, in order', () => {
    const pixels = new Uint32Array(2);
    const values = [1, 2, 3, 4, 5, 6, 10, 20, 30, 40, 50, 60];
    fillImage(pixels, values, 3, 1, 1);
    expect([bytes(pixels, 0), bytes(pixels, 1)]).toEqual([
      [10, 20, 30, 255],
      [40, 50, 60, 255],
    ]);
  });
  it('paints negative values and NaN black', () => {
    const pixels = new Uint32Array(2);
    fillImage(pixels, [-3, Number.NaN], 1, 255);
    expect([bytes(pixels, 0), bytes(pixels, 1)]).toEqual([
      [0, 0, 0, 255],
      [0, 0, 0, 255],
    ]);
  });
});

describe('tileGrid and fillTiles', () => {
  it('lays channels out 8 a row up to 32, 16 beyond, one pixel apart', () => {
    expect(tileGrid([26, 26, 1])).toEqual({ cols: 1, rows: 1, width: 26, height: 26 });
    expect(tileGrid([26, 26, 32])).toEqual({ cols: 8, rows: 4, width: 215, height: 107 });
    expect(tileGrid([11, 11, 64])).toEqual({ cols: 16, rows: 4, width: 191, height: 47 });
  });
  it('puts each channel in its own tile, scaled to the largest value, black between tiles', () => {
    // 2×3 maps, 9 channels: two rows of tiles (8 + 1); channel ch at (y, x) is ch + 10·(y·3 + x)
    const [h, w, c] = [2, 3, 9];
    const data = new Float32Array(h * w * c);
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++) for (let ch = 0; ch < c; ch++) data[(y * w + x) * c + ch] = ch + 10 * (y * w + x);
    data[0] = -1;
    const grid = tileGrid([h, w, c]);
    const pixels = new Uint32Array(grid.width * grid.height);
    fillTiles(pixels, [h, w, c], data);
    const max = 8 + 10 * 5;
    const grey = (x: number, y: number) => bytes(pixels, y * grid.width + x)[0];
    for (let ch = 0; ch < c; ch++) {
      const ox = (ch % 8) * (w + 1);
      const oy = Math.floor(ch / 8) * (h + 1);
      for (let y = 0; y < h; y++)
        for (let x = 0; x < w; x++) {
          const v = Math.max(0, data[(y * w + x) * c + ch]!);
          expect(grey(ox + x, oy + y)).toBe(Math.round((v / max) * 255));
        }
    }
    // the column between tiles 0 and 1, the row between the two rows, and the empty tiles: black
    expect(bytes(pixels, 3)).toEqual([0, 0, 0, 255]);
    expect(bytes(pixels, 2 * grid.width + 1)).toEqual([0, 0, 0, 255]);
    expect(bytes(pixels, 3 * grid.width + 5)).toEqual([0, 0, 0, 255]);
    expect(grey(grid.width - 1, 0)).toBe(Math.round(((7 + 20) / max) * 255));
  });
});

describe('filterGrid and fillFilters', () => {
  it('draws each filter as cells scaled to its own range, in grey or colour', () => {
    // two 1×2 filters on 3 input channels: [kh, kw, cin, count] = [1, 2, 3, 2]
    const shape = [1, 2, 3, 2] as const;
    const data = new Float32Array(12);
    // filter 0: weights 0…5 (its range), filter 1: all 7 (no range: black)
    for (let c = 0; c < 2; c++) for (let ch = 0; ch < 3; ch++) data[(c * 3 + ch) * 2] = c * 3 + ch;
    for (let i = 1; i < 12; i += 2) data[i] = 7;
    const grid = filterGrid(shape, 2, 1);
    expect(grid).toEqual({ cols: 8, width: 8 * 5, height: 3 });
    const pixels = new Uint32Array(grid.width * grid.height);
    fillFilters(pixels, shape, data, 2, 1);
    const at = (x: number, y: number) => bytes(pixels, y * grid.width + x);
    const level = (v: number) => Math.round((v / 5) * 255);
    // filter 0, weight (0, 1): red 3, green 4, blue 5 of the range 0…5, on a 2×2 cell
    for (const [x, y] of [
      [2, 0],
      [3, 1],
    ])
      expect(at(x!, y!)).toEqual([level(3), level(4), level(5), 255]);
    expect(at(0, 0)).toEqual([0, level(1), level(2), 255]);
    // filter 1 starts 5 pixels in: no range, so every weight is black; the gap is transparent
    expect(at(5, 0)).toEqual([0, 0, 0, 255]);
    expect(at(4, 0)).toEqual([0, 0, 0, 0]);
    expect(at(0, 2)).toEqual([0, 0, 0, 0]);
  });
});
