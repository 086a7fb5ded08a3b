/** A snapshot of copy progress, emitted to the caller (CLI line, VS Code progress). */
export interface CopyProgress {
  phase: 'count' | 'copy' | 'verify';
  keysDone: number;
  /** Keys expected in total (source DBSIZE at the start); undefined when unknown. */
  keysTotal: number | undefined;
  bytes: number;
  keysPerSecond: number;
  /** Seconds left at the current rate; undefined until there is a rate and a total. */
  etaSeconds: number | undefined;
  elapsedMs: number;
}

/** Turns counters into rate and ETA; the rate is averaged over the whole run so the ETA does not jump around. */
export class ProgressMeter {
  readonly #startedAt: number;

  constructor(
    private readonly now: () => number = Date.now,
    /** Keys already done before this run (a resumed copy) count toward the total but not the rate. */
    readonly baseKeys = 0,
  ) {
    this.#startedAt = now();
  }

  snapshot(phase: CopyProgress['phase'], keysDone: number, keysTotal: number | undefined, bytes: number): CopyProgress {
    const elapsedMs = Math.max(0, this.now() - this.#startedAt);
    const keysThisRun = Math.max(0, keysDone - this.baseKeys);
    const keysPerSecond = elapsedMs > 0 ? (keysThisRun * 1000) / elapsedMs : 0;
    return { phase, keysDone, keysTotal, bytes, keysPerSecond, etaSeconds: eta(keysDone, keysTotal, keysPerSecond), elapsedMs };
  }
}

export function eta(keysDone: number, keysTotal: number | undefined, keysPerSecond: number): number | undefined {
  if (keysTotal === undefined || keysPerSecond <= 0) return undefined;
  return Math.max(0, Math.ceil((keysTotal - keysDone) / keysPerSecond));
}

/** `1h02m`, `3m05s`, `42s` */
export function formatDuration(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}
