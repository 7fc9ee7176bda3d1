// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { describe, expect, it, vi } from 'vitest';
import { CancellableProgress } from '@/components/io/CancellableProgress';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

describe('CancellableProgress', () => {
  it('shows the progress, and on Cancel asks the run to stop and says it is cancelling', () => {
    const onCancel = vi.fn();
    const host = document.createElement('div');
    const root = createRoot(host);
    act(() =>
      root.render(
        <CancellableProgress
          status="Importing contacts: 2,000 of 10,000"
          progressLabel="Import progress"
          done={2_000}
          total={10_000}
          hint="What was imported stays."
          cancelLabel="Cancel import"
          onCancel={onCancel}
        />,
      ),
    );
    const status = host.querySelector('[role="status"]')!;
    const button = host.querySelector('button')!;
    expect(status.textContent).toBe('Importing contacts: 2,000 of 10,000');
    expect(host.querySelector('progress')!.getAttribute('value')).toBe('2000');
    expect(button.disabled).toBe(false);

    act(() => button.click());
    expect(onCancel).toHaveBeenCalledTimes(1);
    expect(status.textContent).toBe('Cancelling after the current batch…');
    expect(button.disabled).toBe(true);
    act(() => root.unmount());
  });
});
