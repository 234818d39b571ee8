import { onDestroy } from 'svelte';
import type { LabState } from '../../ml/worker/protocol';

/**
 * Run, Pause and Resume for an explorer that walks through its cells or steps on a timer (plain
 * arithmetic, no training), with the book-wide `data-state` it shows:
 *   idle      first render (also the server-rendered page)
 *   training  Run is stepping on the timer
 *   paused    stopped part-way by Pause (the explorer may also set it, e.g. after a step by hand)
 *   done      `advance` found no further step; Run starts again from the beginning
 * The timer is cleared on Pause, on reset, at the end and when the island leaves the page, so
 * create it while the component initialises.
 */
export class Playback {
  state: LabState = $state('idle');
  #timer: ReturnType<typeof setInterval> | undefined;
  readonly #advance: () => boolean;
  readonly #intervalMs: () => number;

  /**
   * @param advance moves to the next step; false when there is none (the run is then done)
   * @param intervalMs the time between steps, read when a run starts
   */
  constructor(advance: () => boolean, intervalMs: () => number) {
    this.#advance = advance;
    this.#intervalMs = intervalMs;
    onDestroy(() => this.#stop());
  }

  /** Run, or Resume after a pause; `restart` first goes back to the first step unless resuming. */
  play(restart: () => void): void {
    this.#stop();
    if (this.state !== 'paused') restart();
    this.state = 'training';
    this.#timer = setInterval(() => {
      if (this.#advance()) return;
      this.#stop();
      this.state = 'done';
    }, this.#intervalMs());
  }

  pause(): void {
    this.#stop();
    this.state = 'paused';
  }

  /** Stop without a trace: back to `idle`. */
  reset(): void {
    this.#stop();
    this.state = 'idle';
  }

  #stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
  }
}
