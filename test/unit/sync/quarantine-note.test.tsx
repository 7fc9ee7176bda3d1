// @vitest-environment happy-dom
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { QuarantineNote, reasonWords } from '@/components/sync/QuarantineNote';
import type { QuarantinedChange } from '@/lib/sync/client/quarantine';
import { reactHost } from '../ui/react-host';

const { host, render } = reactHost();

const ada: QuarantinedChange = { table: 'contacts', id: 'c1', label: 'Ada Lovelace', reason: 'contacts.tags: More than 200 tags (the limit per contact)', at: 1, fields: {} };
const deal: QuarantinedChange = { table: 'deals', id: 'd1', label: '<img src=x onerror=alert(1)>', reason: 'deals.amount: Invalid input', at: 2, fields: {} };

describe('QuarantineNote', () => {
  it('says what could not be sent, and Review lists each with Retry and Discard', async () => {
    const calls: string[] = [];
    await render(
      <QuarantineNote
        changes={[ada, deal]}
        onRetry={async (change) => void calls.push(`retry ${change.id}`)}
        onDiscard={async (change) => void calls.push(`discard ${change.id}`)}
      />,
    );
    expect(host.querySelector('p')?.textContent).toBe('2 changes could not be sent: Ada Lovelace — more than 200 tags (the limit per contact) and 1 more. Review');
    const review = host.querySelector('button')!;
    expect(review.getAttribute('aria-expanded')).toBe('false');
    await act(async () => review.click());
    expect(review.getAttribute('aria-expanded')).toBe('true');
    const items = [...host.querySelectorAll('li')];
    expect(items.map((item) => item.querySelector('span')?.textContent)).toEqual(['Ada Lovelace — more than 200 tags (the limit per contact)', '<img src=x onerror=alert(1)> — invalid input']);
    expect(host.querySelector('img')).toBeNull(); // a scraped name is text
    await act(async () => (items[0]!.querySelectorAll('button')[0] as HTMLButtonElement).click());
    await act(async () => (items[1]!.querySelectorAll('button')[1] as HTMLButtonElement).click());
    expect(calls).toEqual(['retry c1', 'discard d1']);
  });

  it('shows nothing when nothing was set aside, and a failed action in plain words', async () => {
    await render(<QuarantineNote changes={[]} onRetry={async () => {}} onDiscard={async () => {}} />);
    expect(host.textContent).toBe('');
    await render(<QuarantineNote changes={[ada]} onRetry={() => Promise.reject(new Error('The database is closed.'))} onDiscard={async () => {}} />);
    expect(host.querySelector('p')?.textContent).toBe('1 change could not be sent: Ada Lovelace — more than 200 tags (the limit per contact). Review');
    await act(async () => host.querySelector('button')!.click());
    await act(async () => (host.querySelector('li button') as HTMLButtonElement).click());
    expect(host.querySelector('[role="alert"]')?.textContent).toBe('The database is closed.');
  });

  it('keeps a reason without a field prefix as it is', () => {
    expect(reasonWords('too large for the server (payload over 4 MB)')).toBe('too large for the server (payload over 4 MB)');
  });
});
