/**
 * One run's controls, shared by every task's training loop (classifiers, regressions, GANs): pause,
 * resume, one step while paused, stop, a watchable pace and live settings. It knows nothing of
 * TensorFlow.js: a loop asks `next()` before each step and the controller answers when it may go on.
 *
 * Lifecycle:
 *   new RunController(runId, post)   state unchanged until the loop calls setState('training')
 *     pause()    while training: the loop waits before its next step           state 'paused'
 *     step(a)    while paused: the loop does one step (of kind `a`), then waits again
 *     resume()   goes on                                                        state 'training'
 *     stop()     the loop's next `next()` answers undefined; the loop ends      (the loop posts 'idle')
 *     set(s)     live settings from the next step on (pace; the task's own via onSettings)
 *     handOver(e)   a step failed: true when the session takes the run over on another backend
 *                   (the loop then ends quietly, posting nothing; see worker/training-session.ts)
 * A message for another run never reaches it: the session routes by run id.
 */
import type { FromWorker } from './messages';
import type { LabState } from './states';
import { yieldToEventLoop } from './yield';

/** Settings every run understands; a task's settings add their own fields. */
export interface LiveSettings {
  /** the learning rate from the next step on (a schedule, if any, then starts from it) */
  learningRate?: number;
  /** play at a watchable pace: each step takes at least this many milliseconds (0: full speed) */
  minIterationMs?: number;
}

/** A pace in milliseconds per step, kept between 0 (full speed) and one second. */
export const clampPace = (ms: number | undefined): number =>
  ms !== undefined && Number.isFinite(ms) ? Math.min(1000, Math.max(0, ms)) : 0;

export class RunController<Action extends string = 'step', Settings extends LiveSettings = LiveSettings> {
  #state: LabState = 'idle';
  #paused = false;
  #stopped = false;
  #cancelled = false;
  #pending: Action[] = [];
  #wake: (() => void) | undefined;
  #pauses = 0;
  #pace = 0;
  #listeners: ((settings: Settings) => void)[] = [];
  #takeOver: ((error: unknown) => boolean) | undefined;
  #lost!: Promise<never>;
  #loseBackend!: (error: Error) => void;

  constructor(
    readonly runId: number,
    private readonly post: (message: FromWorker) => void,
    /** what a plain `step()` asks for */
    private readonly stepAction: Action,
  ) {
    this.#armLost();
  }

  #armLost(): void {
    this.#lost = new Promise<never>((_, reject) => (this.#loseBackend = reject));
    this.#lost.catch(() => {});
  }

  /**
   * The session saw the backend die (a lost WebGL context, a lost WebGPU device): whatever the run
   * awaits through `guard` fails with `error` at once, since a lost device never answers a read.
   */
  backendLost(error: Error): void {
    this.#loseBackend(error);
  }

  /** `work` (a step, a read-back), failing at once if the backend is lost meanwhile. */
  guard<T>(work: Promise<T>): Promise<T> {
    return Promise.race([work, this.#lost]);
  }

  get state(): LabState {
    return this.#state;
  }
  get paused(): boolean {
    return this.#paused;
  }
  /** the run was reset: nothing more is posted for it */
  get cancelled(): boolean {
    return this.#cancelled;
  }
  /** how many times the run was paused (a loop shows one picture per pause) */
  get pauses(): number {
    return this.#pauses;
  }
  /** milliseconds a step takes at least (0: full speed) */
  get pace(): number {
    return this.#pace;
  }

  setState(state: LabState): void {
    this.#state = state;
    this.post({ type: 'state', runId: this.runId, state });
  }

  pause(): void {
    if (this.#state !== 'training') return;
    this.#paused = true;
    this.#pauses += 1;
    this.setState('paused');
  }

  resume(): void {
    if (!this.#paused) return;
    this.#paused = false;
    this.setState('training');
    this.#wakeUp();
  }

  /** While paused: one more step (of the kind asked, e.g. a GAN's discriminator step). */
  step(action: Action = this.stepAction): void {
    if (!this.#paused) return;
    this.#pending.push(action);
    this.#wakeUp();
  }

  stop(): void {
    this.#stopped = true;
    this.#wakeUp();
  }

  /** Stops for good: the run was reset or replaced. */
  cancel(): void {
    this.#cancelled = true;
    this.stop();
  }

  /** The session offers to continue the run elsewhere when its backend fails (`takeOver` decides). */
  onBackendFailure(takeOver: (error: unknown) => boolean): void {
    this.#takeOver = takeOver;
  }

  /**
   * A step (or what followed it) threw `error`. True: the session continues the run on another
   * backend from its last checkpoint, and the loop returns without posting an error or a state.
   * False: the loop fails as usual ('error').
   */
  handOver(error: unknown): boolean {
    if (this.#cancelled || !(this.#takeOver?.(error) ?? false)) return false;
    // the failed run's listeners belong to its freed model: the continued run adds its own
    this.#listeners = [];
    this.#armLost();
    return true;
  }

  /** Applies live settings from the next step on. */
  set(settings: Settings): void {
    if (settings.minIterationMs !== undefined) this.#pace = clampPace(settings.minIterationMs);
    for (const listener of this.#listeners) listener(settings);
  }

  /** Calls `listener` with every live change (the task applies its learning rates, ratios…). */
  onSettings(listener: (settings: Settings) => void): void {
    this.#listeners.push(listener);
  }

  /**
   * Waits while paused. Answers 'run' (not paused), a step the reader asked for while paused, or
   * undefined once stopped. Lets queued messages be handled first (one turn of the event loop).
   * @param beforeWaiting called each time the loop is about to wait (a task shows where it stands)
   */
  async next(beforeWaiting?: () => Promise<void>): Promise<Action | 'run' | undefined> {
    await yieldToEventLoop();
    for (;;) {
      if (this.#stopped) return undefined;
      if (!this.#paused) return 'run';
      const action = this.#pending.shift();
      if (action) return action;
      if (beforeWaiting) {
        await beforeWaiting();
        if (this.#stopped || !this.#paused || this.#pending.length > 0) continue;
      }
      await new Promise<void>((resolve) => {
        this.#wake = resolve;
      });
    }
  }

  /** After a step that began at `started`: waits out the rest of the pace (less if paused, stepped or stopped). */
  async keepPace(started: number, now: number): Promise<void> {
    const rest = started + this.#pace - now;
    if (rest <= 0) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        if (this.#wake === done) this.#wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, rest);
      this.#wake ??= done;
    });
  }

  #wakeUp(): void {
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }
}
