/**
 * Parts of a component that appear one animation frame after another: part 0 as soon as `active()`
 * holds, part 1 a frame later, and so on up to `parts - 1`; all go again when `active()` stops
 * holding. For what mounts as a run starts or while a model trains (the charts, the network's
 * first feature maps, the confusion matrix and its gallery): mounted in one frame with everything
 * else that frame brings, they held the page's main thread for 50–90 ms; one part a frame, each
 * frame stays short.
 *
 * Call it while a component initialises (it owns an effect); read `shown` in the markup:
 * `{#if stage.shown >= 1}…{/if}`.
 */
export function staged(active: () => boolean, parts: number): { readonly shown: number } {
  let shown = $state(0);
  $effect(() => {
    if (!active()) {
      shown = 0;
      return;
    }
    if (shown >= parts - 1) return;
    const frame = requestAnimationFrame(() => (shown += 1));
    return () => cancelAnimationFrame(frame);
  });
  return {
    get shown() {
      return shown;
    },
  };
}
