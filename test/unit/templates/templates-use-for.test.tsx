// @vitest-environment happy-dom
/**
 * Options → Templates → "Use for" (issue 22): a template can be limited to one saved segment,
 * the list says whom each is for, and a template whose segment was deleted says it is offered to
 * everyone and is saved for everyone. Real IndexedDB (fake-indexeddb), the real section.
 */
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { TemplatesSection } from '@/components/templates/TemplatesSection';
import { createSegment, crmDatabase, deleteSegment, listTemplates, saveTemplate } from '@/lib/db';
import { reactHost } from '../ui/react-host';
import { freshCrmDatabase } from '../ui/fresh-crm-database';

const { host, render } = reactHost();

async function until(check: () => boolean): Promise<void> {
  for (let tries = 0; tries < 200 && !check(); tries += 1) await act(() => new Promise((resolve) => setTimeout(resolve, 10)));
  expect(check(), host.textContent ?? '').toBe(true);
}
const control = <T extends HTMLElement>(labelText: string): T | null => {
  const label = [...host.querySelectorAll('label')].find((candidate) => candidate.textContent === labelText);
  return label ? host.querySelector<T>(`#${CSS.escape(label.htmlFor)}`) : null;
};
/** Types as React sees it: the native value setter, then an input event. */
function type(element: HTMLInputElement | HTMLTextAreaElement, value: string): Promise<void> {
  return act(async () => {
    const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(element), 'value')!.set!;
    setter.call(element, value);
    element.dispatchEvent(new Event('input', { bubbles: true }));
  });
}
function choose(select: HTMLSelectElement, value: string): Promise<void> {
  return act(async () => {
    select.value = value;
    select.dispatchEvent(new Event('change', { bubbles: true }));
  });
}
const click = (element: Element) => act(async () => void (element as HTMLElement).click());
const button = (name: string) => [...host.querySelectorAll('button')].find((b) => (b.getAttribute('aria-label') ?? b.textContent) === name);
const listed = () => [...host.querySelectorAll('.template-list li')].map((li) => `${li.querySelector('.template-name')?.textContent}: ${li.querySelector('.template-audience')?.textContent}`);

freshCrmDatabase();

describe('Templates → Use for', () => {
  it('limits a new template to a chosen segment, and lists whom each template is for', async () => {
    const vips = await createSegment(crmDatabase(), 'VIPs', [{ field: 'tag', op: 'has', value: 'vip' }]);
    await saveTemplate(crmDatabase(), { name: 'Check-in', body: 'Hi' });
    await render(<TemplatesSection />);
    await until(() => control<HTMLSelectElement>('Use for') !== null && listed().length === 1);
    const useFor = control<HTMLSelectElement>('Use for')!;
    expect([...useFor.options].map((option) => option.textContent)).toEqual(['Everyone', 'VIPs']);
    expect(useFor.value).toBe('');
    expect(host.querySelector(`#${CSS.escape(useFor.getAttribute('aria-describedby')!)}`)?.textContent).toContain('offered only on its members’ profiles');

    await type(control<HTMLInputElement>('Name')!, 'VIP renewal');
    await type(control<HTMLTextAreaElement>('Message')!, 'Dear {{firstName}}');
    await choose(useFor, vips.id);
    await click(button('Add template')!);
    await until(() => listed().length === 2);
    expect(listed()).toEqual(['Check-in: ', 'VIP renewal: for VIPs']);
    expect((await listTemplates(crmDatabase())).find((template) => template.name === 'VIP renewal')?.segmentId).toBe(vips.id);
  });

  it('says a template whose segment was deleted is for everyone, and saves it so', async () => {
    const db = crmDatabase();
    await createSegment(db, 'VIPs', [{ field: 'tag', op: 'has', value: 'vip' }]);
    const old = await createSegment(db, 'Old list', [{ field: 'tag', op: 'has', value: 'old' }]);
    await saveTemplate(db, { name: 'Old news', body: 'Hello', segmentId: old.id });
    await deleteSegment(db, old.id);
    await render(<TemplatesSection />);
    await until(() => listed().length === 1);
    expect(listed()).toEqual(['Old news: for everyone: its segment was deleted']);

    await click(button('Edit Old news')!);
    await until(() => (host.textContent ?? '').includes('was deleted, so it is offered to everyone'));
    expect(control<HTMLSelectElement>('Use for')!.value).toBe('');
    await click(button('Save template')!);
    await until(() => (host.textContent ?? '').includes('Saved “Old news”'));
    expect((await listTemplates(db))[0]).not.toHaveProperty('segmentId');
    await until(() => listed()[0] === 'Old news: ');
  });

  it('tells how to make a segment when none exists', async () => {
    await render(<TemplatesSection />);
    await until(() => (host.textContent ?? '').includes('save a segment first'));
    expect(control('Use for')).toBeNull();
  });
});
