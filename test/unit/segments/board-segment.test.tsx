// @vitest-environment happy-dom
/**
 * The Board's Segment choice (issue 22): choosing a saved segment keeps only its members' cards
 * (a person, or a deal's person), says how many, follows the segment as contacts change, and
 * "All contacts" shows everyone again. Real IndexedDB (fake-indexeddb), the real board page.
 */
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { segmentSummary } from '@/components/board/board-segment';
import { BoardApp } from '@/entrypoints/board/BoardApp';
import { addDeal, createSegment, crmDatabase, moveDealToStage } from '@/lib/db';
import { Contact } from '@/lib/model';
import { pipelineFromTemplate } from '@/lib/pipelines';
import { savePipelines } from '@/lib/settings/pipelines';
import { reactHost } from '../ui/react-host';

const { host, render } = reactHost();

async function until(check: () => boolean): Promise<void> {
  for (let tries = 0; tries < 100 && !check(); tries += 1) await act(() => new Promise((resolve) => setTimeout(resolve, 10)));
  expect(check(), host.textContent ?? '').toBe(true);
}
function choose(select: HTMLSelectElement, value: string): Promise<void> {
  return act(async () => {
    select.value = value;
    select.dispatchEvent(new Event('change', { bubbles: true }));
  });
}
const segmentSelect = () => {
  const label = [...host.querySelectorAll('label')].find((candidate) => candidate.textContent === 'Segment');
  return label ? host.querySelector<HTMLSelectElement>(`#${CSS.escape(label.htmlFor)}`) : null;
};
const cardTitles = () => [...host.querySelectorAll('[data-card-id]')].map((card) => card.querySelector('.board-card-title')?.textContent ?? card.textContent ?? '').sort();
const summary = () => host.querySelector('.board-segment')?.textContent ?? '';

const recruiting = pipelineFromTemplate('recruiting', []);
const sales = pipelineFromTemplate('sales', []);
const person = (id: string, name: string, extra: Partial<Contact>) => Contact.parse({ id, name, createdAt: 1, updatedAt: 1, ...extra });

beforeEach(async () => {
  fakeBrowser.reset();
  location.hash = '';
  const db = crmDatabase();
  if (!db.isOpen()) await db.open();
  await db.contacts.bulkPut([
    person('ada', 'Ada Lovelace', { tags: ['vip'], pipelineStage: `${recruiting.id}:screening` }),
    person('grace', 'Grace Hopper', { tags: ['vip'], pipelineStage: `${recruiting.id}:offer` }),
    person('alan', 'Alan Turing', { pipelineStage: `${recruiting.id}:offer` }),
    // In the segment but on no board: counted among its members, not as a card.
    person('edsger', 'Edsger Dijkstra', { tags: ['vip'] }),
  ]);
  await savePipelines([recruiting, sales]);
});
afterEach(async () => {
  await crmDatabase().delete();
});

describe('Board → Segment', () => {
  it('is not offered before a segment exists', async () => {
    await render(<BoardApp />);
    await until(() => cardTitles().length === 3);
    expect(segmentSelect()).toBeNull();
  });

  it('keeps only the members’ cards, with the count, live, and All contacts shows everyone again', async () => {
    const vip = await createSegment(crmDatabase(), 'VIPs', [{ field: 'tag', op: 'has', value: 'vip' }]);
    await render(<BoardApp />);
    await until(() => segmentSelect() !== null && cardTitles().length === 3);
    await choose(segmentSelect()!, vip.id);
    await until(() => cardTitles().length === 2);
    expect(cardTitles().join(' ')).toContain('Ada Lovelace');
    expect(cardTitles().join(' ')).toContain('Grace Hopper');
    expect(cardTitles().join(' ')).not.toContain('Alan Turing');
    expect(summary()).toBe(`Segment “VIPs”: 2 of its 3 members are in ${recruiting.name}.`);
    expect(host.querySelector('.board-segment')?.getAttribute('role')).toBe('status');

    // Alan gains the tag: he joins the segment and the board, without a reload.
    await act(async () => void (await crmDatabase().contacts.update('alan', { tags: ['vip'] })));
    await until(() => cardTitles().length === 3);
    expect(summary()).toBe(`Segment “VIPs”: 3 of its 4 members are in ${recruiting.name}.`);

    await choose(segmentSelect()!, '');
    await until(() => summary() === '' && cardTitles().length === 3);
  });

  it('keeps a deals board’s deals whose person is a member', async () => {
    const db = crmDatabase();
    const vip = await createSegment(db, 'VIPs', [{ field: 'tag', op: 'has', value: 'vip' }]);
    const adas = await addDeal(db, { contactId: 'ada', title: 'Engines', amount: 100, currency: 'USD', status: 'open', at: 1 });
    const alans = await addDeal(db, { contactId: 'alan', title: 'Bombe', amount: 100, currency: 'USD', status: 'open', at: 1 });
    await moveDealToStage(db, adas.id, sales, 'lead');
    await moveDealToStage(db, alans.id, sales, 'lead');
    location.hash = encodeURIComponent(sales.id);
    await render(<BoardApp />);
    await until(() => segmentSelect() !== null && cardTitles().length === 2);
    await choose(segmentSelect()!, vip.id);
    await until(() => cardTitles().length === 1);
    expect(cardTitles()[0]).toContain('Engines');
    expect(summary()).toBe(`Segment “VIPs”: 1 deal of its 3 members is in ${sales.name}.`);
  });

  it('words one member and no cards', () => {
    expect(segmentSummary('contacts', 'Hiring', 0, { name: 'Solo', members: 1 })).toBe('Segment “Solo”: 0 of its 1 member are in Hiring.');
  });
});
