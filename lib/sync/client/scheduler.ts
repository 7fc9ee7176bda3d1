/**
 * When the background syncs: soon after a change (debounced), on a periodic tick, at start and
 * when the browser comes back online, and right away when the user asks. Never two runs at
 * once; a request during a run queues one more. Failures back off exponentially with jitter; a
 * 429 waits as long as the server said; a lost sign-in or workspace, or an encrypted workspace
 * locked here, stops until the settings change or the user unlocks. Timers and randomness are injected, so the rules are tested with fake timers.
 */
import { SyncError } from './transport';

export const CHANGE_DEBOUNCE_MS = 2_000;
export const BACKOFF_BASE_MS = 5_000;
export const BACKOFF_MAX_MS = 15 * 60_000;

export interface SchedulerDeps {
  /** One sync run; throws (a SyncError, usually) when it fails. */
  run(): Promise<void>;
  setTimer(callback: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
  now(): number;
  random(): number;
}

/** The delay before retry `failures` (1-based): doubling from the base, capped, with jitter in [½, 1]. */
export function backoffDelay(failures: number, random: number): number {
  const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, failures - 1));
  return Math.round(ceiling * (0.5 + random / 2));
}

export class SyncScheduler {
  private timer: unknown;
  private timerAt = Infinity;
  private running = false;
  private again = false;
  private failures = 0;
  /** No automatic run before this (back-off or Retry-After). */
  private notBefore = 0;
  /** Set by a lost sign-in or workspace: only new settings (resume) start sync again. */
  private stopped = false;

  constructor(private readonly deps: SchedulerDeps) {}

  /** Local data changed: sync in a moment, once the burst of writes is over. */
  changed(): void {
    this.schedule(Math.max(CHANGE_DEBOUNCE_MS, this.notBefore - this.deps.now()), true);
  }

  /** The periodic alarm: run if nothing is holding sync back. */
  tick(): void {
    if (this.deps.now() >= this.notBefore) this.schedule(0);
  }

  /** The user asked (Sync now), the browser started or came back online: run now, back-off or not. */
  now(): void {
    this.notBefore = 0;
    this.schedule(0);
  }

  /** New settings (signed in again, another workspace): forget past failures and run. */
  resume(): void {
    this.stopped = false;
    this.failures = 0;
    this.now();
  }

  get isStopped(): boolean {
    return this.stopped;
  }

  private schedule(ms: number, debounce = false): void {
    if (this.stopped) return;
    const at = this.deps.now() + ms;
    // A debounced change pushes its timer back; anything else only ever brings a run closer.
    if (this.timer !== undefined) {
      if (!debounce && at >= this.timerAt) return;
      this.deps.clearTimer(this.timer);
    }
    this.timerAt = at;
    this.timer = this.deps.setTimer(() => {
      this.timer = undefined;
      this.timerAt = Infinity;
      void this.start();
    }, ms);
  }

  private async start(): Promise<void> {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    try {
      await this.deps.run();
      this.failures = 0;
      this.notBefore = 0;
    } catch (error) {
      this.onFailure(error);
    } finally {
      this.running = false;
    }
    if (this.again && !this.stopped) {
      this.again = false;
      this.schedule(Math.max(0, this.notBefore - this.deps.now()));
    }
  }

  private onFailure(error: unknown): void {
    const kind = error instanceof SyncError ? error.kind : 'server';
    if (kind === 'auth' || kind === 'workspace' || kind === 'locked') {
      this.stopped = true;
      return;
    }
    this.failures += 1;
    const wait = kind === 'rate-limited' && error instanceof SyncError && error.retryAfterMs !== undefined ? error.retryAfterMs : backoffDelay(this.failures, this.deps.random());
    this.notBefore = this.deps.now() + wait;
    this.schedule(wait);
  }
}
