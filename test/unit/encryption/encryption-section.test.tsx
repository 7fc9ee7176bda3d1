// @vitest-environment happy-dom
/**
 * Options → Sync → End-to-end encryption (issue 19), its states as the background reports them:
 * off for an owner (the warning must be ticked before anything is asked of the background), off
 * for a member, locked (the unlock form, a wrong passphrase's words), on with rows set aside
 * (Discard), and the recovery key shown once after turning it on.
 */
import { act } from 'react';
import { fakeBrowser } from 'wxt/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EncryptionSection } from '@/components/encryption/EncryptionSection';
import type { EncryptionStatus } from '@/lib/sync/client/encryption-actions';
import { reactHost } from '../ui/react-host';

const { host, render } = reactHost();

const base: EncryptionStatus = { mode: 'plain', locked: false, isOwner: true, undecryptable: 0, rotateSuggested: false };

/** The background as these tests need it: a status, and what each other message answers. */
function background(status: EncryptionStatus, answers: Record<string, unknown> = {}): unknown[] {
  const asked: unknown[] = [];
  fakeBrowser.runtime.onMessage.addListener((message: unknown) => {
    asked.push(message);
    const type = (message as { type: string }).type;
    if (type === 'encryption:status') return Promise.resolve({ ok: true, status });
    return Promise.resolve(answers[type] ?? { ok: true });
  });
  return asked;
}

async function until(check: () => boolean): Promise<void> {
  for (let tries = 0; tries < 100 && !check(); tries += 1) await act(() => new Promise((resolve) => setTimeout(resolve, 10)));
  expect(check(), host.textContent ?? '').toBe(true);
}

function type(label: string, value: string): void {
  const input = [...host.querySelectorAll('label')].find((element) => element.textContent === label)?.control as HTMLInputElement;
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
  setter.call(input, value);
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

async function submit(name: string): Promise<void> {
  const button = [...host.querySelectorAll('button')].find((element) => element.textContent === name)!;
  await act(async () => button.click());
}

beforeEach(() => fakeBrowser.reset());
afterEach(() => fakeBrowser.reset());

describe('Options → End-to-end encryption', () => {
  it('asks an owner to tick the warning before turning it on, then shows the recovery key once', async () => {
    const asked = background(base, { 'encryption:enable': { ok: true, recoveryKey: 'ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345-6789-ABCD-EFGH-JKMN-PQRS-TVWX-YZ01' } });
    await render(<EncryptionSection workspace="ws_acme" />);
    await until(() => host.textContent!.includes('Turn on encryption'));
    expect(host.textContent).toContain('nobody (not the server’s operator, not Sidebar CRM) can read the server’s copy');
    await act(async () => {
      type('Passphrase', 'amber falcon quietly ladders');
      type('Passphrase again', 'amber falcon quietly ladders');
    });
    await submit('Turn on encryption');
    await until(() => host.querySelector('[role="alert"]') !== null);
    expect(host.querySelector('[role="alert"]')!.textContent).toMatch(/Tick the box first/);
    expect(asked.filter((message) => (message as { type: string }).type === 'encryption:enable')).toEqual([]);

    const box = host.querySelector<HTMLInputElement>('input[type="checkbox"]')!;
    await act(async () => box.click());
    await submit('Turn on encryption');
    await until(() => host.querySelector('[data-testid="recovery-key"]') !== null);
    expect(asked).toContainEqual({ type: 'encryption:enable', passphrase: 'amber falcon quietly ladders' });
    expect(host.querySelector('[data-testid="recovery-key"]')!.textContent).toMatch(/^ABCD-EFGH/);
    await submit('I have saved it');
    expect(host.querySelector('[data-testid="recovery-key"]')).toBeNull();
  });

  it('tells a member only an owner turns it on', async () => {
    background({ ...base, isOwner: false });
    await render(<EncryptionSection workspace="ws_acme" />);
    await until(() => host.textContent!.includes('Only an owner of this workspace can turn it on'));
    expect(host.querySelector('form')).toBeNull();
  });

  it('shows a locked browser the unlock form, and the background’s words for a wrong passphrase', async () => {
    const asked = background({ ...base, mode: 'encrypted', locked: true, currentKeyId: 'k1', isOwner: false }, { 'encryption:unlock': { ok: false, error: 'That passphrase does not unlock this workspace. Check it and try again; nothing was changed.' } });
    await render(<EncryptionSection workspace="ws_acme" />);
    await until(() => host.querySelector('form[aria-label="Unlock this workspace"]') !== null);
    await act(async () => type('Workspace passphrase', 'wrong one'));
    await submit('Unlock');
    await until(() => host.querySelector('[role="alert"]') !== null);
    expect(host.querySelector('[role="alert"]')!.textContent).toMatch(/does not unlock this workspace/);
    expect(asked).toContainEqual({ type: 'encryption:unlock', passphrase: 'wrong one' });
  });

  it('counts rows set aside as undecryptable and forgets them on Discard; offers rotation after a removal', async () => {
    const asked = background({ ...base, mode: 'encrypted', currentKeyId: 'k1', undecryptable: 2, rotateSuggested: true });
    await render(<EncryptionSection workspace="ws_acme" />);
    await until(() => host.textContent!.includes('2 rows from the server did not decrypt'));
    expect(host.textContent).toContain('A member was removed');
    await submit('Discard them');
    await until(() => asked.some((message) => (message as { type: string }).type === 'encryption:discard-undecryptable'));
  });
});
