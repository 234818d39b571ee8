/**
 * One turn of the event loop, so that messages already queued (a pause, a stop, new settings) are
 * handled before the next step. A message to oneself on a fresh MessageChannel, not
 * `setTimeout(0)`: browsers clamp a timer set from inside a timer's task to 4 ms once five are
 * nested (HTML's timer rules), and a training loop that yields before every step nests them
 * forever, so each step waited 4 ms for nothing (measured in a Chromium worker: 4.3 ms a yield).
 * Where there is no MessageChannel, the timer it is.
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise<void>((resolve) => {
    if (typeof MessageChannel === 'undefined') {
      setTimeout(resolve, 0);
      return;
    }
    const { port1, port2 } = new MessageChannel();
    port1.onmessage = () => {
      // closed, so that nothing keeps a Node.js process alive
      port1.close();
      resolve();
    };
    port2.postMessage(undefined);
  });
}
