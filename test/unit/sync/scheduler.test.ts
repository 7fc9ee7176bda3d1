import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BACKOFF_BASE_MS, BACKOFF_MAX_MS, CHANGE_DEBOUNCE_MS, backoffDelay, SyncScheduler } from '@/lib/sync/client/scheduler';
import { SyncError } from '@/lib/sync/client/transport';

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(Date.UTC(2026, 10, 23));
});
afterEach(() => {
  vi.useRealTimers();
});

function scheduler(outcomes: Array<Error | undefined> = [], random = 1) {
  const runs: number[] = [];
  let call = 0;
  const run = vi.fn(async () => {
    runs.push(Date.now());
    const outcome = outcomes[call++];
    if (outcome) throw outcome;
  });
  const instance = new SyncScheduler({
    run,
    setTimer: (callback, ms) => setTimeout(callback, ms),
    clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    now: () => Date.now(),
    random: () => random,
  });
  return { instance, run, runs };
}

describe('SyncScheduler', () => {
  it('debounces a burst of changes into one run, two seconds after the last', async () => {
    const { instance, run } = scheduler();
    instance.changed();
    await vi.advanceTimersByTimeAsync(1_500);
    instance.changed();
    await vi.advanceTimersByTimeAsync(1_500);
    expect(run).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(CHANGE_DEBOUNCE_MS - 1_500);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('backs off exponentially after failures, and a success resets it', async () => {
    const network = new SyncError('network', 'offline');
    const { instance, runs } = scheduler([network, network, network, undefined]);
    const start = Date.now();
    instance.now();
    await vi.advanceTimersByTimeAsync(0);
    await vi.advanceTimersByTimeAsync(BACKOFF_BASE_MS * 7);
    expect(runs.map((at) => at - start)).toEqual([0, BACKOFF_BASE_MS, BACKOFF_BASE_MS * 3, BACKOFF_BASE_MS * 7]);
    instance.changed();
    await vi.advanceTimersByTimeAsync(CHANGE_DEBOUNCE_MS);
    expect(runs).toHaveLength(5); // back to the plain debounce
  });

  it('holds the periodic tick back during a back-off, but not a user’s Sync now', async () => {
    const { instance, runs } = scheduler([new SyncError('server', '503'), new SyncError('server', '503')]);
    instance.now();
    await vi.advanceTimersByTimeAsync(0);
    instance.tick(); // inside the back-off: ignored
    await vi.advanceTimersByTimeAsync(0);
    expect(runs).toHaveLength(1);
    instance.now();
    await vi.advanceTimersByTimeAsync(0);
    expect(runs).toHaveLength(2);
  });

  it('waits as long as a 429 says', async () => {
    const { instance, runs } = scheduler([new SyncError('rate-limited', 'slow down', 429, 42_000)]);
    const start = Date.now();
    instance.now();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(runs.map((at) => at - start)).toEqual([0, 42_000]);
  });

  it('stops on a lost sign-in until new settings resume it', async () => {
    const { instance, runs } = scheduler([new SyncError('auth', 'sign in again', 401)]);
    instance.now();
    await vi.advanceTimersByTimeAsync(0);
    expect(instance.isStopped).toBe(true);
    instance.changed();
    instance.tick();
    instance.now();
    await vi.advanceTimersByTimeAsync(BACKOFF_MAX_MS);
    expect(runs).toHaveLength(1);
    instance.resume();
    await vi.advanceTimersByTimeAsync(0);
    expect(runs).toHaveLength(2);
  });

  it('never runs twice at once: a request during a run queues exactly one more', async () => {
    let release!: () => void;
    const { instance, run } = scheduler();
    run.mockImplementationOnce(() => new Promise<void>((resolve) => (release = resolve)));
    instance.now();
    await vi.advanceTimersByTimeAsync(0);
    instance.now();
    instance.now();
    await vi.advanceTimersByTimeAsync(0);
    expect(run).toHaveBeenCalledTimes(1);
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(run).toHaveBeenCalledTimes(2);
  });

  it('jitters each delay within half to all of its ceiling, capped at 15 minutes', () => {
    expect(backoffDelay(1, 0)).toBe(BACKOFF_BASE_MS / 2);
    expect(backoffDelay(3, 1)).toBe(BACKOFF_BASE_MS * 4);
    expect(backoffDelay(30, 1)).toBe(BACKOFF_MAX_MS);
  });
});
