// @vitest-environment happy-dom
/**
 * A contact's Templates block (components/templates/ContactTemplates.tsx) offers only the
 * templates for everyone and for a segment this contact is in (issue 22), says why a segment's
 * template is offered, and follows the contact into or out of a segment without a reload.
 * Real IndexedDB (fake-indexeddb), the real component and lib/db.
 */
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { ContactTemplates } from '@/components/templates/ContactTemplates';
import { createSegment, crmDatabase, deleteSegment, saveTemplate } from '@/lib/db';
import { Contact, type ContactValue } from '@/lib/model';
import { reactHost } from '../ui/react-host';
import { freshCrmDatabase } from '../ui/fresh-crm-database';

const { host, render } = reactHost();

async function until(check: () => boolean): Promise<void> {
  for (let tries = 0; tries < 200 && !check(); tries += 1) await act(() => new Promise((resolve) => setTimeout(resolve, 10)));
  expect(check(), host.textContent ?? '').toBe(true);
}
const picker = () => {
  const label = [...host.querySelectorAll('label')].find((candidate) => candidate.textContent === 'Template');
  return label ? host.querySelector<HTMLSelectElement>(`#${CSS.escape(label.htmlFor)}`) : null;
};
const offered = () => [...(picker()?.options ?? [])].map((option) => option.textContent);

const ada = Contact.parse({ id: 'ada', name: 'Ada Lovelace', emails: ['ada@example.org'], tags: ['vip'], createdAt: 1, updatedAt: 1 });
const alan = Contact.parse({ id: 'alan', name: 'Alan Turing', emails: ['alan@example.org'], createdAt: 1, updatedAt: 1 });

freshCrmDatabase(async (db) => {
  await db.contacts.bulkPut([ada, alan]);
});

describe('a contact’s templates', () => {
  it('offers templates for everyone and for the contact’s segments first, saying why; not another segment’s', async () => {
    const db = crmDatabase();
    const vips = await createSegment(db, 'VIPs', [{ field: 'tag', op: 'has', value: 'vip' }]);
    const leads = await createSegment(db, 'Leads in Berlin', [{ field: 'location', op: 'contains', value: 'Berlin' }]);
    await saveTemplate(db, { name: 'Check-in', body: 'Hi {{firstName}}' });
    await saveTemplate(db, { name: 'VIP renewal', body: 'Dear {{firstName}}', segmentId: vips.id });
    await saveTemplate(db, { name: 'Berlin meetup', body: 'Servus {{firstName}}', segmentId: leads.id });

    await render(<ContactTemplates contact={ada} />);
    await until(() => offered().length > 0);
    expect(offered()).toEqual(['VIP renewal (for VIPs)', 'Check-in']);
    expect(picker()!.value).not.toBe('');
    const why = host.querySelector(`#${CSS.escape(picker()!.getAttribute('aria-describedby')!)}`);
    expect(why?.textContent).toBe('Offered because this contact is in “VIPs”, the segment this template is for.');
    expect(host.textContent).toContain('Dear Ada');
  });

  it('offers a non-member only the templates for everyone, and one whose segment was deleted', async () => {
    const db = crmDatabase();
    const vips = await createSegment(db, 'VIPs', [{ field: 'tag', op: 'has', value: 'vip' }]);
    const gone = await createSegment(db, 'Old list', [{ field: 'tag', op: 'has', value: 'old' }]);
    await saveTemplate(db, { name: 'Check-in', body: 'Hi {{firstName}}' });
    await saveTemplate(db, { name: 'VIP renewal', body: 'Dear {{firstName}}', segmentId: vips.id });
    await saveTemplate(db, { name: 'Old news', body: 'Hello {{firstName}}', segmentId: gone.id });
    await deleteSegment(db, gone.id);

    await render(<ContactTemplates contact={alan} />);
    await until(() => offered().length > 0);
    expect(offered()).toEqual(['Check-in', 'Old news']);
    expect(picker()!.hasAttribute('aria-describedby')).toBe(false);
  });

  it('follows the contact into a segment when its facts change', async () => {
    const db = crmDatabase();
    const strategic = await createSegment(db, 'Strategic customers', [{ field: 'tier', op: 'is', value: 'strategic' }]);
    await saveTemplate(db, { name: 'Check-in', body: 'Hi' });
    await saveTemplate(db, { name: 'Quarterly review', body: 'Hello', segmentId: strategic.id });

    await render(<ContactTemplates contact={alan} />);
    await until(() => offered().length === 1);
    // The value model ranks Alan strategic: the values row changes, not the contact.
    const value: ContactValue = { contactId: 'alan', historical: 0, predictedPurchases: null, pAlive: null, expectedSpend: null, clv: null, rfm: { r: 0, f: 0, m: 0 }, tier: 'strategic', explanation: '', computedAt: 1 };
    await act(async () => void (await db.values.put(value)));
    await until(() => offered().length === 2);
    expect(offered()).toEqual(['Quarterly review (for Strategic customers)', 'Check-in']);
  });

  it('says when every template is for a segment the contact is not in', async () => {
    const db = crmDatabase();
    const vips = await createSegment(db, 'VIPs', [{ field: 'tag', op: 'has', value: 'vip' }]);
    await saveTemplate(db, { name: 'VIP renewal', body: 'Dear {{firstName}}', segmentId: vips.id });
    await render(<ContactTemplates contact={alan} />);
    await until(() => (host.textContent ?? '').includes('No templates for this contact'));
    expect(picker()).toBeNull();
    expect(host.textContent).toContain('each one is for a segment they are not in');
  });
});
