/**
 * The kept runs of one lab on this page, shared by the Keep button (KeepRun.svelte) and the charts
 * that draw them: one reactive list per lab id, read from the browser's storage on first use and
 * written back on every change (runs.ts does the storing). When the storage fails, the runs stay
 * for this visit and `storageFailed` says so.
 */
import { KEPT_MAX, loadKept, saveKept, withoutRun, withRun, type KeptRun, type RunStorage } from './runs';

function browserStorage(): RunStorage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    // a browser that forbids storage throws on the mere access
    return undefined;
  }
}

/**
 * Every lab's kept runs and storage failures, in state made once when this module loads: a store
 * made later inside a derivation would make its own state there, which that derivation then would
 * not track (Svelte treats state made inside a reaction as that reaction's own).
 */
let allRuns: Record<string, KeptRun[]> = $state.raw({});
let failures: Record<string, boolean> = $state.raw({});

export class KeptRuns {
  readonly max = KEPT_MAX;

  get runs(): KeptRun[] {
    return allRuns[this.labId] ?? [];
  }
  set runs(runs: KeptRun[]) {
    allRuns = { ...allRuns, [this.labId]: runs };
  }
  /** the browser refused to store them: they last for this visit only */
  get storageFailed(): boolean {
    return failures[this.labId] ?? false;
  }
  set storageFailed(failed: boolean) {
    if (this.storageFailed !== failed) failures = { ...failures, [this.labId]: failed };
  }

  #loaded = false;

  constructor(
    readonly labId: string,
    private readonly storage: RunStorage | undefined = browserStorage(),
  ) {}

  /**
   * Reads the stored runs, once: called when the lab is mounted, not at construction, so that the
   * page as rendered on the server (no runs) and as first hydrated are the same.
   */
  load(): void {
    if (this.#loaded) return;
    this.#loaded = true;
    const { runs, ok } = loadKept(this.storage, this.labId);
    this.runs = runs;
    this.storageFailed = !ok;
  }

  keep(run: KeptRun): void {
    this.#set(withRun(this.runs, run));
  }

  remove(id: string): void {
    this.#set(withoutRun(this.runs, id));
  }

  #set(runs: KeptRun[]): void {
    this.#loaded = true;
    this.runs = runs;
    this.storageFailed = !saveKept(this.storage, this.labId, runs);
  }
}

/** one store per lab id on this page (module state: the page's, never the server's; looked up, never observed) */
// eslint-disable-next-line svelte/prefer-svelte-reactivity
const stores = new Map<string, KeptRuns>();

/** The kept runs of the lab `labId` (the same object for the button and the charts). */
export function keptRunsFor(labId: string): KeptRuns {
  if (typeof window === 'undefined') return new KeptRuns(labId, undefined);
  let store = stores.get(labId);
  if (!store) {
    store = new KeptRuns(labId);
    stores.set(labId, store);
  }
  return store;
}
