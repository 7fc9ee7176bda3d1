// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useContextFirst } from '@/entrypoints/sidepanel/use-context-first';

// React warns unless it is told this is a test environment that flushes updates with act().
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let latest: ReturnType<typeof useContextFirst>;
function Probe() {
  latest = useContextFirst();
  return null;
}

describe('useContextFirst', () => {
  let root: Root;
  beforeEach(() => {
    vi.useFakeTimers();
    root = createRoot(document.createElement('div'));
    act(() => root.render(<Probe />));
  });
  afterEach(() => {
    act(() => root.unmount());
    vi.useRealTimers();
  });

  it('holds the list back until the context view says it has settled', () => {
    expect(latest.listMayStart).toBe(false);
    act(() => vi.advanceTimersByTime(100));
    expect(latest.listMayStart).toBe(false);
    act(() => latest.contextSettled());
    expect(latest.listMayStart).toBe(true);
  });

  it('lets the list start after 400 ms when the context never settles', () => {
    act(() => vi.advanceTimersByTime(399));
    expect(latest.listMayStart).toBe(false);
    act(() => vi.advanceTimersByTime(1));
    expect(latest.listMayStart).toBe(true);
  });
});
