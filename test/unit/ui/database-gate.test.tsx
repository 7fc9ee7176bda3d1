// @vitest-environment happy-dom
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { DatabaseGate } from '@/components/recovery/DatabaseGate';
import { reactHost } from './react-host';

const { host, render } = reactHost();

describe('DatabaseGate', () => {
  it('shows the page while the database opens, and keeps it when it opened', async () => {
    await render(
      <DatabaseGate open={() => Promise.resolve()}>
        <p>The panel</p>
      </DatabaseGate>,
    );
    await act(async () => {});
    expect(host.textContent).toBe('The panel');
  });

  it('gives way to a recovery screen, never an inert page, when the database cannot be opened', async () => {
    await render(
      <DatabaseGate open={() => Promise.reject(new Error('UpgradeError: the upgrade hit a row it did not expect'))}>
        <p>The panel</p>
      </DatabaseGate>,
    );
    await act(async () => {});
    expect(host.querySelector('h1')?.textContent).toBe('Your data could not be opened');
    expect(host.querySelector('[role="alert"]')?.textContent).toBe('UpgradeError: the upgrade hit a row it did not expect');
    expect([...host.querySelectorAll('button')].map((button) => button.textContent)).toEqual(['Export a raw copy', 'Try again']);
    expect(host.textContent).not.toContain('The panel');
  });
});
