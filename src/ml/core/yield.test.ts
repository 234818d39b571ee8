import { afterEach, describe, expect, it, vi } from 'vitest';
import { yieldToEventLoop } from './yield';

describe('yieldToEventLoop', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('lets a task queued before it run first (a turn of the event loop, not a microtask)', async () => {
    const order: string[] = [];
    const { port1, port2 } = new MessageChannel();
    port1.onmessage = () => {
      order.push('queued message');
      port1.close();
    };
    port2.postMessage(undefined);
    await yieldToEventLoop();
    order.push('after the yield');
    expect(order).toEqual(['queued message', 'after the yield']);
  });

  it('needs no timer: it resolves while timers are frozen, so no step waits for a clamped one', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    const resolved = await Promise.race([
      yieldToEventLoop().then(() => true),
      new Promise<boolean>((resolve) => setImmediate(() => setImmediate(() => resolve(false)))),
    ]);
    expect(resolved).toBe(true);
  });

  it('falls back to a timer where there is no MessageChannel', async () => {
    vi.stubGlobal('MessageChannel', undefined);
    try {
      vi.useFakeTimers();
      let done = false;
      const pending = yieldToEventLoop().then(() => (done = true));
      await Promise.resolve();
      expect(done).toBe(false);
      await vi.advanceTimersByTimeAsync(0);
      await pending;
      expect(done).toBe(true);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
