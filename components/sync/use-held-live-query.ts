/**
 * Dexie's useLiveQuery, held while the background applies a many-page pull (a first sync of a
 * large workspace). A live query re-runs after every transaction that touches what it read, and
 * withholds its answer when another one lands meanwhile: during a first sync that was after every
 * page, and a search could wait seconds for a quiet moment. While held, each new question (new
 * deps: a search typed, a filter picked; or a change made in this browser) is answered once from
 * the tables as they are, without watching them; when the apply ends, every query subscribes
 * again, which runs it once: the refresh. The sync status line stays a plain live query, so its
 * progress keeps moving.
 */
import { liveQuery } from 'dexie';
import { useObservable, type InteropableObservable } from 'dexie-react-hooks';
import { useBulkApplyHold } from './bulk-apply-state';

/** The querier's answer, once, with nothing observed (outside liveQuery, Dexie tracks no reads). */
function answeredOnce<T>(querier: () => Promise<T> | T): InteropableObservable<T> {
  return {
    // No value to offer synchronously: keeps useObservable from subscribing twice to find one.
    hasValue: () => false,
    subscribe(onNext, onError) {
      let closed = false;
      Promise.resolve()
        .then(querier)
        .then(
          (value) => !closed && onNext(value),
          (error: unknown) => !closed && onError?.(error),
        );
      return { unsubscribe: () => void (closed = true) };
    },
  };
}

export function useHeldLiveQuery<T>(querier: () => Promise<T> | T, deps?: unknown[]): T | undefined;
export function useHeldLiveQuery<T, TDefault>(querier: () => Promise<T> | T, deps: unknown[], defaultResult: TDefault): T | TDefault;
export function useHeldLiveQuery<T, TDefault>(querier: () => Promise<T> | T, deps: unknown[] = [], defaultResult?: TDefault): T | TDefault | undefined {
  const hold = useBulkApplyHold();
  // The last answer stays on screen across the switch (useObservable keeps it until the next).
  return useObservable<T, TDefault | undefined>(() => (hold ? answeredOnce(querier) : liveQuery(querier)), [...deps, hold], defaultResult);
}
