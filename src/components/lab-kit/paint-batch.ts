/**
 * How much of the worker's queued messages one paint of a lab applies (lab.svelte.ts paints at most
 * about 8 times a second, in an animation frame). Some messages mount or redraw so much of the page
 * that two of them in one frame held the main thread for 60–100 ms: a paint applies at most one of
 * those "heavy" messages, and the messages after it wait for the next paint, in order.
 */
import type { FromWorker } from '../../ml/worker/protocol';

/**
 * Pictures: a network's feature maps, filters, a grid of generated images. At the start of a run
 * the first filters, the first inspection and the first progress arrive together; drawn in one
 * frame they held the main thread for 100 ms.
 */
const PICTURES: ReadonlySet<FromWorker['type']> = new Set(['inspection', 'snapshot', 'gan-frame']);
/**
 * The first progress messages of a run: the first brings the progress bar and the first values in,
 * the second the charts of a lab that draws its own (a chart needs two points; the kit's metrics and
 * charts are there from the run's start); with the first pictures in the same frame that frame
 * took 70 ms.
 */
const MOUNTING_PROGRESS = 2;
/** more pictures than this waiting at a paint are a backlog, drawn together */
const MAX_SPLIT = 3;

/**
 * Whether `message` needs a paint of its own, `progressPainted` progress messages into the run.
 * Also the end of an epoch or a run: an evaluation with the epoch's mistakes brings the confusion
 * matrix and the gallery of wrong images, the state 'done' the kept-run and download controls; in
 * one frame they held the main thread for 60 ms.
 */
export function isHeavy(message: FromWorker, progressPainted: number): boolean {
  return (
    PICTURES.has(message.type) ||
    (message.type === 'progress' && progressPainted < MOUNTING_PROGRESS) ||
    (message.type === 'evaluation' && message.worst !== undefined) ||
    (message.type === 'state' && message.state === 'done')
  );
}

/**
 * How many messages from the front of `queue` the next paint takes: up to (not including) its
 * second heavy message, or all of them when more than MAX_SPLIT pictures wait (a backlog, pictures
 * arriving faster than paints, is drawn at once rather than growing). `stale` messages (of an
 * earlier run, dropped unpainted) are taken and count for nothing.
 */
export function paintCount(
  queue: readonly FromWorker[],
  progressPainted: number,
  stale: (message: FromWorker) => boolean,
): number {
  if (queue.filter((m) => PICTURES.has(m.type)).length > MAX_SPLIT) return queue.length;
  let heavy = 0;
  let progress = progressPainted;
  for (let i = 0; i < queue.length; i++) {
    const message = queue[i]!;
    if (stale(message)) continue;
    if (isHeavy(message, progress) && heavy++ > 0) return i;
    if (message.type === 'progress') progress += 1;
  }
  return queue.length;
}
