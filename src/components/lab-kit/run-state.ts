/** What the islands ask of a run's state. */
import type { LabState } from '../../ml/worker/protocol';

/** A run is under way (loading, training or paused): its settings are locked until it ends. */
export const isBusy = (state: LabState): boolean => state === 'training' || state === 'paused' || state === 'loading';
