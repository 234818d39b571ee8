import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countingProxy } from './bench-network.mjs';
import { nativeThreads, threadsOf } from './bench-native.mjs';

describe('countingProxy', () => {
  const body = Buffer.alloc(100_000, 7);
  const server = createServer((_req, res) => res.end(body));
  let url = '';
  beforeAll(async () => {
    await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(() => new Promise((resolve) => server.close(() => resolve(undefined))));

  it('passes responses through intact and counts every byte it carries', async () => {
    const proxy = await countingProxy(url);
    try {
      const first = Buffer.from(await (await fetch(proxy.url)).arrayBuffer());
      expect(first.equals(body)).toBe(true);
      // the body plus the status line and headers, nothing counted twice
      expect(proxy.counter.down).toBeGreaterThan(body.length);
      expect(proxy.counter.down).toBeLessThan(body.length + 1000);
      expect(proxy.counter.up).toBeGreaterThan(0);
      const afterOne = proxy.counter.down;
      await (await fetch(proxy.url)).arrayBuffer();
      expect(proxy.counter.down - afterOne).toBeGreaterThan(body.length);
    } finally {
      await proxy.close();
    }
  });
});

describe('the native reference', () => {
  it("reads the browser's WASM thread count off its backend label", () => {
    expect(threadsOf({ backend: 'wasm (SIMD, 2 threads)' })).toBe(2);
    expect(threadsOf({ backend: 'wasm (SIMD, 1 thread)' })).toBe(1);
    expect(threadsOf({ backend: 'wasm (SIMD)' })).toBeUndefined();
    expect(threadsOf(undefined)).toBeUndefined();
  });

  it('runs one thread, the browser threads and every core, each once, in order', () => {
    const threads = nativeThreads(3);
    expect(threads[0]).toBe(1);
    expect(threads).toContain(3);
    expect(new Set(threads).size).toBe(threads.length);
    expect([...threads].sort((a, b) => a - b)).toEqual(threads);
  });
});
