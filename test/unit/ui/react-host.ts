import { act, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach } from 'vitest';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/**
 * A document element to render React into, emptied after each test of the calling file, so no
 * test sees the state another left. Needs the happy-dom environment.
 */
export function reactHost() {
  const host = document.createElement('div');
  document.body.append(host);
  let root = createRoot(host);
  afterEach(() => {
    act(() => root.unmount());
    root = createRoot(host);
  });
  return { host, render: (node: ReactNode) => act(() => root.render(node)) };
}
