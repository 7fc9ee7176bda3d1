// @vitest-environment happy-dom
/**
 * The import worker Options starts while a file is chosen ends when the file dialog closes
 * without a file, and choosing again starts another (the client is a stand-in that records what
 * the page asks of it; the real client and worker have their own tests in import-client.test.ts).
 */
import { act } from 'react';
import { describe, expect, it, vi } from 'vitest';
import type { ImportClient } from '@/lib/io/import-client';
import { ImportSection } from '@/components/io/ImportSection';
import { reactHost } from '../ui/react-host';

const made: Array<{ warmed: number; closed: number }> = [];

vi.mock('@/lib/io/start-import', () => ({
  importClient: (): ImportClient => {
    const record = { warmed: 0, closed: 0 };
    made.push(record);
    const never = () => new Promise<never>(() => undefined);
    return {
      warm: async () => void (record.warmed += 1),
      read: never,
      preview: never,
      run: never,
      close: () => void (record.closed += 1),
    };
  },
}));

const { host, render } = reactHost();

describe('the import worker started while a file is chosen', () => {
  it('ends when the file dialog closes without a file, and choosing again starts another', () => {
    render(<ImportSection />);
    const input = host.querySelector<HTMLInputElement>('input[type="file"]')!;
    act(() => input.dispatchEvent(new MouseEvent('click', { bubbles: true })));
    expect(made).toEqual([{ warmed: 1, closed: 0 }]);
    act(() => input.dispatchEvent(new Event('cancel')));
    expect(made).toEqual([{ warmed: 1, closed: 1 }]);
    act(() => input.dispatchEvent(new MouseEvent('click', { bubbles: true })));
    expect(made).toEqual([
      { warmed: 1, closed: 1 },
      { warmed: 1, closed: 0 },
    ]);
  });
});
