// @vitest-environment happy-dom
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { ImportChooser } from '@/components/io/ImportChooser';
import { ImportSection } from '@/components/io/ImportSection';
import { crmDatabase, VALUES_STATE_KEY } from '@/lib/db';
import { recordHomeCurrency } from '../value-runtime/fixtures';
import { reactHost } from '../ui/react-host';

const VCARD = ['BEGIN:VCARD', 'VERSION:3.0', 'FN:Ada Lovelace', 'EMAIL:ada@example.com', 'END:VCARD', ''].join('\r\n');

const { host, render } = reactHost();

function buttonNamed(name: string): HTMLButtonElement {
  const found = [...host.querySelectorAll('button')].find((button) => button.textContent === name);
  if (!found) throw new Error(`no button “${name}” in: ${host.textContent}`);
  return found;
}

/** Lets the step's promises (file read, plan, IndexedDB writes) settle, re-rendering as they go. */
async function until(check: () => boolean): Promise<void> {
  for (let tries = 0; tries < 100 && !check(); tries += 1) {
    await act(() => new Promise((resolve) => setTimeout(resolve, 10)));
  }
  expect(check(), host.textContent ?? '').toBe(true);
}

async function pick(file: File): Promise<void> {
  const input = host.querySelector<HTMLInputElement>('input[type="file"]')!;
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  await act(async () => {
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

describe('ImportSection', () => {
  it('starts amounts without a currency in the home currency, until the user picks another', async () => {
    const db = crmDatabase();
    await recordHomeCurrency(db, 'EUR');
    render(<ImportSection />);
    const field = () => [...host.querySelectorAll('label')].find((label) => label.textContent?.startsWith('Currency of amounts'))!.control as HTMLInputElement;
    await until(() => field().value === 'EUR');
    await db.meta.delete(VALUES_STATE_KEY);
  });

  it('walks choose → preview → running → done, writing only after Confirm', async () => {
    render((<ImportSection />));
    expect(host.querySelector('h2')!.textContent).toBe('Import');

    await pick(new File([VCARD], 'people.vcf', { type: 'text/vcard' }));
    await until(() => host.textContent!.includes('Preview of people.vcf'));
    expect(host.querySelector('table[aria-label="What the import will do"]')!.textContent).toContain('New contacts1');
    expect(await crmDatabase().contacts.count()).toBe(0);

    act(() => buttonNamed('Confirm import').click());
    await until(() => host.textContent!.includes('Import finished.'));
    expect(host.querySelector('[role="status"]')!.textContent).toContain('1 contact created');
    expect(await crmDatabase().contacts.count()).toBe(1);

    act(() => buttonNamed('Import another file').click());
    expect(host.querySelector('input[type="file"]')).not.toBeNull();
    expect(host.querySelector('[role="alert"]')).toBeNull();
  });

  it('offers to create the contacts a purchases file names but nobody has, counted apart (issue 23)', async () => {
    const csv = [
      'email,name,date,amount',
      'whale@bigbuyer-corp.net,Wanda Hale,2024-03-05,5000',
      'whale@bigbuyer-corp.net,,2024-04-05,7000',
      'small@shop.example,,2024-03-06,25',
      '',
    ].join('\n');
    render((<ImportSection />));
    await pick(new File([csv], 'purchases.csv', { type: 'text/csv' }));
    await until(() => host.textContent!.includes('Preview of purchases.csv'));

    const counts = () => host.querySelector('table[aria-label="What the import will do"]')!.textContent!;
    const offer = () => [...host.querySelectorAll<HTMLLabelElement>('label')].find((label) => label.textContent!.includes('from purchases'));
    // Off at first: the rows are rejected, and the offer says how many contacts it would make.
    expect(offer()!.textContent).toBe('Create 2 new contacts from purchases');
    expect(counts()).toContain('Rejected rows3');
    expect(counts()).toContain('New contacts from purchases0');
    const box = host.querySelector<HTMLInputElement>(`#${CSS.escape(offer()!.htmlFor)}`)!;
    expect(box.type).toBe('checkbox');
    expect(box.checked).toBe(false);
    expect(host.querySelector(`#${CSS.escape(box.getAttribute('aria-describedby')!)}`)!.textContent).toContain('2 emails in the purchases match no contact');

    act(() => box.click());
    await until(() => counts().includes('New contacts from purchases2'));
    expect(counts()).toContain('Rejected rows0');
    expect(counts()).toContain('Purchases to add as won deals3');
    expect(counts()).toContain('New contacts0');
    expect(host.textContent).toContain('2 new contacts from purchases: one per email that no contact has, named from the file’s name column');
    expect(await crmDatabase().contacts.where('emails').equals('whale@bigbuyer-corp.net').count()).toBe(0);

    act(() => buttonNamed('Confirm import').click());
    await until(() => host.textContent!.includes('Import finished.'));
    expect(host.querySelector('[role="status"]')!.textContent).toContain('2 contacts created from purchases');
    expect(host.querySelector('[role="status"]')!.textContent).toContain('3 purchases added');
    const whale = await crmDatabase().contacts.where('emails').equals('whale@bigbuyer-corp.net').first();
    expect(whale?.name).toBe('Wanda Hale');
  });

  it('sends a full backup to Backup and restore, back at the first step', async () => {
    render((<ImportSection />));
    await pick(new File([JSON.stringify({ format: 'sidebar-crm-backup', version: 1 })], 'backup.json', { type: 'application/json' }));
    await until(() => host.querySelector('[role="alert"]') !== null);
    expect(host.querySelector('[role="alert"]')!.textContent).toContain('restore it under “Backup and restore” below');
    expect(host.querySelector('input[type="file"]')).not.toBeNull();
  });

  it('says when the user starts choosing a file (the click that opens the dialog, the first drag over the drop zone), so the import can get ready', async () => {
    let choosing = 0;
    render(<ImportChooser currency="USD" onCurrency={() => undefined} onChoosing={() => (choosing += 1)} onFile={() => undefined} />);
    const input = host.querySelector<HTMLInputElement>('input[type="file"]')!;
    // The dialog itself does not open in happy-dom; the click is what the page hears first.
    act(() => input.dispatchEvent(new MouseEvent('click', { bubbles: true })));
    expect(choosing).toBe(1);
    const zone = host.querySelector('.io-drop')!;
    act(() => zone.dispatchEvent(new Event('dragover', { bubbles: true, cancelable: true })));
    act(() => zone.dispatchEvent(new Event('dragover', { bubbles: true, cancelable: true })));
    expect(choosing).toBe(2);
  });

  it('says when the file dialog closed without a file (the input\'s cancel event, or a change to no file)', () => {
    let cancelled = 0;
    render(<ImportChooser currency="USD" onCurrency={() => undefined} onChoosingCancelled={() => (cancelled += 1)} onFile={() => undefined} />);
    const input = host.querySelector<HTMLInputElement>('input[type="file"]')!;
    act(() => input.dispatchEvent(new Event('cancel')));
    expect(cancelled).toBe(1);
    // A dialog answered with no file: a change to no file.
    Object.defineProperty(input, 'files', { value: [], configurable: true });
    act(() => input.dispatchEvent(new Event('change', { bubbles: true })));
    expect(cancelled).toBe(2);
  });
});
